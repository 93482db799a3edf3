"""The error services raise when they refuse an action; the API turns it into its error format."""


class ServiceError(Exception):
    """A refused action with a machine-readable code and the HTTP status the API answers with."""

    def __init__(self, code: str, message: str, status: int = 400, **extra):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.extra = extra
