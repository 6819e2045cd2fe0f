"""The simulator blueprint's JSON API drives the platform and shows each persona's chat."""

from __future__ import annotations

import io

import pytest
from flask import Flask

from linesim.simulator import simulator_blueprint

SQUARE = {"type": "FeatureCollection", "features": [{
    "type": "Feature", "properties": {"name_th": "เมืองลำปาง"},
    "geometry": {"type": "Polygon", "coordinates": [[[99.4, 18.2], [99.6, 18.2], [99.6, 18.4], [99.4, 18.4],
                                                      [99.4, 18.2]]]}}]}
PLACES = [("เมืองลำปาง", 18.29, 99.49), ("เกาะคา", 18.19, 99.39)]


@pytest.fixture
def simulator(line_platform, bot):
    staff_id = "U" + "ab" * 16
    app = Flask("host")
    app.register_blueprint(simulator_blueprint(
        line_platform, map_geojson=SQUARE, places=PLACES,
        personas=lambda: [{"user_id": staff_id, "display_name": "จนท.สมชาย", "role": "triager"}]),
        url_prefix="/simulator")
    client = app.test_client()
    client.staff_id = staff_id
    return client


def test_the_page_and_its_assets_are_served(simulator):
    page = simulator.get("/simulator/")
    script = simulator.get("/simulator/static/simulator.js")

    assert page.status_code == 200
    assert b'data-testid="dev-banner"' in page.data
    assert script.status_code == 200


def test_config_carries_the_projected_map_and_places(simulator):
    config = simulator.get("/simulator/api/config").get_json()

    assert config["map"]["areas"][0]["name"] == "เมืองลำปาง"
    assert config["map"]["areas"][0]["path"].startswith("M0.0,")
    assert config["places"][1] == {"name": "เกาะคา", "lat": 18.19, "lon": 99.39}


def test_personas_combine_the_given_ones_and_those_created_in_the_page(simulator, line_platform, bot):
    created = simulator.post("/simulator/api/personas", json={"display_name": "ป้าศรี"})

    personas = simulator.get("/simulator/api/personas").get_json()

    assert created.status_code == 201
    assert [p["display_name"] for p in personas] == ["จนท.สมชาย", "ป้าศรี"]
    assert line_platform.user(created.get_json()["user_id"]).friend
    assert type(bot.parsed[0][0]).__name__ == "FollowEvent"


def test_text_sent_from_the_page_reaches_the_bot_and_appears_in_the_chat(simulator, bot):
    uid = simulator.post("/simulator/api/personas", json={"display_name": "ลุงมา"}).get_json()["user_id"]

    answer = simulator.post("/simulator/api/send", json={"user_id": uid, "kind": "text", "text": "ถนนพังครับ"})
    chat = simulator.get(f"/simulator/api/chat/{uid}").get_json()

    assert answer.get_json()["status"] == 200
    assert bot.parsed[-1][0].message.text == "ถนนพังครับ"
    assert [(e["from"], e["message"].get("text")) for e in chat["entries"]] == [("user", "ถนนพังครับ")]


def test_the_chat_shows_bot_replies_after_a_given_position(simulator, line_platform, http):
    uid = simulator.post("/simulator/api/personas", json={"display_name": "ลุงมา"}).get_json()["user_id"]
    simulator.post("/simulator/api/send", json={"user_id": uid, "kind": "text", "text": "ไฟดับ"})
    http("POST", "/v2/bot/message/push", json={"to": uid, "messages": [{"type": "text", "text": "รับเรื่อง"}]})

    chat = simulator.get(f"/simulator/api/chat/{uid}?after=1").get_json()

    assert chat["next"] == 2
    assert [(e["from"], e["via"], e["message"]["text"]) for e in chat["entries"]] == [("bot", "push", "รับเรื่อง")]


def test_a_postback_shows_its_display_text_and_reaches_the_bot(simulator, bot):
    uid = simulator.post("/simulator/api/personas", json={}).get_json()["user_id"]

    simulator.post("/simulator/api/send", json={"user_id": uid, "kind": "postback", "data": "district=5201",
                                                "display_text": "เมืองลำปาง"})

    assert bot.parsed[-1][0].postback.data == "district=5201"
    entries = simulator.get(f"/simulator/api/chat/{uid}").get_json()["entries"]
    assert entries[-1]["message"]["text"] == "เมืองลำปาง"


def test_a_location_from_the_page_reaches_the_bot(simulator, bot):
    uid = simulator.post("/simulator/api/personas", json={}).get_json()["user_id"]

    simulator.post("/simulator/api/send", json={"user_id": uid, "kind": "location", "lat": 18.29, "lon": 99.49,
                                                "title": "เมืองลำปาง"})

    message = bot.parsed[-1][0].message
    assert (message.latitude, message.longitude, message.title) == (18.29, 99.49, "เมืองลำปาง")


def test_a_photo_from_the_page_is_an_image_event_with_downloadable_content(simulator, bot, line_platform):
    uid = simulator.post("/simulator/api/personas", json={}).get_json()["user_id"]

    simulator.post("/simulator/api/send_image", data={"user_id": uid,
                                                      "photo": (io.BytesIO(b"\xff\xd8pic"), "pothole.jpg")},
                   content_type="multipart/form-data")

    message_id = bot.parsed[-1][0].message.id
    assert line_platform.content(message_id).data == b"\xff\xd8pic"
    assert simulator.get(f"/simulator/api/content/{message_id}").data == b"\xff\xd8pic"


def test_a_staff_persona_from_the_database_becomes_a_platform_user_on_first_message(simulator, bot, line_platform):
    simulator.post("/simulator/api/send", json={"user_id": simulator.staff_id, "kind": "text", "text": "/queue"})

    assert line_platform.user(simulator.staff_id).display_name == "จนท.สมชาย"
    assert bot.parsed[-1][0].source.user_id == simulator.staff_id


def test_an_unknown_persona_cannot_send(simulator):
    answer = simulator.post("/simulator/api/send", json={"user_id": "U" + "9" * 32, "kind": "text", "text": "x"})

    assert answer.status_code == 404


def _upload(simulator, data: bytes, filename: str, content_type: str) -> str:
    uid = simulator.post("/simulator/api/personas", json={}).get_json()["user_id"]
    simulator.post("/simulator/api/send_image", data={"user_id": uid, "photo": (io.BytesIO(data), filename,
                                                                                 content_type)},
                   content_type="multipart/form-data")
    return simulator.get(f"/simulator/api/chat/{uid}").get_json()["entries"][-1]["message_id"]


@pytest.mark.parametrize("content_type", ["text/html", "image/svg+xml", "application/xhtml+xml; charset=utf-8"])
def test_content_of_a_type_a_browser_could_run_is_served_as_an_attachment_it_must_not_sniff(
        simulator, bot, content_type):
    message_id = _upload(simulator, b"<script>alert(document.cookie)</script>", "page.html", content_type)

    served = simulator.get(f"/simulator/api/content/{message_id}")

    assert served.data == b"<script>alert(document.cookie)</script>"
    assert served.mimetype == "application/octet-stream"
    assert served.headers["Content-Disposition"].startswith("attachment")
    assert served.headers["X-Content-Type-Options"] == "nosniff"


def test_a_photo_is_served_inline_with_its_own_type_and_nosniff(simulator, bot):
    message_id = _upload(simulator, b"\xff\xd8pic", "pothole.jpg", "image/jpeg")

    served = simulator.get(f"/simulator/api/content/{message_id}")

    assert served.mimetype == "image/jpeg"
    assert "Content-Disposition" not in served.headers
    assert served.headers["X-Content-Type-Options"] == "nosniff"
