"""Uploads only where a logged-in user may upload: the upload endpoint refuses a file for an anonymous browser
session (the login page), as an attacker would send it with that session's id, and keeps it for the data
coordinator on the import page; a session's stored uploads are capped."""

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import APIResponse, Page, WebSocket
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.support.waiting import eventually

from .browser import RunningApp, log_in, open_page, start_app, stop_app

pytestmark = pytest.mark.browser


@pytest.fixture
def upload_app(tmp_path: Path) -> Iterator[RunningApp]:
    running = start_app(
        tmp_path, f"sqlite:///{tmp_path / 'uploads.sqlite'}", env={"VEILIGHEIDSDIALOOG_UPLOAD_SESSION_MB": "3"}
    )
    yield running
    stop_app(running)


class SessionIds:
    """The Streamlit session id of every page load, read from the server's first message on the websocket."""

    def __init__(self, page: Page) -> None:
        self.seen: list[str] = []
        page.on("websocket", self._watch)

    def _watch(self, socket: WebSocket) -> None:
        socket.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            message = ForwardMsg.FromString(payload)
            if message.HasField("new_session") and message.new_session.initialize.session_id:
                self.seen.append(message.new_session.initialize.session_id)

    def latest(self) -> str:
        return eventually(lambda: self.seen[-1] if self.seen else None, message="no session id on the websocket")


def _put(page: Page, app: RunningApp, session_id: str, size: int) -> APIResponse:
    """PUT a file to the upload endpoint as the browser's page would, with its XSRF cookie."""
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "_streamlit_xsrf")
    return page.request.put(
        f"{app.url}/_stcore/upload_file/{session_id}/{uuid.uuid4()}",
        headers={"X-Xsrftoken": token},
        multipart={"file": {"name": "groot.csv", "mimeType": "text/csv", "buffer": b"x" * size}},
    )


def test_an_anonymous_session_cannot_store_uploads_and_the_import_page_can(upload_app: RunningApp, page: Page) -> None:
    sessions = SessionIds(page)
    open_page(page, f"{upload_app.url}/inloggen")
    refused = _put(page, upload_app, sessions.latest(), 1024 * 1024)
    assert refused.status == 403, refused.text()

    log_in(page, upload_app)
    open_page(page, f"{upload_app.url}/importeren")
    importer = sessions.latest()
    assert _put(page, upload_app, importer, 1024 * 1024).status == 204
    # the cap per session (120 MB by default, 3 MB for this app) holds however many files are sent
    statuses = [_put(page, upload_app, importer, 1024 * 1024).status for _ in range(3)]
    assert statuses == [204, 204, 413]
