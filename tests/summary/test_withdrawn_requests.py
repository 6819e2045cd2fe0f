"""A request its villager withdrew leaves the summary's "waiting" figures, as it left the staff queue."""

from __future__ import annotations

from bot import texts
from tests.harness import Bot, tap
from tests.staff.conftest import enrol, say, shown

ROAD = "ขอให้ซ่อมถนนลาดยางหมู่ 4 ต.นาแก้ว อ.เกาะคา ถนนพังเป็นหลุมลึกมากครับ"
WATER = "ท่อประปาแตกน้ำไหลนองถนนหน้าโรงเรียน ต.นาแก้ว อ.เกาะคา ช่วยมาซ่อมด้วยค่ะ"


def test_a_withdrawn_request_is_no_longer_counted_as_waiting_but_still_as_received(bot: Bot) -> None:
    official = enrol(bot, "นายก", "official")
    villager = bot.line.add_user(display_name="ป้าศรี")
    say(bot, villager, ROAD)
    say(bot, villager, WATER)
    before = shown(say(bot, official, "/summary"))
    assert "เรื่องใหม่ 2 เรื่อง" in before and "รอพิจารณา 2 เรื่อง" in before

    tap(bot, villager, texts.BUTTON_WITHDRAW)  # on the newest receipt: the water request
    [done] = tap(bot, villager, texts.BUTTON_WITHDRAW_YES)
    assert done["text"].startswith("ยกเลิกเรื่อง")

    after = shown(say(bot, official, "/สรุป"))
    assert "รอพิจารณา 1 เรื่อง" in after  # what is on the queue, as staff see it
    assert "เรื่องใหม่ 2 เรื่อง" in after  # it was still received this week
    assert "ท่อประปา" not in after
