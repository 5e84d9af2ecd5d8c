"""Options for the Streamlit server that `veiligheidsdialoog run` starts, from the app's configuration.

`VD_ALLOWED_HOSTS` (comma-separated host names, `*.example.nl` allowed) is the allow-list of hosts the server accepts
connections for (Streamlit's `server.allowedHosts`, checked on every WebSocket: a page loaded through another name,
as in a DNS-rebinding attack, does not connect). Without it, the host of `VD_PUBLIC_URL` and this machine's own
names are allowed; without either, any host (Streamlit's default, for a laptop in a room reached by its address).

Response headers (Content-Security-Policy, X-Content-Type-Options, Referrer-Policy, …) cannot be set by Streamlit:
`SECURITY_HEADERS` lists what a reverse proxy in front of the app adds (README, "Configuratie").
"""

import os
from urllib.parse import urlparse

from sessions.kiosk_link import PUBLIC_URL_VARIABLE

ALLOWED_HOSTS_VARIABLE = "VD_ALLOWED_HOSTS"
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
SECURITY_HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'none'",  # never shown inside another site's frame (clickjacking)
    "X-Frame-Options": "DENY",  # the same, for older browsers
    "X-Content-Type-Options": "nosniff",  # a download is never run as another type than it says
    "Referrer-Policy": "no-referrer",  # the kiosk's address (with its session code) goes to no other site
    "Strict-Transport-Security": "max-age=31536000",  # behind HTTPS: always HTTPS
}


def allowed_hosts() -> list[str]:
    """The host names the server accepts; empty: any."""
    configured = os.environ.get(ALLOWED_HOSTS_VARIABLE, "")
    hosts = [host.strip().lower() for host in configured.split(",") if host.strip()]
    if hosts:
        return hosts
    public = urlparse(os.environ.get(PUBLIC_URL_VARIABLE, "")).hostname
    return [public.lower(), *(h for h in LOCAL_HOSTS if h != public.lower())] if public else []


def streamlit_host_options() -> list[str]:
    """`--server.allowedHosts` once per allowed host (none: Streamlit accepts any host)."""
    return [part for host in allowed_hosts() for part in ("--server.allowedHosts", host)]
