"""django-allauth: headless sign-in for the phone app, with invite codes at signup."""

from .env import env_str

ACCOUNT_ADAPTER = "sora_social.accounts.adapter.AccountAdapter"
HEADLESS_ADAPTER = "sora_social.accounts.adapter.HeadlessAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "sora_social.accounts.forms.InviteSignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = "handle"
ACCOUNT_USER_MODEL_EMAIL_FIELD = "email"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_USERNAME_VALIDATORS = "sora_social.accounts.validators.handle_validators"
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "optional")
# A session token (which may sit in a socket URL in a server's log) is not the password: adding, removing or making
# primary an address asks for the password again when the last sign-in is older than 5 minutes, or a token alone
# added the thief's address and then reset the password there (tests/accounts/test_signin_and_invite_attacks_round5.py).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# The account's address hears of a password changed or reset and of an address added, changed or removed
# (sora_social.accounts.apps: allauth mails nothing on an addition).
ACCOUNT_EMAIL_NOTIFICATIONS = True
# allauth's defaults, spelled out so operators see them: failed logins and signups are rate limited.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": env_str("RATE_LIMIT_SIGNUP", "20/m/ip"),
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}

HEADLESS_ONLY = True
# The session key as the token, with the session marked as the app's: the admin refuses such a session as a cookie.
HEADLESS_TOKEN_STRATEGY = "sora_social.accounts.adapter.AppSessionTokenStrategy"  # noqa: S105 - a class path
HEADLESS_CLIENTS = ("app",)
HEADLESS_SERVE_SPECIFICATION = True
# allauth's page loads Redoc from a CDN, which the Content-Security-Policy refuses (and an offline laptop lacks).
HEADLESS_SPECIFICATION_TEMPLATE_NAME = "headless/spec/redoc_sidecar.html"
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": env_str("FRONTEND_CONFIRM_EMAIL_URL", "soraapp://account/verify-email/{key}"),
    "account_reset_password_from_key": env_str(
        "FRONTEND_RESET_PASSWORD_URL", "soraapp://account/password/reset/key/{key}"
    ),
    "account_signup": env_str("FRONTEND_SIGNUP_URL", "soraapp://account/signup"),
}
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "sora_social <noreply@localhost>")
