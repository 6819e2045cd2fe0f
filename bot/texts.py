"""Every sentence the bot says, in Thai: polite, short and plain (Northern Thai understood, not imitated).

Other modules never write Thai themselves; they pick a sentence here and fill in its blanks.
Keep each message short enough to read on a small phone screen without scrolling.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

# --- names shown to people ---------------------------------------------------------------------

CATEGORY_LABELS: dict[str, str] = {
    "infrastructure": "ถนนและสิ่งก่อสร้าง",
    "water": "น้ำ",
    "electricity": "ไฟฟ้าและแสงสว่าง",
    "health": "สาธารณสุข",
    "education": "การศึกษา",
    "livelihood": "อาชีพและเศรษฐกิจ",
    "environment": "สิ่งแวดล้อม",
    "disaster_safety": "ภัยพิบัติและความปลอดภัย",
    "welfare": "สวัสดิการสังคม",
    "culture_sport": "ศาสนา วัฒนธรรม กีฬา",
    "other": "อื่นๆ",
}

STATUS_LABELS: dict[str, str] = {
    "new": "รอพิจารณา",
    "accepted": "รับเข้าวาระประชาคม",
    "rejected": "ไม่รับเรื่อง",
    "referred": "ส่งต่อหน่วยงานอื่น",
    "duplicate": "รวมกับเรื่องที่แจ้งไว้แล้ว",
    "planned": "บรรจุในแผนพัฒนาแล้ว",
    "not_planned": "ยังไม่ได้บรรจุในแผน",
    "done": "ดำเนินการเสร็จแล้ว",
}

PROVINCE_FORUM = "ประชาคมระดับจังหวัด"
UNKNOWN_PLACE = "ยังไม่ทราบ"

THAI_MONTHS_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
                     "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
THAI_WEEKDAYS = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")


def thai_date(day: date | datetime, with_weekday: bool = False) -> str:
    """15 ม.ค. 2570 — the Buddhist Era date officials expect."""
    text = f"{day.day} {THAI_MONTHS_SHORT[day.month - 1]} {day.year + 543}"
    return f"วัน{THAI_WEEKDAYS[day.weekday()]}ที่ {text}" if with_weekday else text


def thai_number(value: int) -> str:
    return f"{value:,}"


def category_label(slug: str | None) -> str:
    return CATEGORY_LABELS.get(slug or "", UNKNOWN_PLACE)


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


# --- follow and privacy ------------------------------------------------------------------------

WELCOME = (
    "สวัสดีค่ะ ขอบคุณที่เพิ่ม อบจ.ลำปาง เป็นเพื่อน 🙏\n"
    "ช่องทางนี้รับเรื่องความต้องการของชุมชน เช่น ถนน น้ำ ไฟส่องทาง สุขภาพ หมอกควัน "
    "เพื่อนำเข้าเวทีประชาคมและแผนพัฒนาของ อบจ.ลำปาง\n\n"
    "วิธีแจ้งเรื่อง: พิมพ์เล่าปัญหา บอกหมู่บ้าน ตำบล อำเภอ "
    "แล้วส่งรูปถ่ายหรือตำแหน่ง (แชร์โลเคชัน) ตามมาได้เลยค่ะ"
)

PRIVACY_NOTICE = (
    "ข้อมูลส่วนบุคคล (PDPA)\n"
    "• เก็บอะไร: ชื่อและไอดี LINE ข้อความ รูป/ไฟล์ และตำแหน่งที่ท่านส่ง\n"
    "• เพื่ออะไร: พิจารณาเรื่องของท่านในเวทีประชาคมและแผนพัฒนาท้องถิ่น และแจ้งผลกลับ\n"
    "• ใครเห็น: เฉพาะเจ้าหน้าที่ อบจ.ลำปาง ที่ดูแลเรื่อง เอกสารประชาคมไม่แสดงชื่อท่าน\n"
    "• เก็บนานเท่าไร: ไม่เกิน {retention_years} ปี หรือจนกว่าท่านขอให้ลบ\n"
    "• ขอลบ: พิมพ์ \"ลบข้อมูล\" ได้ทุกเมื่อค่ะ"
)

WELCOME_BACK = "ยินดีต้อนรับกลับค่ะ 🙏 มีเรื่องอะไรให้ อบจ.ลำปาง ช่วย พิมพ์เล่ามาได้เลยค่ะ"


def privacy_notice(retention_years: int = 2) -> str:
    return PRIVACY_NOTICE.format(retention_years=retention_years)


# --- a request ---------------------------------------------------------------------------------

REQUEST_RECEIVED = "รับเรื่องแล้วค่ะ 📝\nเลขที่ {ref}"
UNDERSTOOD_DISTRICT = "อำเภอ: {name}"
UNDERSTOOD_TAMBON = "ตำบล: {name}"
UNDERSTOOD_CATEGORY = "เรื่อง: {name}"
REQUEST_NEXT_STEP = "เจ้าหน้าที่จะพิจารณาก่อนเวทีประชาคม แล้วแจ้งผลทางนี้ค่ะ ส่งรูปหรือตำแหน่งเพิ่มได้เลย"
ASK_DISTRICT = "เรื่องนี้อยู่อำเภอไหนคะ กดเลือกด้านล่างได้เลยค่ะ"
ASK_CATEGORY = "เรื่องนี้เป็นเรื่องด้านไหนคะ กดเลือกได้เลยค่ะ"
FIX_PROMPT = "ถ้าข้อมูลไม่ถูก กดแก้ด้านล่างได้ค่ะ"
BUTTON_FIX_DISTRICT = "แก้อำเภอ"
BUTTON_FIX_CATEGORY = "แก้หมวดเรื่อง"
BUTTON_SEND_LOCATION = "ส่งตำแหน่ง"
BUTTON_TAKE_PHOTO = "ถ่ายรูป"
BUTTON_OTHER_CATEGORY = "อื่นๆ"
BUTTON_SAVE_AS_REQUEST = "บันทึกเป็นเรื่องใหม่"
DISTRICT_SET = "บันทึกอำเภอ{district} ให้เรื่อง {ref} แล้วค่ะ"
CATEGORY_SET = "บันทึกหมวด \"{category}\" ให้เรื่อง {ref} แล้วค่ะ"
CHOICE_TOO_LATE = "เรื่อง {ref} เจ้าหน้าที่พิจารณาแล้ว จึงแก้จากปุ่มนี้ไม่ได้ค่ะ หากข้อมูลผิด พิมพ์แจ้งเพิ่มได้เลยค่ะ"
CHOICE_NOT_YOURS = "ปุ่มนี้ใช้ไม่ได้แล้วค่ะ ลองพิมพ์ \"ติดตาม\" เพื่อดูเรื่องของท่านนะคะ"
DISTRICT_ASK_THEN_CONTINUE = "รับเรื่องไว้แล้วค่ะ เลือกอำเภอด้านล่าง หรือพิมพ์ชื่ออำเภอก็ได้ค่ะ"


def request_received(ref: str, district: str | None, tambon: str | None, category: str | None) -> str:
    lines = [REQUEST_RECEIVED.format(ref=ref)]
    if district:
        lines.append(UNDERSTOOD_DISTRICT.format(name=district))
    if tambon:
        lines.append(UNDERSTOOD_TAMBON.format(name=tambon))
    if category:
        lines.append(UNDERSTOOD_CATEGORY.format(name=category_label(category)))
    lines.append(REQUEST_NEXT_STEP)
    return "\n".join(lines)


# --- photos, files and locations ---------------------------------------------------------------

MEDIA_ATTACHED = "ได้รับ{kind}แล้ว แนบกับเรื่อง {ref} ให้แล้วค่ะ"
MEDIA_WAITING = "ได้รับ{kind}แล้วค่ะ 🙏 เกี่ยวกับเรื่องอะไรคะ พิมพ์เล่าสั้น ๆ แล้วจะแนบให้กับเรื่องนั้นค่ะ"
MEDIA_KIND_NAMES = {"image": "รูป", "video": "วิดีโอ", "audio": "เสียง", "file": "ไฟล์"}
LOCATION_SET = "บันทึกตำแหน่งของเรื่อง {ref} แล้วค่ะ"
LOCATION_SET_WITH_PLACE = "บันทึกตำแหน่งของเรื่อง {ref} แล้วค่ะ (ต.{tambon} อ.{district})"
LOCATION_OUTSIDE = "ตำแหน่งนี้อยู่นอกจังหวัดลำปางค่ะ อบจ.ลำปาง ดูแลได้เฉพาะในจังหวัดลำปาง ลองส่งตำแหน่งใหม่ได้นะคะ"
LOCATION_WAITING = "ได้รับตำแหน่งแล้วค่ะ ที่ตำแหน่งนี้มีปัญหาอะไรคะ พิมพ์เล่าได้เลยค่ะ"


def media_attached(kind: str, ref: str) -> str:
    return MEDIA_ATTACHED.format(kind=MEDIA_KIND_NAMES.get(kind, "ไฟล์"), ref=ref)


def media_waiting(kind: str) -> str:
    return MEDIA_WAITING.format(kind=MEDIA_KIND_NAMES.get(kind, "ไฟล์"))


# --- not a request -----------------------------------------------------------------------------

GREETING = "สวัสดีค่ะ 🙏 มีเรื่องอะไรอยากให้ อบจ.ลำปาง ช่วย พิมพ์เล่ามาได้เลยค่ะ"
THANKS = "ยินดีค่ะ 🙏 มีเรื่องเพิ่มเติมแจ้งมาได้ตลอดนะคะ"
TEST_ANSWER = "ได้รับข้อความแล้วค่ะ ระบบใช้งานได้ปกติ"
LAUGHTER = "😊 มีเรื่องอะไรให้ช่วย พิมพ์มาได้เลยค่ะ"
STICKER = "😊 ถ้ามีเรื่องอยากแจ้ง พิมพ์เล่ามาได้เลยค่ะ"
ABOUT_PAO = (
    "อบจ.ลำปาง ดูแลงานพัฒนาที่ครอบคลุมหลายอำเภอ เช่น ถนน แหล่งน้ำ สุขภาพ การศึกษา "
    "และจัดเวทีประชาคมทุกอำเภอเพื่อรับฟังความต้องการของชุมชน\n"
    "แจ้งเรื่องได้โดยพิมพ์เล่าปัญหาและบอกอำเภอมาที่นี่ค่ะ"
)
NOT_UNDERSTOOD = (
    "ขออภัยค่ะ ยังไม่แน่ใจว่าเป็นเรื่องที่อยากแจ้งหรือเปล่า "
    "ถ้าใช่ กด \"บันทึกเป็นเรื่องใหม่\" หรือพิมพ์เล่าปัญหาพร้อมบอกหมู่บ้าน ตำบล อำเภอ ได้เลยค่ะ"
)
FOLLOWUP_HINT = "ดูความคืบหน้าเรื่องของท่านได้ตามนี้ค่ะ"

FORUM_SCHEDULED = "ประชาคม{where}: {when}\nสถานที่: {venue}"
FORUM_NOT_SCHEDULED = "ประชาคม{where} ยังไม่ได้กำหนดวันค่ะ เมื่อกำหนดแล้วจะแจ้งให้ทราบนะคะ"
FORUM_ASK_DISTRICT = "อยากทราบวันประชาคมอำเภอไหนคะ กดเลือกได้เลยค่ะ"
FORUM_LIST_HEADER = "วันประชาคมที่กำหนดแล้วค่ะ"


def forum_where(district_name: str | None) -> str:
    return f"อำเภอ{district_name}" if district_name else PROVINCE_FORUM


def forum_answer(district_name: str | None, held_on: date | None, venue: str | None) -> str:
    where = forum_where(district_name)
    if held_on is None:
        return FORUM_NOT_SCHEDULED.format(where=where)
    return FORUM_SCHEDULED.format(where=where, when=thai_date(held_on, with_weekday=True), venue=venue or "-")


# --- tracking ----------------------------------------------------------------------------------

TRACK_HEADER = "เรื่องของท่าน (ล่าสุดก่อน)"
TRACK_EMPTY = "ท่านยังไม่มีเรื่องที่แจ้งไว้ค่ะ พิมพ์เล่าปัญหามาได้เลยนะคะ"
TRACK_LINE = "{ref} · {status}\n{district} · {snippet}"
TRACK_MORE = "และอีก {count} เรื่อง พิมพ์เลขที่เรื่องเพื่อดูรายละเอียดค่ะ"
REQUEST_NOT_FOUND = "ไม่พบเรื่องเลขที่ {ref} ในเรื่องของท่านค่ะ ลองพิมพ์ \"ติดตาม\" เพื่อดูทั้งหมดนะคะ"
DETAIL = "เรื่อง {ref}\nสถานะ: {status}\nอำเภอ: {district}\nหมวด: {category}\nแจ้งเมื่อ: {created}\n\n{text}"
DETAIL_REASON = "เหตุผล: {reason}"
DETAIL_REFERRED = "ส่งต่อถึง: {agency}"
DETAIL_FORUM = "ประชาคม: {when}"
DETAIL_HISTORY_HEADER = "ความคืบหน้า"
DETAIL_HISTORY_LINE = "• {when} {status}"
ERASED_TEXT = "(ข้อความถูกลบตามคำขอ)"


def track_line(ref: str, status: str, district: str | None, snippet: str) -> str:
    return TRACK_LINE.format(ref=ref, status=status_label(status), district=district or UNKNOWN_PLACE,
                             snippet=snippet)


def track_list(lines: Iterable[str], more: int) -> str:
    body = "\n\n".join([TRACK_HEADER, *lines])
    return body + ("\n\n" + TRACK_MORE.format(count=more) if more else "")


# --- status changes (pushed, or carried in the next reply) -------------------------------------

STATUS_NOTICE = {
    "accepted": "เรื่อง {ref} ได้รับเข้าวาระประชาคม{forum}แล้วค่ะ 🎉",
    "rejected": "เรื่อง {ref} ยังไม่สามารถรับเข้าวาระได้ค่ะ",
    "referred": "เรื่อง {ref} อยู่ในความดูแลของ {agency} อบจ. ส่งต่อให้แล้วค่ะ",
    "duplicate": "เรื่อง {ref} มีผู้แจ้งไว้แล้ว (เรื่อง {original}) จึงรวมเป็นเรื่องเดียวกัน นับเสียงสนับสนุนของท่านแล้วค่ะ",
    "planned": "เรื่อง {ref} ได้บรรจุในแผนพัฒนาท้องถิ่นแล้วค่ะ 🎉",
    "not_planned": "เรื่อง {ref} ยังไม่ได้บรรจุในแผนพัฒนารอบนี้ค่ะ",
    "done": "เรื่อง {ref} ดำเนินการเสร็จแล้วค่ะ 🙏 ขอบคุณที่แจ้งเข้ามา",
}
STATUS_NOTICE_REASON = "เหตุผล: {reason}"
STATUS_NOTICE_FORUM = " ({when})"


def status_notice(status: str, ref: str, *, reason: str | None = None, agency: str | None = None,
                  original: str | None = None, forum_when: date | None = None) -> str:
    template = STATUS_NOTICE.get(status, "เรื่อง {ref} เปลี่ยนสถานะเป็น \"{status}\" ค่ะ")
    forum = STATUS_NOTICE_FORUM.format(when=thai_date(forum_when)) if forum_when else ""
    text = template.format(ref=ref, agency=agency or "หน่วยงานที่เกี่ยวข้อง", original=original or "-",
                           forum=forum, status=status_label(status))
    return text + ("\n" + STATUS_NOTICE_REASON.format(reason=reason) if reason else "")


# --- deleting personal data --------------------------------------------------------------------

DELETE_CONFIRM = (
    "ต้องการลบข้อมูลส่วนตัวทั้งหมดใช่ไหมคะ\n"
    "ชื่อ ไอดี LINE ข้อความ รูป และตำแหน่งของท่านจะถูกลบ และติดตามเรื่องเดิมไม่ได้อีก "
    "(เหลือเพียงสถิติที่ไม่ระบุตัวตน) กด \"ยืนยัน\" เพื่อลบค่ะ"
)
BUTTON_CONFIRM = "ยืนยัน"
BUTTON_CANCEL = "ยกเลิก"
DELETED = "ลบข้อมูลส่วนตัวของท่านเรียบร้อยแล้วค่ะ 🙏 หากต้องการแจ้งเรื่องใหม่ พิมพ์มาได้ตลอดนะคะ"
DELETE_KEPT = "ยกเลิกการลบแล้วค่ะ ข้อมูลของท่านยังอยู่ครบ"

# --- conversation control ----------------------------------------------------------------------

CANCELLED = "ยกเลิกแล้วค่ะ มีอะไรให้ช่วย พิมพ์มาได้เลยนะคะ"
NOTHING_TO_CANCEL = "ตอนนี้ไม่มีขั้นตอนที่ค้างอยู่ค่ะ"

# --- groups ------------------------------------------------------------------------------------

GROUP_HOW_TO_REPORT = (
    "สวัสดีค่ะ 🙏 การแจ้งเรื่องถึง อบจ.ลำปาง กรุณาแชตกับบัญชีนี้แบบส่วนตัว (1:1) "
    "พิมพ์เล่าปัญหาและบอกอำเภอ จะได้เลขที่เรื่องไว้ติดตามค่ะ"
)

# --- words people send (matched after normalising spaces; rich-menu buttons send the first) -----

WORDS_TRACK = ("ติดตามเรื่อง", "ติดตาม", "สถานะ", "เรื่องของฉัน", "เรื่องของผม", "เรื่องของหนู", "ดูเรื่อง")
WORDS_DELETE = ("ลบข้อมูล", "ลบข้อมูลของฉัน", "ลบข้อมูลส่วนตัว")
WORDS_CANCEL = ("ยกเลิก", "ยกเลิก.", "cancel")
WORDS_CONFIRM = ("ยืนยัน", "ยืนยันลบ")
WORDS_PRIVACY = ("ความเป็นส่วนตัว", "นโยบายความเป็นส่วนตัว", "pdpa")
WORDS_REPORT = ("แจ้งเรื่อง", "แจ้งเรื่องใหม่")
WORDS_FORUM = ("วันประชาคม", "ประชาคม")
WORDS_HELP = ("ช่วยเหลือ", "วิธีใช้", "เมนู", "help")

# --- rich menu ---------------------------------------------------------------------------------

MENU_REPORT = "แจ้งเรื่อง"
MENU_TRACK = "ติดตามเรื่อง"
MENU_FORUM = "วันประชาคม"
MENU_PRIVACY = "ความเป็นส่วนตัว"
MENU_REPORT_HELP = "พิมพ์เล่าปัญหาที่อยากให้ อบจ. ช่วย พร้อมบอกหมู่บ้าน ตำบล อำเภอ แล้วส่งรูปหรือตำแหน่งตามมาได้เลยค่ะ"

# --- errors ------------------------------------------------------------------------------------

SOMETHING_WENT_WRONG = "ขออภัยค่ะ ระบบขัดข้องชั่วคราว ข้อความของท่านบันทึกไว้แล้ว เจ้าหน้าที่จะตรวจสอบให้ค่ะ"


# --- weekly summary ----------------------------------------------------------------------------

SUMMARY_TITLE = "สรุปเรื่องจากประชาชนประจำสัปดาห์"
SUMMARY_PERIOD = "{start} – {end}"
SUMMARY_UNIT = "{count} เรื่อง"
SUMMARY_NEW = "เรื่องใหม่"
SUMMARY_MORE_THAN_LAST_WEEK = "เพิ่มขึ้น {count} จากสัปดาห์ก่อน"
SUMMARY_FEWER_THAN_LAST_WEEK = "ลดลง {count} จากสัปดาห์ก่อน"
SUMMARY_SAME_AS_LAST_WEEK = "เท่ากับสัปดาห์ก่อน"
SUMMARY_WAITING = "รอพิจารณา"
SUMMARY_OLDEST_WAITING = "รอนานที่สุด {days} วัน"
SUMMARY_PLANNED = "บรรจุในแผนสัปดาห์นี้"
SUMMARY_DONE = "ดำเนินการเสร็จสัปดาห์นี้"
SUMMARY_BY_DISTRICT = "เรื่องใหม่รายอำเภอ"
SUMMARY_BY_CATEGORY = "เรื่องใหม่รายหมวด"
SUMMARY_NO_CATEGORY = "ยังไม่ระบุหมวด"
SUMMARY_NO_DISTRICT = "ยังไม่ระบุอำเภอ"
SUMMARY_FORUMS = "รับเข้าวาระประชาคมที่จะถึง"
SUMMARY_NO_FORUMS = "ยังไม่มีประชาคมที่กำหนดวันไว้"
SUMMARY_NO_FORUM_YET = "รับแล้ว ยังไม่กำหนดประชาคม"
SUMMARY_REPEATED = "เรื่องที่แจ้งซ้ำมากที่สุด"
SUMMARY_NO_REPEATED = "ยังไม่มีเรื่องที่แจ้งซ้ำ"
SUMMARY_SUPPORTERS = "{count} คนแจ้ง"
SUMMARY_ISSUE_PLACE = "{category} · {district}"
SUMMARY_ALT = (
    "สรุปประจำสัปดาห์ {period}: เรื่องใหม่ {new} เรื่อง ({change}) "
    "รอพิจารณา {waiting} เรื่อง{oldest} บรรจุในแผน {planned} เรื่อง เสร็จ {done} เรื่อง"
)
SUMMARY_ALT_OLDEST = " (นานสุด {days} วัน)"


def summary_period(start: date, end: date) -> str:
    return SUMMARY_PERIOD.format(start=thai_date(start), end=thai_date(end))


def summary_change(change: int) -> str:
    if change > 0:
        return SUMMARY_MORE_THAN_LAST_WEEK.format(count=thai_number(change))
    if change < 0:
        return SUMMARY_FEWER_THAN_LAST_WEEK.format(count=thai_number(-change))
    return SUMMARY_SAME_AS_LAST_WEEK


def summary_unit(count: int) -> str:
    return SUMMARY_UNIT.format(count=thai_number(count))


def summary_alt(*, period: str, new: int, change: int, waiting: int, oldest_days: int | None,
                planned: int, done: int) -> str:
    oldest = SUMMARY_ALT_OLDEST.format(days=thai_number(oldest_days)) if oldest_days is not None else ""
    return SUMMARY_ALT.format(period=period, new=thai_number(new), change=summary_change(change),
                              waiting=thai_number(waiting), oldest=oldest, planned=thai_number(planned),
                              done=thai_number(done))
