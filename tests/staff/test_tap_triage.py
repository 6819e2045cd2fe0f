"""A busy triager on a phone: the queue card, its buttons, the pickers and [เรื่องถัดไป], taps only.

A tap sends the command as the person, so it passes the same gate as typing: the refusals a typed
command gets apply to taps too.
"""

from __future__ import annotations

from datetime import timedelta

from bot import texts
from bot.line.messages import label
from storage.models import Status
from tests.harness import Bot
from tests.staff.conftest import actions_in, button, request, say, shown, tap

EARLIER_REASON = "ซ้ำกับโครงการของเทศบาลที่อนุมัติแล้ว"
EARLIER_AGENCY = "อบต.ล้อมแรด"


def _decided_before(bot: Bot, triager: str, file_request) -> None:
    """One request rejected and one referred earlier, typed: their reason and agency are now 'used before'."""
    rejected, referred = file_request(text="ขอสร้างศาลาใหม่"), file_request(text="ขอไฟฟ้าส่องสว่าง")
    say(bot, triager, f"/reject {rejected} {EARLIER_REASON}")
    say(bot, triager, f"/refer {referred} {EARLIER_AGENCY}")
    bot.travel(timedelta(minutes=5))


def test_a_triager_clears_ten_requests_from_the_queue_with_taps_only(bot: Bot, triager: str, file_request) -> None:
    _decided_before(bot, triager, file_request)
    villagers = [bot.line.add_user(display_name=f"ชาวบ้าน {n}") for n in range(10)]
    refs = []
    for number, villager in enumerate(villagers):
        refs.append(file_request(villager, text=f"ถนนสายที่ {number} เป็นหลุมลึก รถล้มบ่อย"))
        bot.travel(timedelta(minutes=1))

    typed = "/queue"
    screen = say(bot, triager, typed)  # the only thing typed: opening the queue
    assert all(ref in shown(screen) for ref in refs)
    screen = tap(bot, triager, button(screen, "รับ", refs[0]))
    plan = {"accept": refs[0::3], "reject": refs[1::3], "refer": refs[2::3]}
    for ref in refs[1:]:
        screen = tap(bot, triager, button(screen, "เรื่องถัดไป"))
        assert shown(screen).startswith(ref)  # the next one in queue order, in full, ready to decide
        if ref in plan["accept"]:
            screen = tap(bot, triager, button(screen, "รับ", ref))
        elif ref in plan["reject"]:
            picker = tap(bot, triager, button(screen, "ไม่รับ", ref))
            assert f"1. {EARLIER_REASON}" in shown(picker)  # used before, so offered first
            screen = tap(bot, triager, button(picker, label(f"1. {EARLIER_REASON}"), ref))
        else:
            picker = tap(bot, triager, button(screen, "ส่งต่อ", ref))
            assert f"1. {EARLIER_AGENCY}" in shown(picker)
            screen = tap(bot, triager, button(picker, f"1. {EARLIER_AGENCY}", ref))
        assert "✅" in shown(screen) and "แจ้งผู้แจ้งเรื่องแล้ว" in shown(screen)

    assert [request(bot, ref).status for ref in refs] == [
        Status.ACCEPTED if ref in plan["accept"] else Status.REJECTED if ref in plan["reject"] else Status.REFERRED
        for ref in refs]
    assert {request(bot, ref).status_reason for ref in plan["reject"]} == {EARLIER_REASON}
    assert {request(bot, ref).referred_to for ref in plan["refer"]} == {EARLIER_AGENCY}
    assert all(len(bot.line.texts(villager)) == 1 for villager in villagers)  # each villager told once
    assert len(typed) == len("/queue")  # zero characters typed beyond opening the queue
    assert "ไม่มีเรื่องรอพิจารณาแล้ว" in shown(tap(bot, triager, button(screen, "เรื่องถัดไป")))


def test_each_row_of_the_queue_card_has_its_own_four_buttons(bot: Bot, triager: str, file_request) -> None:
    refs = [file_request(text=f"เรื่องที่ {n}") for n in range(3)]
    card = say(bot, triager, "/คิว")
    for ref in refs:
        row = [action for action in actions_in(card) if ref in action["text"]]
        assert [action["label"] for action in row] == ["ดู", "รับ", "ไม่รับ", "ส่งต่อ"]
        assert [action["text"] for action in row] == [f"/ดู {ref}", f"/รับ {ref}", f"/ไม่รับ {ref}", f"/ส่งต่อ {ref}"]
    assert ref in shown(tap(bot, triager, button(card, "ดู", refs[2])))


def test_a_reason_typed_once_is_offered_as_a_button_the_next_time(bot: Bot, triager: str, file_request) -> None:
    first, second = file_request(), file_request()
    picker = say(bot, triager, f"/ไม่รับ {first}")
    assert "แตะเหตุผล" in shown(picker) and f"/reject {first} เหตุผล" in shown(picker)
    say(bot, triager, f"/reject {first} งบประมาณปีนี้หมดแล้ว")
    picker = say(bot, triager, f"/reject {second}")
    assert "1. งบประมาณปีนี้หมดแล้ว" in shown(picker)
    tap(bot, triager, button(picker, "1. งบประมาณปีนี้หมดแล้ว", second))
    assert request(bot, second).status_reason == "งบประมาณปีนี้หมดแล้ว"


def test_a_tap_on_a_request_already_decided_names_the_commands_that_still_apply(
        bot: Bot, triager: str, file_request) -> None:
    ref = file_request()
    card = say(bot, triager, "/queue")
    say(bot, triager, f"/accept {ref}")
    answer = shown(tap(bot, triager, button(card, "ไม่รับ", ref)))
    assert "ทำคำสั่งนี้ไม่ได้" in answer and f"/plan {ref}" in answer and f"/notplan {ref} เหตุผล" in answer
    assert request(bot, ref).status == Status.ACCEPTED


def test_an_official_tapping_a_triagers_card_in_a_staff_group_is_refused_by_the_same_gate(
        bot: Bot, admin: str, triager: str, official: str, file_request) -> None:
    ref = file_request()
    group = bot.line.add_group([admin, triager, official])
    say(bot, admin, "/group staff", group=group)
    card = say(bot, triager, "/queue", group=group)
    refusal = shown(tap(bot, official, button(card, "รับ", ref), group=group))
    assert "/accept ใช้ได้เฉพาะ" in refusal
    assert request(bot, ref).status == Status.NEW
    tap(bot, triager, button(card, "รับ", ref), group=group)  # a colleague in the group may use the card
    assert request(bot, ref).status == Status.ACCEPTED


def test_after_a_note_or_a_correction_the_decision_and_the_next_request_are_one_tap_away(
        bot: Bot, triager: str, file_request) -> None:
    ref, following = file_request(), file_request()
    noted = say(bot, triager, f"/note {ref} โทรคุยกับผู้ใหญ่บ้านแล้ว")
    assert [action["label"] for action in actions_in(noted)] == ["รับ", "ไม่รับ", "ส่งต่อ", "เรื่องถัดไป", "กลับไปที่คิว"]
    corrected = say(bot, triager, f"/set {ref} หมวด=น้ำ")
    tap(bot, triager, button(corrected, "รับ", ref))
    assert request(bot, ref).status == Status.ACCEPTED
    assert shown(tap(bot, triager, button(corrected, "เรื่องถัดไป"))).startswith(following)


def test_every_word_a_tap_sends_is_a_thai_alias_of_its_command() -> None:
    for name, word in texts.STAFF_TAP_WORDS.items():
        assert word in texts.STAFF_ALIASES[name]
