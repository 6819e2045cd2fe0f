"""Open311 GeoReport v2, read-only: the standard's fields and filters, and nothing personal."""

from __future__ import annotations

import json
from xml.etree import ElementTree

import pytest
import requests

from bot import texts
from bot.staff import actions
from storage.models import Request, Staff, Status
from tests.harness import make_app, serve

# GeoReport v2's field lists (wiki.open311.org/GeoReport_v2).
SERVICE_FIELDS = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
REQUEST_FIELDS = {"service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                  "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
                  "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url"}
REQUIRED_REQUEST_FIELDS = {"service_request_id", "status", "service_code", "requested_datetime"}


def get(bot, path: str, **params: str) -> requests.Response:
    return requests.get(f"{bot.url}/open311/v2/{path}", params=params, timeout=10)


def accept(bot, ref: str) -> None:
    from sqlalchemy import select

    with bot.session() as session, session.begin():
        request = session.scalar(select(Request).where(Request.ref == ref))
        staff = Staff(line_user_id="U" + "9" * 32, role="admin", districts=[])
        session.add(staff)
        session.flush()
        now = bot.runtime.now()
        actions.change_status(session, request, Status.ACCEPTED, staff=staff, now=now, today=now.date(),
                              action="accept")


@pytest.fixture
def published(bot, file_request):
    villager = bot.line.add_user(display_name="ป้าศรี")
    private = file_request(villager, text="ลูกชายชื่อสมศักดิ์ป่วย โทร 0812345678 ขอรถพยาบาล", category="health",
                           lat=17.623456, lon=99.221234)
    public = file_request(villager, text="ขอไฟส่องสว่าง ติดต่อ 081-234-5678 บัตร 1-2345-67890-12-3",
                          category="electricity", lat=17.623456, lon=99.221234)
    accept(bot, public)
    return villager, private, public


def test_discovery_names_the_v2_endpoint_in_json_and_xml(bot):
    body = get(bot, "discovery.json").json()
    endpoint = body["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2") and "application/json" in endpoint["formats"]
    xml = ElementTree.fromstring(get(bot, "discovery.xml").content)
    assert xml.tag == "discovery" and xml.find("endpoints/endpoint/specification").text.endswith("GeoReport_v2")


def test_services_are_the_eleven_categories_with_the_standard_fields(bot):
    services = get(bot, "services.json").json()
    assert [s["service_code"] for s in services] == list(texts.CATEGORY_LABELS)
    assert all(set(s) == SERVICE_FIELDS for s in services)
    xml = ElementTree.fromstring(get(bot, "services.xml").content)
    assert [s.findtext("service_code") for s in xml.findall("service")] == list(texts.CATEGORY_LABELS)


def test_requests_carry_only_the_standard_fields_and_nothing_personal(bot, published):
    villager, private, public = published
    answer = get(bot, "requests.json")
    listed = {item["service_request_id"]: item for item in answer.json()}

    assert answer.headers["Content-Type"].startswith("application/json")
    assert set(listed) == {private, public}
    assert all(set(item) == REQUEST_FIELDS and {k for k, v in item.items() if v} >= REQUIRED_REQUEST_FIELDS
               for item in listed.values())
    assert listed[private]["description"] is None  # not accepted: the villager's words stay private
    assert listed[public]["description"] == "ขอไฟส่องสว่าง ติดต่อ xxx-xxx-xxxx บัตร x-xxxx-xxxxx-xx-x"
    assert (listed[public]["lat"], listed[public]["long"]) == (17.623, 99.221)
    assert listed[public]["status"] == "open" and listed[public]["media_url"] is None
    with bot.session() as session:
        key = session.query(Request).filter_by(ref=public).one().citizen.key
    raw = answer.text + get(bot, "requests.xml").text
    for secret in (villager, key, "ป้าศรี", "0812345678", "5678", "สมศักดิ์", "17.623456"):
        assert secret not in raw


def test_one_request_by_its_id_in_json_and_xml(bot, published):
    _, _, public = published
    assert [item["service_request_id"] for item in get(bot, f"requests/{public}.json").json()] == [public]
    xml = ElementTree.fromstring(get(bot, f"requests/{public}.xml").content)
    assert xml.tag == "service_requests" and xml.find("request/service_request_id").text == public
    assert set(child.tag for child in xml.find("request")) <= REQUEST_FIELDS
    missing = get(bot, "requests/LP-00-99999.json")
    assert missing.status_code == 404 and missing.json()[0]["code"] == 404


def test_the_standard_filters_narrow_the_list(bot, published):
    _, private, public = published

    def refs(**params: str) -> set[str]:
        return {item["service_request_id"] for item in get(bot, "requests.json", **params).json()}

    assert refs(service_code="electricity") == {public}
    assert refs(service_request_id=f"{private},{public}") == {private, public}
    assert refs(status="open") == {private, public}
    assert refs(status="closed") == set()
    assert refs(start_date="2999-01-01T00:00:00Z") == set()
    assert refs(end_date="2000-01-01T00:00:00+07:00") == set()
    bad = get(bot, "requests.json", status="sideways")
    assert bad.status_code == 400 and bad.json()[0]["code"] == 400
    assert get(bot, "requests.html").status_code == 404


def test_erased_requests_are_never_listed(bot, published):
    from sqlalchemy import update

    _, private, public = published
    with bot.session() as session, session.begin():
        session.execute(update(Request).where(Request.ref == public).values(erased_at=bot.runtime.now()))
    assert [item["service_request_id"] for item in get(bot, "requests.json").json()] == [private]


def test_open311_is_off_unless_enabled(database_url, line_platform, tmp_path):
    app = make_app(database_url, line_platform, tmp_path / "instance")
    with serve(app) as url:
        assert requests.get(f"{url}/open311/v2/services.json", timeout=10).status_code == 404


def test_xml_answers_parse_and_json_answers_are_lists_of_objects(bot, published):
    body = json.loads(get(bot, "requests.json").text)
    assert isinstance(body, list) and all(isinstance(item, dict) for item in body)
    assert ElementTree.fromstring(get(bot, "requests.xml").content).tag == "service_requests"
