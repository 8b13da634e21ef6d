"""Prefect's API for a command's flow runs: the configured server, or a temporary one.

Without a configured server (`PREFECT_API_URL`), Prefect starts a temporary server when the
first flow run needs it, and imports its whole server application into the running process to
do so (~1.7 s, ~100 MB that the writer then carries for the whole run). `prefect_api` starts
the same temporary server the same way (uvicorn serving Prefect's app factory, UI off, in
ephemeral mode, less the start-up work no run needs: `LIGHT_SERVER_ENV`) but first thing in the
command, so it boots while the ingest's modules import,
and lends its address to the run and to any process the run starts (Dask workers would
otherwise each start a server of their own).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tasks.errors import KabarError

API_URL_ENV = "PREFECT_API_URL"
# What Prefect's own temporary server is started with: no UI, ephemeral services only.
SERVER_ENV = {
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
}
# ... and what this one leaves out, none of it part of a run's record (settings the command
# names itself win): registering Prefect's block types, and importing every block module to
# tell whether they changed (0.45 CPU s; block types are registered by whoever saves a block);
# the stream of events to live subscribers, whom a server on a port of its own cannot have;
# usage analytics. A run's flow, tasks, logs, events and artifact are recorded as before, and
# automations still fire.
LIGHT_SERVER_ENV = {
    "PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false",
    "PREFECT_SERVER_MEMOIZE_BLOCK_AUTO_REGISTRATION": "false",
    "PREFECT_SERVER_EVENTS_STREAM_OUT_ENABLED": "false",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
}
# uvicorn's exit code when it cannot bind its port (or its application fails to start)
PORT_IN_USE = 3
POLL_SECONDS = 0.05
STOP_SECONDS = 5.0
# Seconds for the run's last log lines and events to reach the server before it stops.
DRAIN_SECONDS = 5.0


class TemporaryServer:
    """A Prefect server in a child process on a free local port, for one command."""

    def __init__(self, settings_env: dict[str, str]):
        self._env = {**os.environ, **SERVER_ENV, **LIGHT_SERVER_ENV, **settings_env}
        self._process: subprocess.Popen[bytes] | None = None
        self.port = 0

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self) -> None:
        """Start the server process; returns at once (see `wait_ready`)."""
        import prefect

        self.port = _free_port()

        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--app-dir",
                str(Path(prefect.__file__).parent.parent),
                "--factory",
                "prefect.server.api.server:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "error",
                "--lifespan",
                "on",
            ],
            env=self._env,
        )

    def wait_ready(self, timeout: float) -> None:
        """Block until the server answers its health check, or fail saying why it did not."""
        # Said here, not at the start: a command that stops on bad input says only that.
        print(
            f"Starting Prefect's temporary server on http://127.0.0.1:{self.port} "
            "(set PREFECT_API_URL to use a running Prefect server instead)",
            file=sys.stderr,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self._process is not None
            code = self._process.poll()
            if code == PORT_IN_USE and not _port_free(self.port):
                self.start()  # another process took the port first: try a new one
                continue
            if code is not None:
                raise KabarError(
                    f"Prefect's temporary server exited with code {code} while starting (its "
                    "messages are above); fix what they say, or set PREFECT_API_URL to a "
                    "running Prefect server"
                )
            if self._healthy():
                return
            time.sleep(POLL_SECONDS)
        self.stop()
        raise KabarError(
            f"Prefect's temporary server did not answer within {timeout:.0f} s; the machine may "
            "be overloaded: raise PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, or set "
            "PREFECT_API_URL to a running Prefect server"
        )

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.api_url}/health", timeout=1) as response:
                return response.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    def stop(self) -> None:
        """Stop the server and wait for it to exit."""
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def api_configured() -> bool:
    """Whether Prefect would report to a configured server: an API URL in the environment or
    in a settings file Prefect reads (the active profile, `prefect.toml`, `.env` or
    `pyproject.toml` in the working folder). Judged from those files, without importing Prefect
    (over a second of start-up); a file that exists but cannot be read counts as naming a
    server, so a run meant for a server is never kept from it."""
    if os.environ.get(API_URL_ENV):
        return True
    home = Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()
    here = Path.cwd()
    profiles = _settings_file(
        Path(os.environ.get("PREFECT_PROFILES_PATH") or home / "profiles.toml")
    )
    local = _settings_file(here / "prefect.toml")
    project = _settings_file(here / "pyproject.toml")
    dotenv = _settings_file(here / ".env", toml=False)
    if None in (profiles, local, project, dotenv):
        return True
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active", "ephemeral")
    return bool(
        profiles.get("profiles", {}).get(active, {}).get(API_URL_ENV)
        or local.get("api", {}).get("url")
        or project.get("tool", {}).get("prefect", {}).get("api", {}).get("url")
        or API_URL_ENV in dotenv.get("names", ())
    )


def _settings_file(path: Path, toml: bool = True) -> dict | None:
    """A settings file's contents ({} when there is none, None when it cannot be read); for a
    `.env` file, the names it sets."""
    try:
        data = path.read_bytes()
        if toml:
            return tomllib.loads(data.decode("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    lines = data.decode("utf-8", "replace").splitlines()
    return {"names": {line.partition("=")[0].strip() for line in lines if "=" in line}}


@contextmanager
def prefect_api() -> Iterator[Callable[[], None]]:
    """The block's flow runs report to the configured Prefect server, or to a temporary server
    started now and stopped when the block ends.

    Yields `ready`, which waits until the API answers: the block imports what it needs while
    the server boots, and calls `ready()` before its first flow run. The temporary server's
    address is exported as `PREFECT_API_URL`, so processes the run starts report to it too.
    """
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        get_current_settings,
        temporary_settings,
    )

    settings = get_current_settings()
    if settings.api.url:
        with _environment(API_URL_ENV, settings.api.url):
            yield lambda: None
        return
    if not settings.server.ephemeral.enabled:
        yield lambda: None  # Prefect's own error says that a server must be configured
        return
    timeout = float(settings.server.ephemeral.startup_timeout_seconds)
    server = TemporaryServer(settings.to_environment_variables(exclude_unset=True))
    try:
        server.start()
        with (
            _environment(API_URL_ENV, server.api_url),
            # Heartbeats let a lasting server notice runs that died; this one dies with the
            # run, and the heartbeat thread holds up the end of every run by up to a second.
            temporary_settings(
                {PREFECT_API_URL: server.api_url, PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
            ),
        ):
            try:
                yield lambda: server.wait_ready(timeout)
            finally:
                _drain()  # also after a failure: Prefect would wait for the server at exit
    finally:
        server.stop()


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    """Set an environment variable for the block, restoring what was there."""
    previous = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = previous


def _drain() -> None:
    """Send the run's last log lines and events while the server still listens."""
    if "prefect.logging.handlers" not in sys.modules:
        return  # no flow ran
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=DRAIN_SECONDS)
    EventsWorker.drain_all(timeout=DRAIN_SECONDS)
