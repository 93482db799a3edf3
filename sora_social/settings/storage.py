"""File storage: the local disk by default, any S3-compatible store through django-storages.

With `S3_BUCKET` set every stored file (verification uploads, videos, posters, avatars) lives in the bucket and is
reached only through the storage API; the one local folder left is a render's scratch space under MEDIA_ROOT/work.
CI runs the S3 path against moto's standalone server (tests/s3_server.py); deployments use S3, R2, MinIO or the like.
"""

from .env import env_str

# An S3 file object reads the object into a spooled temporary file; past this size it goes to disk, not memory.
S3_SPOOL_MAX_MEMORY_BYTES = 8 * 1024 * 1024


def s3_storage_config(
    *, bucket: str, endpoint_url: str | None = None, region: str | None = None, **credentials: str
) -> dict:
    """The STORAGES["default"] entry for one bucket (also used by the tests, so they run what production runs).

    `credentials` (access_key, secret_key) are for tests; deployments leave them out and boto3 finds its own
    (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, an instance role, ...).
    """
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url,
            "region_name": region,
            # A custom endpoint (R2, MinIO, moto) is addressed by path: bucket names need no DNS of their own.
            "addressing_style": "path" if endpoint_url else None,
            "signature_version": "s3v4",
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "max_memory_size": S3_SPOOL_MAX_MEMORY_BYTES,
            **credentials,
        },
    }


_s3_bucket = env_str("S3_BUCKET")

STORAGES = {
    "default": (
        s3_storage_config(bucket=_s3_bucket, endpoint_url=env_str("S3_ENDPOINT_URL"), region=env_str("S3_REGION"))
        if _s3_bucket
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Local files only. When set (e.g. "/protected-media"), the signed media view checks access and answers with
# X-Accel-Redirect to <prefix>/<file name>, and nginx sends the bytes from an `internal` location
# (README, Operations, "Media delivery"). Empty: Django streams them itself, ranges included.
MEDIA_ACCEL_REDIRECT_PREFIX = env_str("MEDIA_ACCEL_REDIRECT_PREFIX", "")
