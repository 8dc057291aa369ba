"""A real Flask app that reads and writes session cookies, for Flagon's interoperability tests.

Usage: python3 flask_peer.py PORT SECRET_KEY
"""
import datetime
import json
import sys
import uuid

from flask import Flask, request, session

app = Flask(__name__)
app.secret_key = sys.argv[2]


@app.route("/set")
def set_session():
    session["user"] = "alice"
    session["counter"] = 41
    session["ratio"] = 2.5
    session["flags"] = [True, False, None]
    session["pair"] = (1, "two")
    session["raw"] = b"\x00\xffflagon"
    session["id"] = uuid.UUID("6f1c3e2a-9d4b-4b7e-8a55-0c2f7e9b1d33")
    session["when"] = datetime.datetime(2026, 11, 21, 12, 30, 45, tzinfo=datetime.timezone.utc)
    session["nested"] = {"a": [1, {"b": "c"}], " t": "not a tag"}
    session["name"] = "Zo\u00eb \U0001f376 \u4f50\u85e4"
    return "set"


@app.route("/get")
def get_session():
    return repr(sorted((key, session[key]) for key in session.keys()))


@app.route("/counter")
def counter():
    session["counter"] = session.get("counter", 0) + 1
    return str(session["counter"])


@app.route("/cookies/<name>")
def cookie_values(name):
    return json.dumps(request.cookies.getlist(name))


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]))
