"""Page tests with Streamlit's AppTest against a demo database."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "facilitator" / "app.py"


@pytest.fixture
def app(demo_sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    monkeypatch.setenv("DATABASE_URL", demo_sqlite_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield AppTest.from_file(str(APP), default_timeout=30)
    st.cache_data.clear()
    st.cache_resource.clear()


# ---------------------------------------------------------------- real browser
import os  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from dataclasses import dataclass  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RunningApp:
    url: str
    database_url: str
    process: subprocess.Popen[bytes]
    log: Path


def start_app(tmp_path: Path, database_url: str, *, timeout: float = 120) -> RunningApp:
    """`veiligheidsdialoog run` on a free port; returns when /_stcore/health answers."""
    port = _free_port()
    log = tmp_path / f"app-{port}.log"
    script = Path(sys.executable).with_name("veiligheidsdialoog")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "facilitator.cli"]
    env = os.environ | {"DATABASE_URL": database_url}
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [*command, "run", "--port", str(port)], stdout=handle, stderr=subprocess.STDOUT, env=env
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"app stopped:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return RunningApp(url, database_url, process, log)
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise TimeoutError(f"app did not answer within {timeout}s:\n{log.read_text(errors='replace')}")


def stop_app(app: RunningApp) -> None:
    app.process.terminate()
    try:
        app.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        app.process.kill()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if shutil.which(CHROMIUM) is None:
        message = f"Debian's chromium niet gevonden op {CHROMIUM} (apt-get install -y chromium)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def wait_for_app(page: object, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished running the script (as Streamlit's own e2e tests do)."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)  # type: ignore[attr-defined]
