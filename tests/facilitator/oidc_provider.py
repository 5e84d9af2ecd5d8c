"""A real OpenID provider for the login tests: npm's `oidc-provider` (pinned in tests/facilitator/oidc/), run by
Node on 127.0.0.1, and the app's `.streamlit/secrets.toml` that points at it."""

import hashlib
import secrets
import shutil
import subprocess
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.support.waiting import eventually

SOURCE = Path(__file__).resolve().parent / "oidc"
CLIENT_ID = "veiligheidsdialoog-test"


def install_provider(cache: Path) -> Path:
    """The provider's folder with its node modules: `npm ci` once per version of the lock file (a folder named after
    its hash, so a changed lock installs afresh), moved into place whole so a broken install is never reused."""
    lock = (SOURCE / "package.json").read_bytes() + (SOURCE / "package-lock.json").read_bytes()
    folder = cache / f"oidc-provider-{hashlib.sha256(lock).hexdigest()[:16]}"
    if not (folder / "node_modules" / "oidc-provider").is_dir():
        cache.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="installing-", dir=cache))
        for name in ("package.json", "package-lock.json"):
            shutil.copy(SOURCE / name, staging / name)
        done = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
            cwd=staging,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            raise RuntimeError(f"npm ci for the OpenID provider failed:\n{done.stdout}\n{done.stderr}")
        try:
            staging.rename(folder)
        except OSError:  # another run installed it meanwhile
            shutil.rmtree(staging, ignore_errors=True)
    shutil.copy(SOURCE / "provider.mjs", folder / "provider.mjs")  # always the checked-out script
    return folder


@dataclass
class RunningProvider:
    url: str
    client_secret: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"


def start_provider(
    installed: Path, folder: Path, *, port: int, redirect_uri: str, timeout: float = 30
) -> RunningProvider:
    """The provider on 127.0.0.1:`port` with one client (the app at `redirect_uri`); returns when it answers."""
    client_secret = secrets.token_urlsafe(24)
    log = folder / f"oidc-provider-{port}.log"
    with log.open("wb") as handle:
        process = subprocess.Popen(
            ["node", "provider.mjs", str(port), CLIENT_ID, client_secret, redirect_uri],
            cwd=installed,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    provider = RunningProvider(f"http://127.0.0.1:{port}", client_secret, process, log)

    def answers() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"the OpenID provider stopped:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(provider.metadata_url, timeout=2) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    try:
        eventually(answers, timeout=timeout, interval=0.2, message="the OpenID provider did not answer")
    except AssertionError:
        process.kill()
        raise
    return provider


def stop_provider(provider: RunningProvider) -> None:
    provider.process.terminate()
    try:
        provider.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        provider.process.kill()


def write_secrets(folder: Path, *, redirect_uri: str, provider: RunningProvider) -> None:
    """`folder/.streamlit/secrets.toml` with the [auth] section the README describes, for the app run in `folder`."""
    (folder / ".streamlit").mkdir(parents=True, exist_ok=True)
    (folder / ".streamlit" / "secrets.toml").write_text(
        "[auth]\n"
        f'redirect_uri = "{redirect_uri}"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        f'client_id = "{CLIENT_ID}"\n'
        f'client_secret = "{provider.client_secret}"\n'
        f'server_metadata_url = "{provider.metadata_url}"\n',
        encoding="utf-8",
    )
