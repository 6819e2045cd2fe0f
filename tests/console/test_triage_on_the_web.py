"""Triage from the console: bulk actions, merging from the request page, district limits, and the
same audit rows and villager notifications as the chat commands."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from storage import forum_dates
from storage.models import AuditLog, Request, Status
from tests.console.conftest import sign_in
from tests.harness import enrol

pytestmark = pytest.mark.browser


def schedule_forum(bot, district: str = "5208") -> None:
    today = bot.runtime.now().astimezone(bot.runtime.tz).date()
    with bot.session() as session, session.begin():
        forum_dates.save_forum(session, district_code=district, held_on=today + timedelta(days=20),
                               venue="หอประชุมอำเภอ", now=bot.runtime.now(), today=today)


def chat(bot, user: str, text: str) -> list[str]:
    """Type a staff command in LINE and run the worker; everything the chat received in answer, as JSON."""
    before = len(bot.line.inbox(user))
    bot.line.send_text(user, text)
    bot.drain()
    return [json.dumps(entry.message, ensure_ascii=False) for entry in bot.line.inbox(user)[before:]]


def request_row(bot, ref: str) -> Request:
    with bot.session() as session:
        found = session.scalar(select(Request).where(Request.ref == ref))
        session.expunge(found)
        return found


def last_audit(bot, ref: str) -> AuditLog:
    with bot.session() as session:
        return session.scalars(select(AuditLog).join(Request, Request.id == AuditLog.request_id)
                               .where(Request.ref == ref).order_by(AuditLog.id.desc())).first()


def bulk(page, refs: list[str], action: str, **fields: str) -> None:
    for ref in refs:
        page.get_by_test_id(f"pick-{ref}").check()
    page.get_by_test_id("bulk-action").select_option(action)
    for name, value in fields.items():
        page.get_by_test_id(f"bulk-{name}").fill(value) if name in {"reason", "agency", "original"} \
            else page.get_by_test_id(f"bulk-{name}").select_option(value)
    page.get_by_test_id("bulk-submit").click()
    page.get_by_test_id("results").wait_for()


def test_a_triager_accepts_several_requests_at_once_and_each_villager_is_told(bot, browser_page, file_request):
    schedule_forum(bot)
    villagers = [bot.line.add_user(display_name=f"ชาวบ้าน {n}") for n in range(3)]
    refs = [file_request(v, text=f"ขอไฟส่องสว่างซอย {n}", category="electricity") for n, v in enumerate(villagers)]
    triager = enrol(bot, "สมชาย", "triager")
    sign_in(browser_page, bot, triager)

    bulk(browser_page, refs[:2], "accept")

    assert browser_page.get_by_test_id(f"result-{refs[0]}").get_attribute("data-changed") == "yes"
    assert browser_page.get_by_test_id(f"result-{refs[1]}").get_attribute("data-changed") == "yes"
    assert [request_row(bot, ref).status for ref in refs] == [Status.ACCEPTED, Status.ACCEPTED, Status.NEW]
    assert request_row(bot, refs[0]).forum_id is not None
    bot.drain()
    assert [any(ref in text for text in bot.line.texts(v)) for ref, v in zip(refs, villagers, strict=True)] == \
        [True, True, False]


def test_a_bulk_reject_needs_a_reason_and_changes_nothing_without_one(bot, browser_page, file_request):
    ref = file_request()
    sign_in(browser_page, bot, enrol(bot, "สมชาย", "triager"))

    bulk(browser_page, [ref], "reject")

    assert browser_page.get_by_test_id("result-order").get_attribute("data-changed") == "no"
    assert request_row(bot, ref).status == Status.NEW


def test_a_change_made_by_someone_else_after_the_page_was_drawn_is_a_conflict(bot, browser_page, file_request):
    ref = file_request()
    triager = enrol(bot, "สมชาย", "triager")
    sign_in(browser_page, bot, triager)
    browser_page.get_by_test_id(f"pick-{ref}").check()
    chat(bot, enrol(bot, "สมหญิง", "triager"), f"/reject {ref} ซ้ำซ้อนกับงบปกติ")

    browser_page.get_by_test_id("bulk-action").select_option("accept")
    browser_page.get_by_test_id("bulk-submit").click()

    assert browser_page.get_by_test_id(f"result-{ref}").get_attribute("data-changed") == "no"
    assert request_row(bot, ref).status == Status.REJECTED


def test_merging_a_likely_duplicate_from_the_request_page_folds_it_onto_the_original(bot, browser_page,
                                                                                    file_request):
    original = file_request(bot.line.add_user(), text="ถนนลูกรังพัง ขอลาดยาง")
    copy = file_request(bot.line.add_user(), text="ขอทำถนนลาดยาง ถนนพังมาก")
    sign_in(browser_page, bot, enrol(bot, "แอดมิน", "admin"))
    browser_page.goto(f"{bot.url}/console/r/{copy}")

    browser_page.get_by_test_id(f"merge-into-{original}").click()

    assert browser_page.get_by_test_id(f"result-{copy}").get_attribute("data-changed") == "yes"
    merged = request_row(bot, copy)
    assert merged.status == Status.DUPLICATE and merged.duplicate_of_id == request_row(bot, original).id
    assert last_audit(bot, copy).action == "dup"
    browser_page.goto(f"{bot.url}/console/r/{original}")
    assert browser_page.get_by_test_id("supporters").inner_text() == "2"


def test_a_note_from_the_request_page_joins_the_history(bot, browser_page, file_request):
    ref = file_request()
    sign_in(browser_page, bot, enrol(bot, "สมชาย", "triager"))
    browser_page.goto(f"{bot.url}/console/r/{ref}")

    browser_page.get_by_test_id("note-text").fill("โทรถามผู้ใหญ่บ้านแล้ว")
    browser_page.get_by_test_id("note-submit").click()
    browser_page.get_by_test_id("back").click()

    assert "โทรถามผู้ใหญ่บ้านแล้ว" in browser_page.get_by_test_id("history").inner_text()
    assert last_audit(bot, ref).action == "note"


def _anonymous(text: str, ref: str) -> str:
    return text.replace(ref, "REF").replace(f" {int(ref[-5:])} ", " N ")


def test_chat_and_web_write_the_same_audit_row_and_send_the_same_notification(bot, browser_page, file_request):
    villager_chat, villager_web = bot.line.add_user(), bot.line.add_user()
    by_chat = file_request(villager_chat, text="ขอรถขยะเข้ามาเก็บในหมู่บ้าน", category="environment")
    by_web = file_request(villager_web, text="ขอรถขยะเข้ามาเก็บในหมู่บ้าน", category="environment")
    admin = enrol(bot, "แอดมิน", "admin")

    chat(bot, admin, f"/refer {by_chat} เทศบาลตำบลแม่ทะ")
    sign_in(browser_page, bot, admin)
    bulk(browser_page, [by_web], "refer", agency="เทศบาลตำบลแม่ทะ")
    bot.drain()

    said_in_chat, said_on_web = last_audit(bot, by_chat), last_audit(bot, by_web)
    assert (said_on_web.action, said_on_web.staff_id, said_on_web.before, said_on_web.after, said_on_web.note) == \
        (said_in_chat.action, said_in_chat.staff_id, said_in_chat.before, said_in_chat.after, said_in_chat.note)
    # The two requests differ only in their references (and the bare numbers villagers may type).
    told_chat = [_anonymous(text, by_chat) for text in bot.line.texts(villager_chat)]
    told_web = [_anonymous(text, by_web) for text in bot.line.texts(villager_web)]
    assert told_chat and told_chat == told_web


def test_a_triager_limited_to_two_districts_sees_and_changes_exactly_what_chat_allows(bot, browser_page,
                                                                                     file_request):
    in_thoen = file_request(district="5208", tambon="520806")
    in_mueang = file_request(district="5201", tambon="520101")
    in_ko_kha = file_request(district="5203", tambon=None)
    triager = enrol(bot, "สมชาย", "triager", districts=["5208", "5201"])

    chat_queue = "".join(chat(bot, triager, "/queue"))
    chat_accept_outside = "".join(chat(bot, triager, f"/accept {in_ko_kha}"))
    chat_move_outside = "".join(chat(bot, triager, f"/set {in_mueang} อำเภอ=5203"))

    sign_in(browser_page, bot, triager)
    seen_on_web = {ref for ref in (in_thoen, in_mueang, in_ko_kha)
                   if browser_page.get_by_test_id(f"row-{ref}").count()}
    assert seen_on_web == {ref for ref in (in_thoen, in_mueang, in_ko_kha) if ref in chat_queue} == \
        {in_thoen, in_mueang}
    assert browser_page.goto(f"{bot.url}/console/r/{in_ko_kha}").status == 404
    assert browser_page.goto(f"{bot.url}/console/queue?district=5203").ok
    assert browser_page.get_by_test_id("outside-districts").is_visible()

    token = browser_page.locator("input[name=csrf_token]").first.input_value()
    web_accept = browser_page.request.post(f"{bot.url}/console/queue/bulk", form={
        "csrf_token": token, "action": "accept", "pick": f"{in_ko_kha}:1"}).text()
    web_move = browser_page.request.post(f"{bot.url}/console/queue/bulk", form={
        "csrf_token": token, "action": "set", "district": "5203", "pick": f"{in_mueang}:1"}).text()

    from html import unescape

    refusal_accept = json.loads(chat_accept_outside)["text"]
    refusal_move = json.loads(chat_move_outside)["text"]
    assert refusal_accept in unescape(web_accept) and refusal_move in unescape(web_move)
    assert request_row(bot, in_ko_kha).status == Status.NEW and request_row(bot, in_mueang).district_code == "5201"
