"""File storage: the local disk by default, any S3-compatible store through django-storages."""

from .env import env_str

_s3_bucket = env_str("S3_BUCKET")

STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": _s3_bucket,
                "endpoint_url": env_str("S3_ENDPOINT_URL"),
                "region_name": env_str("S3_REGION"),
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
        if _s3_bucket
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Local files only. When set (e.g. "/protected-media"), the signed media view checks access and answers with
# X-Accel-Redirect to <prefix>/<file name>, and nginx sends the bytes from an `internal` location
# (README, Operations, "Media delivery"). Empty: Django streams them itself, ranges included.
MEDIA_ACCEL_REDIRECT_PREFIX = env_str("MEDIA_ACCEL_REDIRECT_PREFIX", "")
