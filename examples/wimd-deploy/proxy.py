# The domain's proxy (Netlify in seed 003). PROXY_API=off is the broken configuration: the proxy
# rules were never deployed, so every /api path answers 404; otherwise it forwards to UPSTREAM.
import os, urllib.request, urllib.error
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UPSTREAM = os.environ["UPSTREAM"].rstrip("/")
FORWARD = os.environ.get("PROXY_API", "on") == "on"

class Proxy(BaseHTTPRequestHandler):
    def _relay(self, method):
        if not FORWARD and self.path != "/":
            self.send_response(404); self.send_header("Content-Type", "text/html"); self.end_headers()
            self.wfile.write(b"<h1>Page not found</h1>")
            return
        length = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(length) if length else None
        request = urllib.request.Request(UPSTREAM + self.path, data=data, method=method, headers={"Content-Type": self.headers.get("Content-Type", "application/json")})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                status, body, kind = response.status, response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            status, body, kind = error.code, error.read(), error.headers.get("Content-Type", "")
        self.send_response(status); self.send_header("Content-Type", kind); self.end_headers(); self.wfile.write(body)

    def do_GET(self): self._relay("GET")
    def do_POST(self): self._relay("POST")
    def log_message(self, *args): pass

ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Proxy).serve_forever()
