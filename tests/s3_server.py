"""An S3-compatible server for the tests: moto's standalone server (PyPI `moto[server]`), fully offline.

`.ci/run` starts one on 127.0.0.1:5900 and exports S3_ENDPOINT_URL. A local run without that variable gets one
started here, on a free port, for the session. Tests switch the default storage to django-storages' S3 backend
pointing at it (`sora_social.settings.storage.s3_storage_config`, the same entry production uses), one fresh
bucket per test module, and list the bucket to see what the code stored or deleted.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# moto accepts any credentials; these keep boto3 from looking for real ones.
CREDENTIALS = {"access_key": "testing", "secret_key": "testing"}
REGION = "us-east-1"
START_TIMEOUT_S = 30.0


class S3ServerUnavailable(RuntimeError):
    """No S3 server was configured and moto's could not be started."""


def endpoint_answers(endpoint_url: str, *, timeout_s: float = 2.0) -> bool:
    """Whether an S3 endpoint answers HTTP at all (any status: moto's root lists buckets, a real store may 403)."""
    try:
        with urllib.request.urlopen(endpoint_url, timeout=timeout_s):  # noqa: S310 - our own local test URL
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _moto_server_command(port: int) -> list[str]:
    script = Path(sys.executable).with_name("moto_server")
    if script.exists():
        return [str(script), "-H", "127.0.0.1", "-p", str(port)]
    return [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]


@contextmanager
def s3_server_for_tests() -> Iterator[str]:
    """The endpoint URL of an S3 server for this test session: S3_ENDPOINT_URL, else moto started (and stopped) here.

    Raises S3ServerUnavailable when neither works.
    """
    configured = os.environ.get("S3_ENDPOINT_URL", "").strip()
    if configured:
        if not endpoint_answers(configured):
            raise S3ServerUnavailable(f"S3_ENDPOINT_URL={configured} does not answer")
        yield configured
        return
    try:
        import moto.server  # noqa: F401 - only to say clearly that it is missing
    except ImportError as exc:
        raise S3ServerUnavailable("moto[server] is not installed (requirements-dev.txt)") from exc
    port = _free_port()
    endpoint = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(  # noqa: S603 - our own interpreter's moto_server
        _moto_server_command(port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not endpoint_answers(endpoint, timeout_s=0.5):
            if process.poll() is not None:
                raise S3ServerUnavailable(f"moto_server exited with {process.returncode}")
            if time.monotonic() > deadline:
                raise S3ServerUnavailable(f"moto_server did not answer on {endpoint} within {START_TIMEOUT_S} s")
            time.sleep(0.1)
        yield endpoint
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass(frozen=True)
class S3Bucket:
    """One bucket on the test server, looked at directly with boto3 (not through the code under test)."""

    endpoint_url: str
    name: str

    @property
    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=CREDENTIALS["access_key"],
            aws_secret_access_key=CREDENTIALS["secret_key"],
        )

    def storage_config(self) -> dict:
        """The STORAGES["default"] entry production would use for this bucket."""
        from sora_social.settings.storage import s3_storage_config

        return s3_storage_config(bucket=self.name, endpoint_url=self.endpoint_url, region=REGION, **CREDENTIALS)

    def keys(self, prefix: str = "") -> list[str]:
        """Every object's key in the bucket (under `prefix`), sorted."""
        keys: list[str] = []
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.name, Prefix=prefix):
            keys.extend(item["Key"] for item in page.get("Contents", ()))
        return sorted(keys)

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def empty(self) -> None:
        client = self.client
        for key in self.keys():
            client.delete_object(Bucket=self.name, Key=key)


def bucket_create(endpoint_url: str, *, prefix: str = "sora-test") -> S3Bucket:
    bucket = S3Bucket(endpoint_url=endpoint_url, name=f"{prefix}-{uuid.uuid4().hex[:16]}")
    bucket.client.create_bucket(Bucket=bucket.name)
    return bucket


def bucket_remove(bucket: S3Bucket) -> None:
    bucket.empty()
    bucket.client.delete_bucket(Bucket=bucket.name)
