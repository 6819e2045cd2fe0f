"""The rich menu deploys through LINE's API, and held notifications go out once the quota recovers."""

from __future__ import annotations

from sqlalchemy import select

from bot import richmenu, texts
from storage.models import OutboundMessage, OutboxState, Request, Status
from tests.harness import Bot


def test_the_rich_menu_deploys_with_its_image_and_becomes_the_default(bot: Bot) -> None:
    result = bot.app.test_cli_runner().invoke(args=["richmenu", "deploy"])
    assert result.exit_code == 0, result.output
    created = bot.line.calls_to("/v2/bot/richmenu")[0]
    assert created.status == 200
    assert [area["action"]["text"] for area in created.json["areas"]] == [
        texts.MENU_REPORT, texts.MENU_MEDIA, texts.MENU_TRACK, texts.MENU_FORUM, texts.MENU_CONTACT, texts.MENU_HELP]
    assert created.json["size"] == {"width": 2500, "height": 1686}  # LINE's large menu: six panels
    uploads = [c for c in bot.line.api_calls if c.path.endswith("/content") and c.method == "POST"]
    assert uploads and uploads[0].status == 200
    assert any(c.path.startswith("/v2/bot/user/all/richmenu/") and c.status == 200 for c in bot.line.api_calls)


def test_the_rich_menu_image_is_the_large_size_with_readable_labels() -> None:
    from PIL import Image

    with Image.open(richmenu.IMAGE) as image:
        assert image.size == (2500, 1686)
    assert richmenu.LABEL_MIN >= 100  # about 15 points on a 390-point-wide phone


def test_every_rich_menu_button_sends_a_word_the_bot_answers(bot: Bot, villager: str) -> None:
    for area in richmenu.definition()["areas"]:
        before = len(bot.line.inbox(villager))
        bot.line.send_text(villager, area["action"]["text"])
        bot.drain()
        answer = bot.line.inbox(villager)[before:]
        assert answer and texts.BUTTON_YES_SAVE not in str(answer[0].message.get("quickReply")), area
    with bot.session() as session:
        assert session.scalars(select(Request)).all() == []


def test_held_notifications_are_pushed_once_the_quota_has_room_again(bot: Bot, villager: str) -> None:
    from bot.outbox import notify

    bot.line.send_text(villager, "ขอให้ซ่อมถนนลาดยางหมู่ 4 ต.นาแก้ว อ.เกาะคา ถนนพังเป็นหลุมลึกมากครับ")
    bot.drain()
    bot.line.quota_limit, bot.line.consumption = 300, 280
    bot.runtime.forget_quota()
    with bot.runtime.sessions() as session, session.begin():
        request = session.scalars(select(Request)).one()
        request.status = Status.DONE
        notify.status_changed(session, request, bot.runtime.now())
    bot.drain()
    assert bot.line.calls_to("/v2/bot/message/push") == []

    bot.line.consumption = 0  # a new month
    bot.runtime.forget_quota()
    bot.drain()
    [push] = bot.line.calls_to("/v2/bot/message/push")
    assert push.status == 200
    with bot.session() as session:
        row = session.scalars(select(OutboundMessage).where(OutboundMessage.purpose == "notify")).one()
    assert row.state == OutboxState.SENT
