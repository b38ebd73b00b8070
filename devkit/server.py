"""A loopback HTTP server for built sites, for the tests and the benchmarks."""

from __future__ import annotations

import http.server
import sys


class QuietServer(http.server.ThreadingHTTPServer):
    """A threading server that does not print a traceback when a browser drops a connection
    (the service worker's downloads are cut short whenever a browser context closes)."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)
