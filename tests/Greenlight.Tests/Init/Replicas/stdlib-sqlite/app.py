"""A small notes service on the standard library and SQLite, the shape of many first deploys."""
import json
import os
import sqlite3
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

if os.environ.get("REPLICA", "") == "broken":
    import python_multipart  # noqa: F401  (seed 003: a dependency missing from the environment)

DATABASE = os.environ["DATABASE_URL"].removeprefix("sqlite:")
SECRET = os.environ["APP_SECRET_KEY"]


class Handler(BaseHTTPRequestHandler):
    def _json(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/health":
            self._json(200, {"status": "ok"})
        elif self.path == "/notes":
            with sqlite3.connect(DATABASE) as db:
                self._json(200, [r[0] for r in db.execute("SELECT body FROM notes")])
        else:
            self._json(404, {"error": "not found"})

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    with sqlite3.connect(DATABASE) as db:
        db.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
    ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
