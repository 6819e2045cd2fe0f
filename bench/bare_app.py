"""The yardstick for sustained ingest: a Flask app that only checks LINE's signature and answers 200.

bench/load.py serves it with gunicorn on the same worker and thread count as the bot's web process,
in the same run, so the bot's webhook rate is reported as a share of what this machine's Flask and
gunicorn can do at all, not as a number that changes with the machine.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from flask import Flask, abort, request


def create_app() -> Flask:
    secret = os.environ["LINE_CHANNEL_SECRET"].encode("utf-8")
    app = Flask(__name__)

    @app.post("/callback")
    def callback() -> str:
        body = request.get_data()
        expected = base64.b64encode(hmac.new(secret, body, hashlib.sha256).digest())
        if not hmac.compare_digest(expected, request.headers.get("x-line-signature", "").encode("ascii")):
            abort(400)
        return "OK"

    return app
