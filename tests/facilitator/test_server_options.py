"""The server's host allow-list (issue 16, part 7): from VD_ALLOWED_HOSTS, else the host of VD_PUBLIC_URL; the real
`veiligheidsdialoog run` refuses a WebSocket for any other host name (a DNS-rebinding page does not connect)."""

import base64
import http.client
import os
from pathlib import Path

import pytest

from facilitator.server_options import allowed_hosts, streamlit_host_options

from .browser import start_app, stop_app


def test_allowed_hosts_come_from_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VD_ALLOWED_HOSTS", raising=False)
    monkeypatch.delenv("VD_PUBLIC_URL", raising=False)
    assert allowed_hosts() == []  # a laptop in a room, reached by its address: any host
    assert streamlit_host_options() == []
    monkeypatch.setenv("VD_PUBLIC_URL", "https://Dialoog.Example.nl/")
    assert allowed_hosts() == ["dialoog.example.nl", "localhost", "127.0.0.1", "::1"]
    monkeypatch.setenv("VD_ALLOWED_HOSTS", " dialoog.example.nl, *.gemeente.nl ,")
    assert allowed_hosts() == ["dialoog.example.nl", "*.gemeente.nl"]
    assert streamlit_host_options() == [
        "--server.allowedHosts",
        "dialoog.example.nl",
        "--server.allowedHosts",
        "*.gemeente.nl",
    ]


def _websocket_status(port: int, host: str) -> int:
    """The answer to a WebSocket handshake on the app's stream, sent with this Host header."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", "/_stcore/stream", skip_host=True)
    for name, value in (
        ("Host", host),
        ("Upgrade", "websocket"),
        ("Connection", "Upgrade"),
        ("Sec-WebSocket-Key", base64.b64encode(os.urandom(16)).decode()),
        ("Sec-WebSocket-Version", "13"),
    ):
        connection.putheader(name, value)
    connection.endheaders()
    status = connection.getresponse().status
    connection.close()
    return status


def test_the_server_accepts_only_the_allowed_hosts(
    writable_demo_sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VD_ALLOWED_HOSTS", "dialoog.example.nl")
    app = start_app(tmp_path, writable_demo_sqlite_url)
    try:
        port = int(app.url.rsplit(":", 1)[1])
        assert _websocket_status(port, f"dialoog.example.nl:{port}") == 101
        assert _websocket_status(port, f"aanvaller.example.com:{port}") == 403
    finally:
        stop_app(app)
