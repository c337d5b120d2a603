# The Mosaic API, as a tiny stand-in for seed 000. The code under review lives in
# replica/<variant>/api/ (index.py, storage.py, ps101.py, ai_clients.py); this file only serves it.
#   GET  /health                      → 200 {"status": "ok"}
#   POST /api/ps101/extract-context   → needs X-User-ID (401 without), 200 with the extracted context
#   POST /api/chat                    → the PS101 completion gate, then the coaching answer
import json, os, socket, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.getcwd())
from api import index, ps101  # noqa: E402  (replica/<variant>/api)


class Api(BaseHTTPRequestHandler):
    # HTTP/1.1 with Content-Length keeps pooled connections valid; TCP_NODELAY avoids 40 ms stalls.
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _answer(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/health":
            return self._answer(200, {"status": "ok", "database": "postgresql"})
        self._answer(404, {"detail": "Not Found"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}") if length else {}
        user_id = self.headers.get("X-User-ID")
        try:
            if self.path == "/api/ps101/extract-context":
                status, payload = ps101.extract_context(user_id, body)
            elif self.path == "/api/chat":
                status, payload = index.chat(user_id, body.get("message", ""))
            else:
                status, payload = 404, {"detail": "Not Found"}
        except Exception as error:  # what the platform would show: a 500 and a traceback in the log
            print(f"ERROR {self.path}: {error!r}", file=sys.stderr, flush=True)
            status, payload = 500, {"detail": "Internal Server Error"}
        self._answer(status, payload)

    def log_message(self, *args):
        pass


print(f"mosaic listening on {os.environ['PORT']}", flush=True)
server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Api)
server.serve_forever()
