"""Django REST framework and the OpenAPI schema."""

from .env import env_str

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so that its WWW-Authenticate challenge makes anonymous requests 401 rather than 403.
        "sora_social.api.permissions.SessionTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["sora_social.api.parsers.JsonBodyParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "sora_social.api.pagination.CreatedCursorPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "sora_social.api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "sora_social.api.errors.api_exception_handler",
    # OPTIONS is not an operation of the API (the schema names none): a 405 in the error shape, not DRF's metadata
    # (view names, formats). CORS preflights are answered by corsheaders before any view.
    "DEFAULT_METADATA_CLASS": None,
    "DEFAULT_THROTTLE_CLASSES": [],
    "DEFAULT_THROTTLE_RATES": {
        "generation": env_str("THROTTLE_GENERATION", "30/hour"),
        "report": env_str("THROTTLE_REPORT", "20/hour"),
        "comment": env_str("THROTTLE_COMMENT", "60/hour"),
        "upload": env_str("THROTTLE_UPLOAD", "20/hour"),
        # Verification challenges, per person: enough for a few honest retries, too few to farm sequences.
        "challenge": env_str("THROTTLE_CHALLENGE", "10/hour"),
        # Find my face, per person: each search costs seconds of a media worker's CPU.
        "face_search": env_str("THROTTLE_FACE_SEARCH", "10/hour"),
        # Provenance checks, per person: each reads up to 55 MB and its C2PA manifest in the web process.
        "provenance": env_str("THROTTLE_PROVENANCE", "30/hour"),
        # Parental link codes entered, per person: a parent enters one; a script walking through codes is stopped.
        "link_code": env_str("THROTTLE_LINK_CODE", "10/hour"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "sora_social API",
    "DESCRIPTION": (
        "REST API of sora_social for the phone app. It covers `/api/v1/` only. Accounts (sign-up with an invite, "
        "login, email verification, password reset, sessions) are django-allauth's headless API under "
        "`/_allauth/app/v1/`, which is not part of this document: it has its own specification at "
        "`/_allauth/openapi.json` (also `.yaml`, and readable at `/_allauth/openapi.html`), served by allauth "
        "(HEADLESS_SERVE_SPECIFICATION). A phone app generates one client from each. It signs in with the allauth "
        "client, keeps the `session_token` from the response's `meta`, and sends it as the `X-Session-Token` "
        "header on every call here; a 401 here means that token is missing or expired, and the app signs in again "
        "through allauth. Realtime events arrive on the WebSocket `/ws/events/`, opened with the same token. "
        "Every error under `/api/` is the `Error` shape; each operation lists the statuses it can answer with, and a "
        "method a path does not have is a 405 in the same shape. 400 means the request does not match its "
        "documented shape; 422 means a product rule refuses a well-formed request. Every list is a page: `items` "
        "and `next_cursor` (send it back as `cursor`; null on the last page)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # The base views' docstrings describe code, not operations: never use them as descriptions.
    "GET_LIB_DOC_EXCLUDES": "sora_social.api.views.schema_doc_excludes",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "sora_social.api.schema.enum_varnames_hook",
    ],
    # One documented way in for the phone app: allauth's session token (XSessionTokenAuth, from the authenticator's
    # own schema extension). The session cookie DRF also accepts is for staff in a browser (the docs page), not the
    # app, so it is left out rather than offered as a second scheme for the same calls.
    "AUTHENTICATION_WHITELIST": ["sora_social.api.permissions.SessionTokenAuthentication"],
    # Ids in paths are bounded integers (sora_social.api.converters.IdConverter).
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 0, "maximum": 999_999_999_999_999_999}},
    "ENUM_NAME_OVERRIDES": {
        "CameoKindEnum": "cameos.models.Cameo.Kind",
        "GrantStatusEnum": "cameos.models.Grant.Status",
        "ListStateEnum": "feed.viewing_limits.LIST_STATES",
    },
}
