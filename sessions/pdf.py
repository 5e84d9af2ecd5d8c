"""PDF from a DOCX through LibreOffice (headless), so the PDF is exactly the Word document.

LibreOffice is a system package (Debian: libreoffice-writer-nogui); without it, a clear Dutch message.
Each conversion uses its own temporary profile so conversions can run side by side.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from core.errors import UserError

CONVERT_TIMEOUT_S = 180


class PdfUnavailable(UserError):
    """PDF cannot be made on this machine (message in Dutch)."""


def office_binary() -> str | None:
    """The LibreOffice command, or None; VD_SOFFICE overrides where it is found."""
    configured = os.environ.get("VD_SOFFICE")
    if configured:
        return configured if shutil.which(configured) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_available() -> bool:
    return office_binary() is not None


def docx_to_pdf(document: bytes) -> bytes:
    binary = office_binary()
    if binary is None:
        raise PdfUnavailable(
            "PDF maken kan hier niet: LibreOffice is niet geïnstalleerd (Debian/Ubuntu: "
            "apt-get install libreoffice-writer-nogui). Download het verslag als Word-bestand; Word kan het als PDF "
            "bewaren."
        )
    with tempfile.TemporaryDirectory(prefix="vd-pdf-") as folder:
        work = Path(folder)
        source = work / "verslag.docx"
        source.write_bytes(document)
        command = [
            binary,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as error:
            raise PdfUnavailable(f"LibreOffice gaf na {CONVERT_TIMEOUT_S} s geen PDF; probeer het opnieuw.") from error
        target = work / "verslag.pdf"
        if done.returncode != 0 or not target.exists():
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["geen melding"]
            raise PdfUnavailable(f"LibreOffice kon de PDF niet maken ({detail[0]}).")
        return target.read_bytes()
