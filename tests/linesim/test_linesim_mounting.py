"""The API app can be mounted under a path prefix, and platforms don't share state."""

from __future__ import annotations

from flask import Flask
from linebot.v3.messaging import ApiClient, Configuration, MessagingApi, PushMessageRequest, TextMessage
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from linesim import Platform
from linesim.server import BackgroundServer


def test_the_sdk_reaches_a_platform_mounted_under_a_prefix():
    platform = Platform(access_token="mounted-token")
    host_app = Flask("host")
    host_app.wsgi_app = DispatcherMiddleware(host_app.wsgi_app, {"/linesim": platform.wsgi_app()})
    uid = platform.add_user("ลุงมา")

    with BackgroundServer.start(host_app) as server:
        config = Configuration(host=f"{server.url}/linesim", access_token="mounted-token")
        with ApiClient(config) as client:
            MessagingApi(client).push_message(PushMessageRequest(to=uid, messages=[TextMessage(text="สวัสดี")]))

    assert platform.texts(uid) == ["สวัสดี"]
    assert platform.api_calls[0].path == "/v2/bot/message/push"


def test_two_platforms_keep_separate_users_and_inboxes():
    first, second = Platform(), Platform()
    uid = first.add_user()

    client = second.wsgi_app().test_client()
    answer = client.post("/v2/bot/message/push", json={"to": uid, "messages": [{"type": "text", "text": "x"}]},
                         headers={"Authorization": f"Bearer {second.access_token}"})

    assert answer.status_code == 400
    assert first.inbox(uid) == []
    assert first.bot_user_id != second.bot_user_id


def test_a_dropped_answer_under_the_test_client_surfaces_as_a_connection_error():
    platform = Platform()
    uid = platform.add_user()
    platform.faults.add(endpoint="push", drop_after_accept=True)
    client = platform.wsgi_app().test_client()

    try:
        client.post("/v2/bot/message/push", json={"to": uid, "messages": [{"type": "text", "text": "x"}]},
                    headers={"Authorization": f"Bearer {platform.access_token}"})
    except ConnectionResetError:
        dropped = True
    else:
        dropped = False

    assert dropped
    assert platform.texts(uid) == ["x"]
