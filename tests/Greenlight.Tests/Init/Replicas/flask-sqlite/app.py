"""A small notes service on Flask and SQLite, the shape of many first deploys."""
import os
import sqlite3

from flask import Flask, jsonify

DATABASE = os.environ["DATABASE_URL"].removeprefix("sqlite:")
SECRET = os.environ["APP_SECRET_KEY"]

app = Flask(__name__)
app.config["SECRET_KEY"] = SECRET

with sqlite3.connect(DATABASE) as db:
    db.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")


@app.get("/health")
def health():
    return jsonify(status="ok")


@app.get("/notes")
def notes():
    with sqlite3.connect(DATABASE) as db:
        return jsonify([r[0] for r in db.execute("SELECT body FROM notes")])
