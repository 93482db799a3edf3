"""Signed media as phones and CDNs expect it: byte ranges and validators for local files, a presigned redirect for
object storage, X-Accel-Redirect for nginx, and the API's JSON 404 for everything refused."""

import pytest
from asgiref.sync import async_to_sync
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.test import AsyncClient, Client

from sora_social import media_delivery
from sora_social.api import media
from sora_social.api.media import media_token, signed_media_url

NOT_FOUND = {"code": "not_found", "message": "Not found.", "fields": {}}


@pytest.fixture
def viewer(make_user):
    return make_user("viewer")


@pytest.fixture
def stored(viewer):
    """A file in the test's own MEDIA_ROOT (no guard claims avatars/), and a signed URL for it."""

    def store(content: bytes, name: str = "avatars/clip.mp4") -> tuple[str, str]:
        saved = default_storage.save(name, ContentFile(content))
        return saved, signed_media_url(saved, viewer_id=viewer.pk)

    return store


CONTENT = bytes(range(256)) * 4  # 1024 bytes, each position recognisable


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_full_get_streams_the_file_with_validators_and_a_private_cache_lifetime(stored):
    _, url = stored(CONTENT)

    response = Client().get(url)

    assert response.status_code == 200
    assert response.streaming
    assert _body(response) == CONTENT
    assert response["Content-Type"] == "video/mp4"
    assert response["Content-Length"] == "1024"
    assert response["Accept-Ranges"] == "bytes"
    assert response["ETag"].startswith('"') and response["ETag"].endswith('"')
    assert response["Last-Modified"].endswith("GMT")
    policy, max_age = response["Cache-Control"].split(", ")
    assert policy == "private"
    assert 0 < int(max_age.removeprefix("max-age=")) <= media.DEFAULT_TTL_S


@pytest.mark.parametrize(
    ("header", "content_range", "expected"),
    [
        ("bytes=0-99", "bytes 0-99/1024", CONTENT[:100]),
        ("bytes=1000-", "bytes 1000-1023/1024", CONTENT[1000:]),
        ("bytes=-24", "bytes 1000-1023/1024", CONTENT[-24:]),
        ("bytes=-5000", "bytes 0-1023/1024", CONTENT),  # a suffix longer than the file is the whole file
        ("bytes=1000-99999", "bytes 1000-1023/1024", CONTENT[1000:]),  # the last byte is clamped to the file's
    ],
)
def test_a_single_range_gets_206_with_exactly_those_bytes(stored, header, content_range, expected):
    _, url = stored(CONTENT)

    response = Client().get(url, headers={"Range": header})

    assert response.status_code == 206
    assert response["Content-Range"] == content_range
    assert response["Content-Length"] == str(len(expected))
    assert response["Accept-Ranges"] == "bytes"
    assert _body(response) == expected


@pytest.mark.parametrize("header", ["bytes=1024-", "bytes=5000-6000", "bytes=-0"])
def test_an_unsatisfiable_range_gets_416_with_the_size(stored, header):
    _, url = stored(CONTENT)

    response = Client().get(url, headers={"Range": header})

    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */1024"
    assert response.json()["code"] == "range_not_satisfiable"


@pytest.mark.parametrize("header", ["bytes=0-9,20-29", "items=0-9", "bytes=9-0", "bytes=abc", "bytes=-"])
def test_several_ranges_or_an_invalid_one_get_the_whole_file(stored, header):
    _, url = stored(CONTENT)

    response = Client().get(url, headers={"Range": header})

    assert response.status_code == 200
    assert "Content-Range" not in response
    assert _body(response) == CONTENT


def test_conditional_requests_get_304_while_the_file_is_unchanged(stored):
    _, url = stored(CONTENT)
    first = Client().get(url)

    by_etag = Client().get(url, headers={"If-None-Match": first["ETag"]})
    by_date = Client().get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    other_etag = Client().get(url, headers={"If-None-Match": '"something-else"'})

    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_etag["ETag"] == first["ETag"]
    assert by_etag["Cache-Control"].startswith("private, max-age=")
    assert by_date.status_code == 304
    assert other_etag.status_code == 200


def test_if_range_honours_the_range_only_for_the_current_file(stored):
    _, url = stored(CONTENT)
    first = Client().get(url)

    same_etag = Client().get(url, headers={"Range": "bytes=0-9", "If-Range": first["ETag"]})
    same_date = Client().get(url, headers={"Range": "bytes=0-9", "If-Range": first["Last-Modified"]})
    stale_etag = Client().get(url, headers={"Range": "bytes=0-9", "If-Range": '"1-2"'})
    weak_etag = Client().get(url, headers={"Range": "bytes=0-9", "If-Range": "W/" + first["ETag"]})
    stale_date = Client().get(url, headers={"Range": "bytes=0-9", "If-Range": "Thu, 01 Jan 2015 00:00:00 GMT"})

    assert same_etag.status_code == 206
    assert _body(same_etag) == CONTENT[:10]
    assert same_date.status_code == 206
    for stale in (stale_etag, weak_etag, stale_date):
        assert stale.status_code == 200
        assert _body(stale) == CONTENT


def test_head_answers_like_get_without_a_body(stored):
    _, url = stored(CONTENT)

    full = Client().head(url)
    partial = Client().head(url, headers={"Range": "bytes=0-99"})

    assert full.status_code == 200
    assert full["Content-Length"] == "1024"
    assert full["Accept-Ranges"] == "bytes"
    assert "ETag" in full
    assert full.content == b""
    assert partial.status_code == 206
    assert partial["Content-Range"] == "bytes 0-99/1024"
    assert partial["Content-Length"] == "100"
    assert partial.content == b""


def test_an_empty_file_is_sent_whole(stored):
    _, url = stored(b"", name="avatars/empty.png")

    response = Client().get(url, headers={"Range": "bytes=-10"})

    assert response.status_code == 200
    assert response["Content-Length"] == "0"
    assert _body(response) == b""


def _assert_json_404(response) -> None:
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == NOT_FOUND
    assert response["Cache-Control"] == "private, no-store"


def test_unknown_tampered_and_expired_tokens_get_the_api_json_404(stored, viewer):
    name, url = stored(CONTENT)
    token = url.rstrip("/").rsplit("/", 1)[1]
    payload, mac = token.split(".")
    # Another viewer's id in the same payload, with the original MAC.
    other_viewer = media._b64(media._unb64(payload).replace(f":{viewer.pk}:".encode(), f":{viewer.pk + 1}:".encode()))
    expired = media_token(name, viewer_id=viewer.pk, ttl_s=-1)
    # The MAC's first character changed: it holds six whole bits (the last one holds two, and padding). Replacing the
    # last two characters with "AA" left a MAC that already ended in "AA" untouched, 1 run in 4,096 (CI, 2026-12-05).
    tampered_mac = ("B" if mac[0] == "A" else "A") + mac[1:]

    for bad in ("nonsense", f"{other_viewer}.{mac}", f"{payload}.{tampered_mac}", expired):
        _assert_json_404(Client().get(f"/api/v1/media/{bad}/"))
    head = Client().head(f"/api/v1/media/{expired}/")
    assert head.status_code == 404
    assert head["Content-Type"] == "application/json"


def test_a_deleted_file_or_one_the_viewer_may_no_longer_see_gets_the_api_json_404(stored, monkeypatch):
    name, url = stored(CONTENT)
    gone, gone_url = stored(CONTENT, name="avatars/gone.png")
    default_storage.delete(gone)

    _assert_json_404(Client().get(gone_url))

    monkeypatch.setattr(media, "_media_guards", [lambda file_name, viewer_id: False if file_name == name else None])
    _assert_json_404(Client().get(url, headers={"Range": "bytes=0-9"}))


def test_with_an_accel_redirect_prefix_nginx_sends_the_bytes(stored, settings):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    name, url = stored(CONTENT, name="avatars/a clip é.mp4")

    response = Client().get(url, headers={"Range": "bytes=0-9"})

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/avatars/a%20clip%20%C3%A9.mp4"
    assert name == "avatars/a clip é.mp4"
    assert response["Content-Type"] == "video/mp4"
    assert response["Cache-Control"].startswith("private, max-age=")
    assert response.content == b""


class PresigningStorage(Storage):
    """An object store as the view sees one: no local path, presigned URLs, and no reading through Python."""

    def __init__(self):
        self.presigned: list[tuple[str, int]] = []

    def exists(self, name):
        return True

    def url(self, name, parameters=None, expire=None, http_method=None):
        self.presigned.append((name, expire))
        return f"https://bucket.example/{name}?X-Amz-Expires={expire}&X-Amz-Signature=sig"

    def _open(self, name, mode="rb"):
        raise AssertionError("object storage bytes must not pass through Python")


class PlainUrlStorage(PresigningStorage):
    def url(self, name):
        return f"https://cdn.example/{name}"


def test_object_storage_answers_with_a_redirect_to_a_presigned_url(viewer, monkeypatch):
    store = PresigningStorage()
    monkeypatch.setattr(media, "default_storage", store)
    url = signed_media_url("generated/v.mp4", viewer_id=viewer.pk)

    response = Client().get(url, headers={"Range": "bytes=0-99"})
    head = Client().head(url)

    assert response.status_code == 302
    assert response["Location"].startswith("https://bucket.example/generated/v.mp4?")
    assert response["Cache-Control"] == "private, no-store"
    assert response.content == b""
    assert head.status_code == 302
    name, expire = store.presigned[0]
    assert name == "generated/v.mp4"
    assert expire == media_delivery.PRESIGNED_TTL_S  # a minute, whatever remains of the signed URL


def test_object_storage_without_an_expiry_argument_redirects_to_its_url(viewer, monkeypatch):
    monkeypatch.setattr(media, "default_storage", PlainUrlStorage())

    response = Client().get(signed_media_url("generated/v.mp4", viewer_id=viewer.pk))

    assert response.status_code == 302
    assert response["Location"] == "https://cdn.example/generated/v.mp4"


class CountingFile:
    """A file that counts the bytes read from it."""

    def __init__(self, file, counter: list[int]):
        self._file, self._counter = file, counter

    def read(self, size=-1):
        data = self._file.read(size)
        self._counter[0] += len(data)
        return data

    def __getattr__(self, attribute):
        return getattr(self._file, attribute)


@pytest.fixture
def bytes_read(monkeypatch):
    counter = [0]
    monkeypatch.setattr(media_delivery, "open", lambda *args: CountingFile(open(*args), counter), raising=False)  # noqa: SIM115
    return counter


BIG = 20 * 1024 * 1024


def test_a_range_of_a_20_mb_file_reads_only_that_range(stored, bytes_read):
    _, url = stored(b"\x00" * BIG, name="avatars/big.mp4")

    response = Client().get(url, headers={"Range": f"bytes={BIG // 2}-{BIG // 2 + 99}"})

    assert response.status_code == 206
    assert len(_body(response)) == 100
    assert bytes_read[0] == 100


def test_under_asgi_the_body_is_read_a_block_at_a_time(stored, bytes_read):
    # Django reads a synchronous iterator whole into memory before an ASGI server sends it.
    _, url = stored(b"\x00" * BIG, name="avatars/big.mp4")

    async def first_block():
        response = await AsyncClient().get(url)
        content = aiter(response)  # as Django's ASGI handler consumes it
        block = await anext(content)
        read_so_far = bytes_read[0]
        rest = 0
        async for more in content:
            rest += len(more)
        return response, len(block), read_so_far, rest

    response, first, read_at_first_block, rest = async_to_sync(first_block)()

    assert response.status_code == 200
    assert response["Content-Length"] == str(BIG)
    assert read_at_first_block == first == media_delivery.BLOCK_SIZE
    assert first + rest == BIG
