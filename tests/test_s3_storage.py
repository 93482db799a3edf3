"""With S3_BUCKET set, every stored file goes through the storage API to the bucket and nothing needs a local path.

These tests switch the default storage to django-storages' S3 backend, configured as production configures it,
against moto's standalone S3 server (tests/s3_server.py), and list the bucket to see what the code did.
"""

import hashlib
import json
import os
import subprocess
import sys
import urllib.request
from email.message import Message
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.test import Client

from generation import services
from generation.models import GenerationJob
from sora_social.files import local_path, storage_has_paths, stored_file_in, stored_file_on_disk
from sora_social.media_delivery import PRESIGNED_TTL_S

pytestmark = pytest.mark.django_db


def files_under(folder: Path) -> list[Path]:
    return sorted(path for path in Path(folder).rglob("*") if path.is_file()) if Path(folder).exists() else []


def fetch(url: str, *, byte_range: str | None = None) -> tuple[int, Message, bytes]:
    """GET a URL outside Django (the presigned URL a phone's player follows)."""
    request = urllib.request.Request(url, headers={"Range": byte_range} if byte_range else {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - the local test S3 server
        return response.status, response.headers, response.read()  # headers: case-insensitive


def _default_storage_with(env: dict) -> dict:
    """STORAGES["default"] as the settings read it from these environment variables (in a fresh interpreter)."""
    code = "import json; from sora_social.settings.storage import STORAGES; print(json.dumps(STORAGES['default']))"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("S3_")}
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True, check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return json.loads(result.stdout)


def test_s3_bucket_switches_the_default_storage_to_s3_and_the_tests_use_the_same_entry(s3_storage):
    from storages.backends.s3 import S3Storage

    from sora_social.settings.storage import s3_storage_config

    config = _default_storage_with(
        {"S3_BUCKET": "media", "S3_ENDPOINT_URL": "https://minio.example.org", "S3_REGION": "eu-west-1"}
    )

    assert config == s3_storage_config(bucket="media", endpoint_url="https://minio.example.org", region="eu-west-1")
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    assert config["OPTIONS"]["default_acl"] == "private" and config["OPTIONS"]["querystring_auth"] is True
    assert config["OPTIONS"]["addressing_style"] == "path"  # custom endpoints (R2, MinIO) by path
    assert config["OPTIONS"]["file_overwrite"] is False
    assert s3_storage_config(bucket="media")["OPTIONS"]["addressing_style"] is None  # AWS decides
    assert _default_storage_with({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert isinstance(storages["default"], S3Storage)
    assert default_storage.bucket_name == s3_storage.name and GenerationJob().video.storage.bucket_name == s3_storage.name


def test_a_stored_file_has_no_path_and_is_copied_through_the_storage_api(s3_storage, tmp_path):
    job = GenerationJob(owner_id=None)
    content = bytes(range(256)) * 5000  # 1.28 MB: more than one copy block
    job.video.save("copied.mp4", ContentFile(content), save=False)

    assert s3_storage.keys() == [job.video.name]
    assert not storage_has_paths(default_storage) and local_path(job.video) is None
    with stored_file_on_disk(job.video, suffix=".mp4") as path:
        assert path.suffix == ".mp4" and path.read_bytes() == content
    assert not path.exists()  # the temporary copy is gone with the block
    scratch = tmp_path / "scratch"
    assert stored_file_in(job.video, scratch, filename="parent.mp4").read_bytes() == content
    assert files_under(scratch) == [scratch / "parent.mp4"]


def test_a_render_is_stored_in_the_bucket_and_played_through_a_redirect_to_a_presigned_url(
    s3_storage, make_user, client_for, settings, monkeypatch
):
    monkeypatch.setattr("generation.services._queue_render", lambda job: None)
    alice = make_user("alice")

    # When alice's video renders with S3 storage
    job = services.generation_submit(owner=alice, prompt="a ball bounces on a beach", duration_s=1, resolution="360p", seed=3)
    assert services.generation_render(job_id=job.pk) == GenerationJob.State.SUCCEEDED
    job.refresh_from_db()

    # Then the video and poster are objects in the bucket, and nothing is left on the worker's disk
    assert s3_storage.keys() == sorted([job.video.name, job.poster.name])
    assert job.video.name.startswith("videos/") and job.poster.name.startswith("posters/")
    video = s3_storage.read(job.video.name)
    assert hashlib.sha256(video).hexdigest() == job.video_sha256 and len(video) == job.size_bytes
    assert s3_storage.read(job.poster.name)[:3] == b"\xff\xd8\xff"  # a JPEG
    assert files_under(settings.MEDIA_ROOT) == []

    # When her app plays the signed URL from the API
    shown = client_for(alice).get(f"/api/v1/generations/{job.pk}/").json()
    answer = Client().get(shown["video_url"])

    # Then it is a redirect to a short-lived presigned URL of the store, which serves byte ranges itself
    assert answer.status_code == 302 and answer["Cache-Control"] == "private, no-store"
    location = answer["Location"]
    assert location.startswith(f"{s3_storage.endpoint_url}/{s3_storage.name}/{job.video.name}?")
    query = parse_qs(urlsplit(location).query)
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"] and query["X-Amz-Signature"]
    assert int(query["X-Amz-Expires"][0]) == PRESIGNED_TTL_S
    status, headers, body = fetch(location, byte_range="bytes=0-99")
    assert status == 206 and body == video[:100]
    assert headers["Content-Range"] == f"bytes 0-99/{len(video)}"
    status, _, body = fetch(location)
    assert status == 200 and body == video
    poster = Client().get(shown["poster_url"])
    assert poster.status_code == 302 and fetch(poster["Location"])[2] == s3_storage.read(job.poster.name)
