"""The door's audit outlives the request that asked (see cameos.policy, "the audit survives any exit")."""

from cameos.policy import consent_audit_flush


class ConsentAuditMiddleware:
    """After the view's transaction ended, committed or rolled back, write again the audit rows it took away."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            consent_audit_flush()
