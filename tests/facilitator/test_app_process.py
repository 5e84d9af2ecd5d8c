"""`veiligheidsdialoog run` is the server: stopping it stops the server and leaves no process behind."""

import socket
import subprocess
from pathlib import Path

from tests.support.waiting import eventually

from .browser import start_app


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def test_terminating_run_stops_the_server(writable_demo_sqlite_url: str, tmp_path: Path) -> None:
    app = start_app(tmp_path, writable_demo_sqlite_url)
    port = int(app.url.rsplit(":", 1)[1])
    assert not _port_free(port)
    app.process.terminate()
    try:
        app.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        app.process.kill()
        raise AssertionError("the server did not stop on SIGTERM") from None
    eventually(lambda: _port_free(port), timeout=10, message=f"something still listens on port {port}")
