"""A real Flask app that reads and writes session cookies, for Flagon's interoperability tests.

Usage: python3 flask_peer.py PORT SECRET_KEY
"""
import datetime
import json
import sys
import uuid

from flask import Flask, flash, get_flashed_messages, request, session
from markupsafe import Markup

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


def sorted_dicts(value):
    """The value with every dict's keys in order: key order is no part of a session."""
    if isinstance(value, dict):
        return {key: sorted_dicts(value[key]) for key in sorted(value)}
    if isinstance(value, (list, tuple)):
        return type(value)(sorted_dicts(item) for item in value)
    return value


@app.route("/get")
def get_session():
    return repr(sorted((key, sorted_dicts(session[key])) for key in session.keys()))


# A value for every tag of Flask's TaggedJSONSerializer, nested too, and floats Python
# writes in its own notation
TAGGED = {
    "tuple": (1, "two", (3.5, None)),
    "bytes": b"\x00\xff\x10binary",
    "markup": Markup("<b>bold</b> &amp; more"),
    "uuid": uuid.UUID("6f1c3e2a-9d4b-4b7e-8a55-0c2f7e9b1d33"),
    "datetime": datetime.datetime(2026, 11, 21, 12, 30, 45, tzinfo=datetime.timezone.utc),
    "tag_key_dict": {" t": "not a tuple"},
    "nested": {"pairs": [("a", Markup("<i>x</i>")), ("b", b"\x01")], "ids": (uuid.UUID(int=7),)},
    "floats": [0.1, 1e23, 5e-324, -0.0, 1e16, 0.30000000000000004, 2.5e-07, float("inf"), float("-inf")],
    "text": "Zo\u00eb \U0001f376",
}


def same(a, b):
    """Whether two values are equal and of the same Python types all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[key], b[key]) for key in a)
    if isinstance(a, float):
        return repr(a) == repr(b)
    return a == b


@app.route("/tags/set")
def set_tags():
    session.update(TAGGED)
    flash(Markup("<b>Saved</b>"), "info")
    return "set"


@app.route("/tags/check")
def check_tags():
    """The keys of TAGGED (and the flashed message) that the session does not hold unchanged."""
    wrong = [key for key, value in TAGGED.items() if key not in session or not same(session[key], value)]
    flashes = get_flashed_messages(with_categories=True)
    if not same(flashes, [("info", Markup("<b>Saved</b>"))]):
        wrong.append("_flashes")
    return json.dumps({"wrong": wrong, "counter": session.get("counter"),
                       "seen": {key: repr(session.get(key)) for key in wrong}})


@app.route("/counter")
def counter():
    session["counter"] = session.get("counter", 0) + 1
    return str(session["counter"])


@app.route("/cookies/<name>")
def cookie_values(name):
    return json.dumps(request.cookies.getlist(name))


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]))
