# PulseCheck, as a tiny stand-in. The admin routes live in admin_routes.py; when importing it fails
# at start-up the app logs the error and starts without them (the 404s of seed 002). The insight
# endpoint answers null fields when OPENAI_API_KEY is missing (the "AI answers with nulls" of seed 002).
import json, os, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROUTES = {
    ("GET", "/health"): lambda body: (200, {"status": "ok"}),
    ("POST", "/api/journal"): lambda body: (201, {"id": 1, "mood_score": body.get("mood_score")}),
    ("POST", "/api/insight"): lambda body: (200, {
        "insight": "Your mood has been steady this week." if os.environ.get("OPENAI_API_KEY") else None,
        "model": "gpt-4o-mini" if os.environ.get("OPENAI_API_KEY") else None,
    }),
}

try:
    import admin_routes  # replica/<variant>/admin_routes.py
    ROUTES.update(admin_routes.ROUTES)
except ImportError as error:
    print(f"WARNING: admin routes not mounted: {error!r}", file=sys.stderr, flush=True)

class Api(BaseHTTPRequestHandler):
    def _handle(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}") if length else {}
        path = "/api/admin/users/{id}" if self.path.startswith("/api/admin/users/") else self.path
        handler = ROUTES.get((method, path))
        status, payload = handler(body) if handler else (404, {"detail": "Not Found"})
        data = json.dumps(payload).encode()
        self.send_response(status); self.send_header("Content-Type", "application/json"); self.end_headers(); self.wfile.write(data)

    def do_GET(self): self._handle("GET")
    def do_POST(self): self._handle("POST")
    def log_message(self, *args): pass

print(f"pulsecheck listening on {os.environ['PORT']}", flush=True)
ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Api).serve_forever()
