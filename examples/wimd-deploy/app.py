# The WIMD API, as a tiny stand-in: /health, /api/coach, /api/prompts. It imports `deps`, which in
# the broken replica needs a package that is not installed, the way python-multipart was missing.
import json, os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import deps  # noqa: F401  (replica/<variant>/deps.py)

VERSION = os.environ.get("APP_VERSION", "dev")

class Api(BaseHTTPRequestHandler):
    def _send(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-App-Version", VERSION)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/health":
            return self._send(200, {"app": "wimd", "status": "ok", "version": VERSION})
        if self.path.startswith("/api/prompts/"):
            return self._send(200, {"id": self.path.rsplit("/", 1)[1], "text": "What is my delta?"})
        return self._send(404, {"detail": "Not Found"})

    def do_POST(self):
        if self.path == "/api/coach":
            return self._send(422, {"detail": "message is required"})
        return self._send(404, {"detail": "Not Found"})

    def log_message(self, *args):
        pass

print(f"wimd api {VERSION} listening on {os.environ['PORT']}", flush=True)
ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Api).serve_forever()
