"""Who may put a file on the server, and how much it may hold: checked where Streamlit stores an upload.

Streamlit accepts an upload for any open browser session, also an anonymous one on the login page, and keeps it in
memory until the session ends: eight 45 MB uploads to made-up file ids from the login page grew the server by 360 MB.
Here the upload manager's `add_file` is wrapped once per process: a file is kept only for a session whose page offers
an upload to a user allowed to use it (`allow_uploads`, called by those pages), and only within a cap per session and
a cap for the whole process; anything else is answered 403 or 413 and dropped at once. A refused request still
passes through memory while it streams in (bounded by `server.maxUploadSize`), but nothing accumulates.
"""

import logging
import os
import threading
from collections.abc import Callable

from starlette.exceptions import HTTPException
from streamlit.runtime import Runtime
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

MB = 1024 * 1024
PER_SESSION_BYTES = int(os.environ.get("VEILIGHEIDSDIALOOG_UPLOAD_SESSION_MB", "120")) * MB
TOTAL_BYTES = int(os.environ.get("VEILIGHEIDSDIALOOG_UPLOAD_TOTAL_MB", "480")) * MB

_allowed: set[str] = set()
_lock = threading.Lock()
_installed = False
LOGGER = logging.getLogger("veiligheidsdialoog")


def allow_uploads() -> None:
    """Let this browser session upload (a page that shows a file uploader to a user allowed to use it)."""
    context = get_script_run_ctx()
    if context is None:
        return
    runtime = Runtime.instance()
    with _lock:
        _allowed.intersection_update({s for s in _allowed if runtime.is_active_session(s)})  # ended sessions go
        _allowed.add(context.session_id)


def may_upload(session_id: str) -> bool:
    with _lock:
        return session_id in _allowed


def install_upload_guard() -> None:
    """Wrap the process's upload manager once (idempotent; called on every run of the app script)."""
    global _installed
    if _installed or not Runtime.exists():
        return
    with _lock:
        if _installed:
            return
        manager = Runtime.instance().uploaded_file_mgr
        if not isinstance(manager, MemoryUploadedFileManager):  # `streamlit run` uses this one (AppTest a stand-in)
            LOGGER.warning("uploads are not guarded: unknown upload store %s", type(manager).__name__)
            _installed = True
            return
        store: Callable[..., None] = manager.add_file

        def held(session_id: str) -> int:
            """Bytes kept for the session now."""
            return sum(len(record.data) for record in manager.file_storage.get(session_id, {}).values())

        def add_file(session_id: str, file: UploadedFileRec) -> None:
            if not may_upload(session_id):
                raise HTTPException(403, "Uploaden kan alleen na inloggen, op een pagina waar u bestanden aanlevert.")
            if held(session_id) + len(file.data) > PER_SESSION_BYTES:
                raise HTTPException(413, "Te veel bestanden tegelijk in deze sessie; verwijder er eerst een.")
            stats = manager.get_stats()
            stored = sum(stat.byte_length for family in stats.values() for stat in family)
            if stored + len(file.data) > TOTAL_BYTES:
                raise HTTPException(413, "De server heeft nu geen ruimte voor meer bestanden; probeer het zo weer.")
            store(session_id=session_id, file=file)

        object.__setattr__(manager, "add_file", add_file)  # the instance the upload route calls
        _installed = True
