"""The kiosk's address and its QR code: printed on the name cards, shown on the sessions page.

The address people reach the app at comes from configuration: `VD_PUBLIC_URL` (for example
`https://dialoog.example.nl`), default `http://localhost:8501` (the app on this machine). The QR code is made here,
offline, by segno; it encodes the kiosk address with the session code and the personal code filled in, and the
same address is always printed under it for whoever cannot scan.
"""

import io
import os
from urllib.parse import urlencode

import segno

PUBLIC_URL_VARIABLE = "VD_PUBLIC_URL"
DEFAULT_PUBLIC_URL = "http://localhost:8501"
KIOSK_PATH = "kiosk"
PERSONAL_PARAMETER = "persoon"


def public_url() -> str:
    """The app's address as people reach it (no trailing slash)."""
    return (os.environ.get(PUBLIC_URL_VARIABLE) or DEFAULT_PUBLIC_URL).strip().rstrip("/")


def kiosk_url(kiosk_code: str, personal_code: str | None = None) -> str:
    """The kiosk page with the session code (and a personal code) filled in."""
    query = {"code": kiosk_code} | ({PERSONAL_PARAMETER: personal_code} if personal_code else {})
    return f"{public_url()}/{KIOSK_PATH}?{urlencode(query)}"


def qr_png(text: str, *, scale: int = 6) -> bytes:
    """A QR code as PNG (error correction M, a quiet zone of four modules)."""
    buffer = io.BytesIO()
    segno.make_qr(text, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_svg(text: str) -> str:
    """A QR code as inline SVG, sized in millimetres for print (for the HTML name cards)."""
    return str(segno.make_qr(text, error="m").svg_inline(scale=1, unit="mm", border=4))
