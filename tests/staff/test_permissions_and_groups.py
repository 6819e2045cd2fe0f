"""Who may run what: villagers see no staff commands, officials only read, district limits hold, groups register."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import ChatGroup, Status
from tests.harness import Bot
from tests.staff.conftest import enrol, request, say, shown


def test_a_villager_typing_a_staff_command_gets_the_ordinary_villager_answer(
        bot: Bot, villager: str, file_request) -> None:
    ref = file_request(text="เรื่องลับของคนอื่น")
    received = say(bot, villager, "/queue")
    answer = shown(received)
    assert received, "the villager flow answers as it would any message"
    assert ref not in answer and "เรื่องลับของคนอื่น" not in answer and "คิว:" not in answer
    assert "ไม่รู้จักคำสั่ง" not in answer and "สิทธิ์" not in answer


def test_an_official_may_read_but_not_triage_and_hears_who_may(bot: Bot, official: str, file_request) -> None:
    ref = file_request()
    assert ref in shown(say(bot, official, "/show " + ref))
    refusal = shown(say(bot, official, f"/accept {ref}"))
    assert "/accept ใช้ได้เฉพาะ" in refusal and "ผู้คัดกรองเรื่อง" in refusal and "/help" in refusal
    assert request(bot, ref).status == Status.NEW
    help_text = shown(say(bot, official, "/help"))
    assert "/queue" in help_text and "/accept" not in help_text and "/staff" not in help_text


def test_help_shows_an_admin_every_command_with_its_thai_aliases(bot: Bot, admin: str) -> None:
    help_text = shown(say(bot, admin, "/ช่วยเหลือ"))
    for word in ("/accept", "/รับ", "/staff", "/group", "/forum", "/ประชาคม", "/summary"):
        assert word in help_text


def test_a_triager_limited_to_one_district_cannot_touch_another(bot: Bot, file_request) -> None:
    limited = enrol(bot, "ปัทมา", "triager", ["เกาะคา"])
    theirs, other = file_request(district="5203", tambon=None), file_request(district="5208")
    assert "นอกอำเภอ" in shown(say(bot, limited, f"/accept {other}"))
    assert request(bot, other).status == Status.NEW
    queue = shown(say(bot, limited, "/queue"))
    assert theirs in queue and other not in queue
    say(bot, limited, f"/accept {theirs}")
    assert request(bot, theirs).status == Status.ACCEPTED


def test_an_unknown_command_from_staff_points_to_help(bot: Bot, triager: str) -> None:
    assert "/help" in shown(say(bot, triager, "/frobnicate"))


def test_an_admin_enrols_and_removes_staff_in_chat(bot: Bot, admin: str, file_request) -> None:
    newcomer = bot.line.add_user("ใหม่")
    ref = file_request()
    assert "เพิ่ม" in shown(say(bot, admin, f"/staff add {newcomer} --role triager --name 'สมหญิง ใจดี' --district เถิน"))
    assert "✅" in shown(say(bot, newcomer, f"/accept {ref}"))
    roster = shown(say(bot, admin, "/staff list"))
    assert "สมหญิง ใจดี" in roster and "เถิน" in roster
    say(bot, admin, f"/staff remove {newcomer}")
    assert ref not in shown(say(bot, newcomer, "/queue all"))
    assert "สมหญิง ใจดี" in shown(say(bot, admin, f"/show {ref}"))  # the audit trail still names her


def test_a_triager_cannot_manage_staff(bot: Bot, triager: str) -> None:
    assert "/staff ใช้ได้เฉพาะผู้ดูแลระบบ" in shown(say(bot, triager, f"/staff add {triager} --role admin"))


def test_commands_work_in_a_group_only_after_an_admin_registers_it_and_only_for_staff(
        bot: Bot, admin: str, triager: str, villager: str, file_request) -> None:
    ref = file_request()
    group = bot.line.add_group([admin, triager, villager])
    assert say(bot, triager, "/queue", group) == []
    assert "กลุ่มเจ้าหน้าที่" in shown(say(bot, admin, "/group staff", group))
    assert ref in shown(say(bot, triager, "/queue", group))
    assert say(bot, villager, "/queue", group) == []
    with bot.session() as session:
        assert session.scalars(select(ChatGroup.kind)).all() == ["staff"]


def test_an_official_group_is_registered_for_the_weekly_summary(bot: Bot, admin: str) -> None:
    group = bot.line.add_group([admin])
    say(bot, admin, "/กลุ่ม official", group)
    with bot.session() as session:
        assert session.scalars(select(ChatGroup.kind)).all() == ["official"]


def test_an_official_gets_this_weeks_summary_on_demand(bot: Bot, official: str, file_request) -> None:
    file_request()
    received = say(bot, official, "/สรุป")
    assert received and "ยังไม่พร้อม" not in shown(received)
