"""The error services raise when they refuse an action; the API turns it into its error format."""


class ServiceError(Exception):
    """A refused action with a machine-readable code and the HTTP status the API answers with.

    By default 422: a service sees a request that already has its documented shape (views and serializers answer 400
    for one that does not), so a refusal here is a product rule about its content or its timing. Pass 404 for
    something missing or not visible, 409 for a conflict with the current state, 429 for a limit reached."""

    def __init__(self, code: str, message: str, status: int = 422, **extra):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.extra = extra
