"""Django REST framework and the OpenAPI schema."""

from .env import env_str

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so that its WWW-Authenticate challenge makes anonymous requests 401 rather than 403.
        "sora_social.api.permissions.SessionTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "sora_social.api.pagination.CreatedCursorPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "sora_social.api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "sora_social.api.errors.api_exception_handler",
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
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "sora_social API",
    "DESCRIPTION": (
        "REST API of sora_social for the phone app. Sign in through django-allauth's headless API "
        "(`/_allauth/app/v1/...`, documented at `/_allauth/openapi.html` and merged below), then send the "
        "session token as the `X-Session-Token` header. Realtime events arrive on the WebSocket `/ws/events/`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
    ],
    "APPEND_COMPONENTS": {
        "securitySchemes": {
            "SessionToken": {"type": "apiKey", "in": "header", "name": "X-Session-Token"},
        }
    },
    "SECURITY": [{"SessionToken": []}],
    # Ids in paths are bounded integers (sora_social.api.converters.IdConverter).
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 0, "maximum": 999_999_999_999_999_999}},
    "ENUM_NAME_OVERRIDES": {
        "CameoKindEnum": "cameos.models.Cameo.Kind",
        "GrantStatusEnum": "cameos.models.Grant.Status",
        "ListStateEnum": "feed.viewing_limits.LIST_STATES",
    },
}
