"""What tests/test_generated_client.py needs around the journey: the app running as `make run` runs it (a web server
and one Celery worker for every queue, sharing one machine's folders), a Python client generated from the live
schema by openapi-python-client and imported as it came out, allauth's own sign-up, and the phone's event socket.

Nothing here talks to `/api/v1/` itself: the test does that only through the generated client.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import httpx

from tests.test_separate_hosts_s3 import PASSWORD, Hosts

VENV_BIN = Path(sys.executable).parent
SCHEMA_PATH = "/api/v1/schema/?format=json"
SIGNUP_PATH = "/_allauth/app/v1/auth/signup"
LOGIN_PATH = "/_allauth/app/v1/auth/login"
# The package name the generated client is imported under (its folder's name: `--meta none` writes the package
# itself, with no project around it).
CLIENT_PACKAGE = "sora_social_generated_client"


class OneMachine(Hosts):
    """The processes of `make run`, each started by the test: they share one var folder and one media folder, as
    they share one machine's disk there (tests/test_separate_hosts_s3.py gives each host its own, with S3)."""

    def start(self, name: str, command: list[str], **extra_env: str) -> None:
        (self.root / "media").mkdir(parents=True, exist_ok=True)
        env = {**self.env, **extra_env, "SORA_VAR_DIR": str(self.root / "var"), "MEDIA_ROOT": str(self.root / "media")}
        log = (self.root / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(  # noqa: S603 - our own interpreter
            command, cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def log_tail(self) -> str:
        return "\n".join(
            f"--- {name}\n" + (self.root / f"{name}.log").read_text(errors="replace")[-4000:] for name in self.processes
        )

    def exited(self) -> dict[str, int]:
        return {name: process.returncode for name, process in self.processes.items() if process.poll() is not None}


# --- the generated client ----------------------------------------------------------------------------------------


@dataclass
class GeneratedClient:
    package: ModuleType
    # What openapi-python-client printed while generating (it must hold no warning about the schema).
    generator_output: str
    # The schema's security scheme for /api/v1/ (an apiKey header).
    security_scheme: dict

    @property
    def api(self) -> ModuleType:
        return self.package.api

    @property
    def models(self) -> ModuleType:
        return self.package.models

    def signed_in(self, base_url: str, session_token: str):
        """The generated AuthenticatedClient carrying a session token the way the schema's security scheme says:
        the bare token in `X-Session-Token` (no `Bearer` prefix)."""
        assert self.security_scheme["in"] == "header", self.security_scheme
        return self.package.AuthenticatedClient(
            base_url=base_url,
            token=session_token,
            prefix="",
            auth_header_name=self.security_scheme["name"],
            timeout=httpx.Timeout(60.0),
            raise_on_unexpected_status=True,
        )


def optional_but_sent(value, path: str = "", *, may_be_absent: frozenset[str] = frozenset()) -> list[str]:
    """The fields of a parsed response that the schema calls optional (typed `X | Unset`) although the server sent
    them, as `a.b[0].c`. A field the server always sends must be `required` in the response schema, or every app
    checks for a value that never goes missing. Models named in `may_be_absent` are documented as having fields
    that come and go, and are not looked into."""
    import attrs

    if isinstance(value, list):
        return [
            name
            for index, item in enumerate(value)
            for name in optional_but_sent(item, f"{path}[{index}]", may_be_absent=may_be_absent)
        ]
    if not attrs.has(type(value)) or type(value).__name__ in may_be_absent:
        return []
    found = []
    for field in attrs.fields(type(value)):
        if field.name == "additional_properties":
            continue
        item = getattr(value, field.name)
        name = f"{path}.{field.name}" if path else field.name
        # The generated models keep their annotations as text (`from __future__ import annotations`).
        if "Unset" in str(field.type) and type(item).__name__ != "Unset":
            found.append(name)
        found += optional_but_sent(item, name, may_be_absent=may_be_absent)
    return found


def generate_client(base_url: str, folder: Path) -> GeneratedClient:
    """Fetch the live schema, generate a client from it with openapi-python-client, and import it unmodified."""
    response = httpx.get(base_url + SCHEMA_PATH, timeout=60)
    response.raise_for_status()
    schema = response.json()
    schema_file = folder / "schema.json"
    schema_file.write_bytes(response.content)  # the generator reads exactly what the server sent
    output = folder / CLIENT_PACKAGE
    # The generator runs `ruff` over what it wrote (its post-hooks): it must find the venv's.
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    generated = subprocess.run(
        [
            str(VENV_BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(schema_file),
            "--output-path",
            str(output),
            "--meta",
            "none",
        ],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    text = generated.stdout + generated.stderr
    assert generated.returncode == 0, text
    package = _import_fresh(folder, CLIENT_PACKAGE)
    return GeneratedClient(package=package, generator_output=text, security_scheme=header_scheme(schema))


def header_scheme(schema: dict) -> dict:
    """The one header the operations' security schemes name (a phone app has no cookies)."""
    used = {
        name
        for operations in schema["paths"].values()
        for operation in operations.values()
        if isinstance(operation, dict)
        for requirement in operation.get("security", schema.get("security", []))
        for name in requirement
    }
    schemes = [schema["components"]["securitySchemes"][name] for name in sorted(used)]
    headers = {scheme["name"] for scheme in schemes if scheme["type"] == "apiKey" and scheme["in"] == "header"}
    assert len(headers) == 1, schemes
    return next(scheme for scheme in schemes if scheme.get("in") == "header")


def _import_fresh(folder: Path, name: str) -> ModuleType:
    """Import the package and every module in it (so `client.api.posts.posts_create` is an attribute path), dropping
    what an earlier run of the same process imported under that name."""
    for loaded in [module for module in sys.modules if module == name or module.startswith(name + ".")]:
        del sys.modules[loaded]
    sys.path.insert(0, str(folder))
    try:
        importlib.invalidate_caches()
        package = importlib.import_module(name)
        for module in pkgutil.walk_packages(package.__path__, prefix=name + "."):
            importlib.import_module(module.name)
    finally:
        sys.path.remove(str(folder))
    return package


def forget_client() -> None:
    for loaded in [module for module in sys.modules if module.split(".")[0] == CLIENT_PACKAGE]:
        del sys.modules[loaded]


# --- allauth, in its own documented shape --------------------------------------------------------------------------


def allauth_sign_up(base_url: str, handle: str, invite_code: str, *, birth_date: str = "1990-05-05") -> str:
    """Sign up through allauth's headless API for the `app` client; its session token, for the API client."""
    response = httpx.post(
        base_url + SIGNUP_PATH,
        json={
            "username": handle,
            "email": f"{handle}@example.org",
            "password": PASSWORD,
            "invite_code": invite_code,
            "birth_date": birth_date,
        },
        timeout=60,
    )
    assert response.status_code == 200, response.text
    return response.json()["meta"]["session_token"]


def allauth_sign_in(base_url: str, handle: str) -> str:
    """Sign in (another phone) through allauth's headless API; the new session's token."""
    response = httpx.post(base_url + LOGIN_PATH, json={"username": handle, "password": PASSWORD}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()["meta"]["session_token"]


# --- the event socket ----------------------------------------------------------------------------------------------


class EventSocket:
    """`/ws/events/` as the phone opens it, the session token in the X-Session-Token header, open until `close`."""

    def __init__(self, base_url: str, session_token: str):
        from websockets.sync.client import connect

        url = base_url.replace("http://", "ws://", 1) + "/ws/events/"
        self._connecting = connect(url, additional_headers={"X-Session-Token": session_token}, open_timeout=30)
        self.connection = self._connecting.__enter__()
        self.received: list[dict] = []
        # Why the socket ended, once it did.
        self.closed: str | None = None

    def close(self) -> None:
        self._connecting.__exit__(None, None, None)

    def until(self, predicate, timeout: float) -> dict | None:
        """Read events until one satisfies `predicate` (returned), or None after `timeout` seconds or once the
        socket ended (`closed` says how)."""
        from websockets.exceptions import ConnectionClosed

        deadline = time.monotonic() + timeout
        while self.closed is None and (left := deadline - time.monotonic()) > 0:
            try:
                message = self.connection.recv(timeout=left)
            except TimeoutError:
                return None
            except ConnectionClosed as closed:
                self.closed = f"{closed!r} after {len(self.received)} events"
                return None
            event = json.loads(message)
            self.received.append(event)
            if predicate(event):
                return event
        return None
