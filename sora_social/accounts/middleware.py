"""Turns a lost invite, handle or address race during signup into allauth's 400 error shape instead of a 500."""

from django.http import JsonResponse

from sora_social.accounts.services import EmailUnavailable, HandleUnavailable, InviteUnavailable


class InviteRedemptionErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # The request's transaction (ATOMIC_REQUESTS) has already rolled back: no user, code unspent.
        if isinstance(exception, InviteUnavailable):
            return JsonResponse(
                {
                    "status": 400,
                    "errors": [
                        {
                            "message": "This invite code is invalid, spent or expired.",
                            "code": "invite_invalid",
                            "param": "invite_code",
                        }
                    ],
                },
                status=400,
            )
        for lost, param in ((HandleUnavailable, "username"), (EmailUnavailable, "email")):
            if isinstance(exception, lost):
                return JsonResponse(
                    {
                        "status": 400,
                        "errors": [{"message": exception.message, "code": exception.code, "param": param}],
                    },
                    status=400,
                )
        return None
