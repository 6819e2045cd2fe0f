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

# Short labels for villagers' buttons: a quick reply shows about 20 characters, and only the first
# few buttons are on screen at once, so "ภัยพิบัติและความปลอดภัย" has to become one short word.
CATEGORY_BUTTONS: dict[str, str] = {
    "infrastructure": "ถนน อาคาร",
    "water": "น้ำ",
    "electricity": "ไฟฟ้า ไฟทาง",
    "health": "สุขภาพ",
    "education": "การศึกษา",
    "livelihood": "อาชีพ ทำกิน",
    "environment": "ขยะ ควัน ป่า",
    "disaster_safety": "ภัย ความปลอดภัย",
    "welfare": "ผู้สูงอายุ คนพิการ",
    "culture_sport": "วัด ประเพณี กีฬา",
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

# What villagers read about their own requests: plain words, nothing that sounds like a door shut
# ("ไม่รับเรื่อง", "บรรจุในแผน" are the staff's words and stay in STATUS_LABELS for them).
VILLAGER_STATUS_LABELS: dict[str, str] = {
    "new": "รอเจ้าหน้าที่ดู",
    "accepted": "เข้าประชาคมแล้ว",
    "rejected": "ยังไม่ได้เข้าประชาคม",
    "referred": "ส่งต่อหน่วยงานที่ดูแล",
    "duplicate": "รวมกับเรื่องเดียวกัน",
    "planned": "อยู่ในแผนพัฒนาแล้ว",
    "not_planned": "ยังไม่อยู่ในแผนรอบนี้",
    "done": "ทำเสร็จแล้ว",
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


def category_button(slug: str | None) -> str:
    return CATEGORY_BUTTONS.get(slug or "", CATEGORY_BUTTONS["other"])


def villager_status(status: str) -> str:
    return VILLAGER_STATUS_LABELS.get(status, status_label(status))


# --- follow and privacy ------------------------------------------------------------------------

# One short greeting with an example; the privacy notice is one line and a button (the full notice
# is a tap away), so an older villager sees how to start before anything official.
WELCOME = (
    "สวัสดีค่ะ 🙏 ที่นี่รับเรื่องเดือดร้อนของหมู่บ้าน ส่งถึง อบจ.ลำปาง\n"
    "พิมพ์เล่ามาได้เลย เช่น \"น้ำประปาไม่ไหล 3 วันแล้ว บ้านนาแก้ว อ.เกาะคา\"\n"
    "พิมพ์คำเมืองก็ได้เน้อ ส่งรูปหรือตำแหน่งตามมาได้ค่ะ"
)
WELCOME_PRIVACY = "ข้อความ รูป และตำแหน่งที่ส่งมา ใช้ดูแลเรื่องของท่านเท่านั้นค่ะ อ่านเพิ่มกดปุ่มด้านล่าง"
BUTTON_PRIVACY = "ข้อมูลส่วนตัว"

PRIVACY_NOTICE = (
    "ข้อมูลส่วนตัวของท่าน\n"
    "• เก็บอะไร: บัญชี LINE ที่ทักมา ข้อความ รูป/ไฟล์ และตำแหน่งที่ท่านส่ง (ไม่เก็บชื่อ เบอร์โทร หรือรูปโปรไฟล์)\n"
    "• เพื่ออะไร: ดูเรื่องของท่านในประชาคมและแผนพัฒนา แล้วแจ้งผลกลับ\n"
    "• ใครเห็น: เฉพาะเจ้าหน้าที่ อบจ.ลำปาง ที่ดูแลเรื่อง เอกสารประชาคมไม่บอกว่าใครแจ้ง\n"
    "• เก็บนานเท่าไร: ไม่เกิน {retention_years} ปี หรือจนกว่าท่านขอให้ลบ\n"
    "• ดูข้อมูล: พิมพ์ \"ข้อมูลของฉัน\" • ขอลบ: พิมพ์ \"ลบข้อมูล\" ได้ทุกเมื่อค่ะ"
)

WELCOME_BACK = "ยินดีต้อนรับกลับค่ะ 🙏 มีเรื่องอะไรให้ อบจ.ลำปาง ช่วย พิมพ์เล่ามาได้เลยค่ะ"


def privacy_notice(retention_years: int = 2) -> str:
    return PRIVACY_NOTICE.format(retention_years=retention_years)


# --- a request ---------------------------------------------------------------------------------

REQUEST_RECEIVED = "รับเรื่องแล้วค่ะ 📝\nเลขที่ {ref}"
UNDERSTOOD_DISTRICT = "อำเภอ: {name}"
UNDERSTOOD_TAMBON = "ตำบล: {name}"
UNDERSTOOD_CATEGORY = "เรื่อง: {name}"
REQUEST_NEXT_STEP = "เจ้าหน้าที่จะดูก่อนวันประชาคม แล้วแจ้งผลทางนี้ค่ะ ส่งรูปหรือตำแหน่งเพิ่มได้เลย"
REQUEST_HOW_TO_OPEN = "ดูเรื่องนี้อีกครั้ง พิมพ์ {number}"
ASK_DISTRICT = "เรื่องนี้อยู่อำเภอไหนคะ กดเลือกด้านล่างได้เลยค่ะ"
ASK_CATEGORY = "เรื่องนี้เป็นเรื่องด้านไหนคะ กดเลือกได้เลยค่ะ"
ASK_DISTRICT_AGAIN = "ขอถามอีกครั้งนะคะ เรื่อง {ref} อยู่อำเภอไหนคะ กดเลือกด้านล่างได้เลย"
ASK_DISTRICT_DISAGREES = (
    "ตำแหน่งที่ส่งมาอยู่ อ.{located} แต่ข้อความบอก อ.{written} ค่ะ\n"
    "เรื่อง {ref} อยู่อำเภอไหนคะ กดเลือกได้เลย"
)
FIX_PROMPT = "ถ้าข้อมูลไม่ถูก กดแก้ด้านล่างได้ค่ะ"
BUTTON_FIX_DISTRICT = "แก้อำเภอ"
BUTTON_FIX_CATEGORY = "แก้ประเภทเรื่อง"
BUTTON_WITHDRAW = "ยกเลิกเรื่องนี้"
BUTTON_SEND_LOCATION = "ส่งตำแหน่ง"
BUTTON_TAKE_PHOTO = "ถ่ายรูป"
BUTTON_OTHER_CATEGORY = "อื่นๆ"
DISTRICT_SET = "บันทึกอำเภอ{district} ให้เรื่อง {ref} แล้วค่ะ ส่งรูปหรือตำแหน่งเพิ่มได้เลยนะคะ"
CATEGORY_SET = "บันทึกเป็นเรื่อง\"{category}\" ให้เรื่อง {ref} แล้วค่ะ ส่งรูปหรือตำแหน่งเพิ่มได้เลยนะคะ"
CHOICE_TOO_LATE = "เรื่อง {ref} เจ้าหน้าที่พิจารณาแล้ว จึงแก้จากปุ่มนี้ไม่ได้ค่ะ หากข้อมูลผิด พิมพ์แจ้งเพิ่มได้เลยค่ะ"
ALREADY_HANDLED = "เรื่อง {ref} เจ้าหน้าที่พิจารณาแล้ว จึงแก้อำเภอหรือตำแหน่งไม่ได้แล้วค่ะ หากข้อมูลผิด พิมพ์แจ้งรายละเอียดเพิ่มได้เลยค่ะ"
CHOICE_NOT_YOURS = "ปุ่มนี้ใช้ไม่ได้แล้วค่ะ ลองพิมพ์ \"ติดตาม\" เพื่อดูเรื่องของท่านนะคะ"
DISTRICT_CHOSEN = "อ.{name}"  # what a tapped district button shows in the chat


def request_received(ref: str, district: str | None, tambon: str | None, category: str | None,
                     number: int | None = None) -> str:
    lines = [REQUEST_RECEIVED.format(ref=ref)]
    if district:
        lines.append(UNDERSTOOD_DISTRICT.format(name=district))
    if tambon:
        lines.append(UNDERSTOOD_TAMBON.format(name=tambon))
    if category:
        lines.append(UNDERSTOOD_CATEGORY.format(name=category_label(category)))
    lines.append(REQUEST_NEXT_STEP)
    if number is not None:  # villagers cannot type "LP-69-00050"; "50" opens it too
        lines.append(REQUEST_HOW_TO_OPEN.format(number=number))
    return "\n".join(lines)


# --- photos, files and locations ---------------------------------------------------------------

MEDIA_ATTACHED = "ได้รับ{kind}แล้ว แนบกับเรื่อง {ref} ให้แล้วค่ะ ถ้าข้อมูลไม่ถูก กดแก้ด้านล่างได้"
MEDIA_WAITING = "ได้รับ{kind}แล้วค่ะ 🙏 เกี่ยวกับเรื่องอะไรคะ พิมพ์เล่าสั้น ๆ แล้วจะแนบให้กับเรื่องนั้นค่ะ"
MEDIA_KIND_NAMES = {"image": "รูป", "video": "วิดีโอ", "audio": "เสียง", "file": "ไฟล์"}
LOCATION_SET = "บันทึกตำแหน่งของเรื่อง {ref} แล้วค่ะ ถ้าข้อมูลไม่ถูก กดแก้ด้านล่างได้"
LOCATION_SET_WITH_PLACE = "บันทึกตำแหน่งของเรื่อง {ref} แล้วค่ะ (ต.{tambon} อ.{district}) ถ้าข้อมูลไม่ถูก กดแก้ด้านล่างได้"
LOCATION_OUTSIDE = "ตำแหน่งนี้อยู่นอกจังหวัดลำปางค่ะ อบจ.ลำปาง ดูแลได้เฉพาะในจังหวัดลำปาง ลองส่งตำแหน่งใหม่ได้นะคะ"
LOCATION_WAITING = "ได้รับตำแหน่งแล้วค่ะ ที่ตำแหน่งนี้มีปัญหาอะไรคะ พิมพ์เล่าได้เลยค่ะ"


def media_attached(kind: str, ref: str) -> str:
    return MEDIA_ATTACHED.format(kind=MEDIA_KIND_NAMES.get(kind, "ไฟล์"), ref=ref)


def media_waiting(kind: str) -> str:
    return MEDIA_WAITING.format(kind=MEDIA_KIND_NAMES.get(kind, "ไฟล์"))


# --- not a request -----------------------------------------------------------------------------

GREETING = "สวัสดีค่ะ 🙏 มีเรื่องอะไรอยากให้ อบจ.ลำปาง ช่วย พิมพ์เล่ามาได้เลยค่ะ"
THANKS = "ยินดีค่ะ 🙏 มีเรื่องเพิ่มเติมแจ้งมาได้ตลอดนะคะ"
TEST_ANSWER = "ได้รับข้อความแล้วค่ะ ระบบใช้งานได้ปกติ มีเรื่องอยากแจ้ง พิมพ์เล่ามาได้เลยนะคะ"
LAUGHTER = "😊 มีเรื่องอะไรให้ช่วย พิมพ์มาได้เลยค่ะ"
STICKER = "😊 ถ้ามีเรื่องอยากแจ้ง พิมพ์เล่ามาได้เลยค่ะ"
SAID_INSTEAD: dict[str, str] = {
    GREETING: "สวัสดีอีกครั้งค่ะ 😊 เล่าเรื่องที่อยากแจ้งมาได้เลย เช่น \"ถนนหน้าบ้านพัง อ.งาว\"",
    THANKS: "ด้วยความยินดีค่ะ 🙏 ดูเรื่องที่แจ้งไว้ พิมพ์ \"ติดตาม\" ได้เลยนะคะ",
    STICKER: "😊 ได้รับสติกเกอร์แล้วค่ะ อยากแจ้งเรื่องอะไร พิมพ์สั้น ๆ มาได้เลย",
    LAUGHTER: "😊 ค่ะ มีเรื่องอยากแจ้ง พิมพ์มาได้ตลอดนะคะ",
    TEST_ANSWER: "ได้รับอีกครั้งค่ะ ระบบใช้งานได้ปกติ พิมพ์เล่าเรื่องที่อยากแจ้งได้เลยนะคะ",
}

FORUM_SCHEDULED = "ประชาคม{where}: {when}\nสถานที่: {venue}"
FORUM_NOT_SCHEDULED = "ประชาคม{where} ยังไม่ได้กำหนดวันค่ะ เมื่อกำหนดแล้วจะแจ้งให้ทราบนะคะ"
# The forum table holds a date, not a time: say where to ask for the time rather than invent one.
FORUM_NEXT_STEP = "เวลาเริ่ม สอบถามได้ที่ที่ว่าการอำเภอหรือพิมพ์ \"ติดต่อ\" ค่ะ อยากเสนอเรื่องเข้าประชาคม พิมพ์เล่ามาได้เลย"
FORUM_ASK_DISTRICT = "อยากทราบวันประชาคมอำเภอไหนคะ กดเลือกได้เลยค่ะ"
FORUM_CHOSEN = "ประชาคม อ.{name}"  # what a tapped forum-district button shows in the chat


def forum_where(district_name: str | None) -> str:
    return f"อำเภอ{district_name}" if district_name else PROVINCE_FORUM


def forum_answer(district_name: str | None, held_on: date | None, venue: str | None) -> str:
    where = forum_where(district_name)
    if held_on is None:
        return FORUM_NOT_SCHEDULED.format(where=where)
    return FORUM_SCHEDULED.format(where=where, when=thai_date(held_on, with_weekday=True), venue=venue or "-")


def forum_answer_for_villager(district_name: str | None, held_on: date | None, venue: str | None) -> str:
    """The forum answer with what the villager can do next (and where to learn the time of day)."""
    return forum_answer(district_name, held_on, venue) + "\n" + FORUM_NEXT_STEP


# --- tracking ----------------------------------------------------------------------------------

TRACK_HEADER = "เรื่องของท่าน (ล่าสุดก่อน)"
TRACK_EMPTY = "ท่านยังไม่มีเรื่องที่แจ้งไว้ค่ะ พิมพ์เล่าปัญหามาได้เลยนะคะ"
TRACK_LINE = "เลขที่ {number} · {status}\n{district} · {snippet}"
TRACK_HOW_TO_OPEN = "ดูเรื่องไหน กดปุ่มด้านล่าง หรือพิมพ์เลขที่ เช่น {number} ค่ะ"
TRACK_MORE = "และอีก {count} เรื่อง พิมพ์เลขที่เรื่องเพื่อดูรายละเอียดค่ะ"
TRACK_BUTTON = "ดู {number} {snippet}"
REQUEST_NOT_FOUND = "ไม่พบเรื่องเลขที่ {ref} ในเรื่องของท่านค่ะ ลองพิมพ์ \"ติดตาม\" เพื่อดูทั้งหมดนะคะ"
DETAIL = "เรื่อง {ref}\nสถานะ: {status}\nอำเภอ: {district}\nเรื่องด้าน: {category}\nแจ้งเมื่อ: {created}\n\n{text}"
DETAIL_REASON = "เหตุผล: {reason}"
DETAIL_REFERRED = "ส่งต่อถึง: {agency}"
DETAIL_FORUM = "ประชาคม: {when}"
DETAIL_HISTORY_HEADER = "ความคืบหน้า"
DETAIL_HISTORY_LINE = "• {when} {status}"
DETAIL_MERGED = "รวมกับเรื่อง {original} ที่มีคนแจ้งไว้ก่อน ({status}) เมื่อเรื่องนั้นคืบหน้าจะแจ้งท่านด้วยค่ะ"
DETAIL_NEXT_OPEN = "ถ้าไม่ต้องการแจ้งเรื่องนี้แล้ว กด \"ยกเลิกเรื่องนี้\" ได้ค่ะ"
DETAIL_NEXT = "ดูเรื่องทั้งหมด พิมพ์ \"ติดตาม\" ค่ะ"
BUTTON_SEE_ORIGINAL = "ดูเรื่องที่รวมไว้"
BUTTON_TRACK = "ดูเรื่องทั้งหมด"
# A supporter looks at the request theirs was merged into: its facts, never the other person's words.
ORIGINAL_DETAIL = (
    "เรื่อง {ref} (เรื่องที่รวมเรื่องของท่านไว้)\nสถานะ: {status}\nอำเภอ: {district}\nเรื่องด้าน: {category}\n"
    "ผู้แจ้งเรื่องนี้ทั้งหมด {supporters} คน"
)
ERASED_TEXT = "(ข้อความถูกลบตามคำขอ)"


def track_line(number: int, status: str, district: str | None, snippet: str) -> str:
    return TRACK_LINE.format(number=number, status=villager_status(status), district=district or UNKNOWN_PLACE,
                             snippet=snippet)


def track_list(lines: Iterable[str], more: int, newest_number: int) -> str:
    body = "\n\n".join([TRACK_HEADER, *lines])
    body += "\n\n" + (TRACK_MORE.format(count=more) if more else TRACK_HOW_TO_OPEN.format(number=newest_number))
    return body


def track_button(number: int, snippet: str) -> str:
    return TRACK_BUTTON.format(number=number, snippet=snippet)


# --- status changes (pushed, or carried in the next reply) -------------------------------------

# Every notice names the request by a short quote of its words (nobody remembers LP-69-00050) and
# ends with what the villager can do next.
STATUS_NOTICE = {
    "accepted": "เรื่อง {about} ได้เข้าประชาคม{forum}แล้วค่ะ 🎉",
    "rejected": "เรื่อง {about} ยังไม่ได้เข้าประชาคมรอบนี้ค่ะ",
    "referred": "เรื่อง {about} เป็นงานของ {agency} อบจ. ส่งต่อให้แล้วค่ะ",
    "duplicate": "เรื่อง {about} มีคนแจ้งไว้ก่อนแล้ว (เรื่อง {original}) จึงรวมเป็นเรื่องเดียวกัน นับเสียงของท่านด้วยแล้วค่ะ",
    "planned": "เรื่อง {about} อยู่ในแผนพัฒนาของ อบจ. แล้วค่ะ 🎉",
    "not_planned": "เรื่อง {about} ยังไม่อยู่ในแผนพัฒนารอบนี้ค่ะ",
    "done": "เรื่อง {about} ทำเสร็จแล้วค่ะ 🙏 ขอบคุณที่แจ้งเข้ามา",
}
STATUS_NOTICE_ABOUT = "{ref} \"{excerpt}\""
STATUS_NOTICE_REASON = "เหตุผล: {reason}"
STATUS_NOTICE_FORUM = " ({when})"
STATUS_NOTICE_NEXT = "ดูรายละเอียด พิมพ์ {number} ค่ะ"
STATUS_NOTICE_NEXT_REJECTED = "มีข้อมูลเพิ่ม แจ้งเป็นเรื่องใหม่ได้ หรือพิมพ์ \"ติดต่อ\" เพื่อคุยกับเจ้าหน้าที่ค่ะ"
STATUS_NOTICE_NEXT_DUPLICATE = "ดูเรื่องที่รวมไว้ พิมพ์ {original} ค่ะ"
SUPPORTER_NOTICE = "เรื่องที่ท่านแจ้ง ({ref} \"{excerpt}\") รวมอยู่กับเรื่อง {original} ค่ะ"


def request_about(ref: str, excerpt: str | None) -> str:
    return STATUS_NOTICE_ABOUT.format(ref=ref, excerpt=excerpt) if excerpt else ref


def status_notice(status: str, ref: str, *, reason: str | None = None, agency: str | None = None,
                  original: str | None = None, forum_when: date | None = None, excerpt: str | None = None,
                  number: int | None = None) -> str:
    template = STATUS_NOTICE.get(status, "เรื่อง {about} เปลี่ยนสถานะเป็น \"{status}\" ค่ะ")
    forum = STATUS_NOTICE_FORUM.format(when=thai_date(forum_when)) if forum_when else ""
    lines = [template.format(about=request_about(ref, excerpt), agency=agency or "หน่วยงานที่เกี่ยวข้อง",
                             original=original or "-", forum=forum, status=villager_status(status))]
    if reason:
        lines.append(STATUS_NOTICE_REASON.format(reason=reason))
    if status == "rejected" or status == "not_planned":
        lines.append(STATUS_NOTICE_NEXT_REJECTED)
    elif status == "duplicate" and original:
        lines.append(STATUS_NOTICE_NEXT_DUPLICATE.format(original=original))
    elif number is not None:
        lines.append(STATUS_NOTICE_NEXT.format(number=number))
    return "\n".join(lines)


def supporter_notice(status: str, original: str, own_ref: str, own_excerpt: str | None, *,
                     reason: str | None = None, agency: str | None = None, forum_when: date | None = None,
                     original_excerpt: str | None = None) -> str:
    """To someone whose request was merged into `original`: what happened to the one that counts now."""
    head = SUPPORTER_NOTICE.format(ref=own_ref, excerpt=own_excerpt or "-", original=original)
    body = status_notice(status, original, reason=reason, agency=agency, forum_when=forum_when,
                         excerpt=original_excerpt)
    return head + "\n" + body + ("" if status in ("rejected", "not_planned")
                                 else "\n" + STATUS_NOTICE_NEXT_DUPLICATE.format(original=original))


# --- deleting personal data --------------------------------------------------------------------

DELETE_CONFIRM = (
    "ต้องการลบข้อมูลส่วนตัวทั้งหมดใช่ไหมคะ\n"
    "บัญชี LINE ที่ทักมา ข้อความ รูป และตำแหน่งของท่านจะถูกลบ และติดตามเรื่องเดิมไม่ได้อีก "
    "(เหลือแค่ตัวเลขนับจำนวนเรื่อง ไม่มีชื่อใคร) กด \"ยืนยัน\" เพื่อลบค่ะ"
)
BUTTON_CONFIRM = "ยืนยัน"
BUTTON_CANCEL = "ยกเลิก"
DELETED = "ลบข้อมูลส่วนตัวของท่านเรียบร้อยแล้วค่ะ 🙏 หากต้องการแจ้งเรื่องใหม่ พิมพ์มาได้ตลอดนะคะ"
DELETE_KEPT = "ยกเลิกการลบแล้วค่ะ ข้อมูลของท่านยังอยู่ครบ มีเรื่องอะไร พิมพ์มาได้เลยนะคะ"
MY_DATA = (
    "ข้อมูลของท่านที่ อบจ.ลำปาง เก็บไว้\n"
    "• เริ่มใช้งาน: {since}\n"
    "• เรื่องที่แจ้ง: {requests} เรื่อง\n"
    "• รูป/ไฟล์: {files} ไฟล์\n"
    "• ตำแหน่ง: {locations} จุด\n"
    "ดูแต่ละเรื่องพิมพ์ \"ติดตาม\" ต้องการลบทั้งหมดพิมพ์ \"ลบข้อมูล\" ค่ะ"
)

YOUR_LINE_ID = "ไอดี LINE ของท่านคือ\n{user_id}\nส่งให้ผู้ดูแลระบบ อบจ. เพื่อลงทะเบียนเป็นเจ้าหน้าที่ได้ค่ะ"

# --- conversation control ----------------------------------------------------------------------

CANCELLED = "ยกเลิกแล้วค่ะ มีอะไรให้ช่วย พิมพ์มาได้เลยนะคะ"
NOTHING_TO_CANCEL = "ตอนนี้ไม่มีคำถามค้างอยู่ค่ะ มีเรื่องอยากแจ้ง พิมพ์เล่ามาได้เลยนะคะ"
# "ยกเลิก" while the bot waits for an answer drops only the question: say so, and where the request
# stands, so nobody believes a request left the queue when it did not.
QUESTION_DROPPED = (
    "ได้ค่ะ ไม่ถามต่อแล้ว แต่เรื่อง {ref} ยังอยู่ในระบบนะคะ\n"
    "ถ้าไม่ต้องการแจ้งเรื่องนี้แล้ว กด \"ยกเลิกเรื่องนี้\" ค่ะ"
)
NOTHING_TO_CANCEL_BUT_REQUEST = (
    "ตอนนี้ไม่มีคำถามค้างอยู่ค่ะ เรื่อง {ref} ยังอยู่ในระบบนะคะ\n"
    "ถ้าไม่ต้องการแจ้งเรื่องนี้แล้ว กด \"ยกเลิกเรื่องนี้\" ค่ะ"
)
LOCATION_DROPPED = "ได้ค่ะ ไม่เก็บตำแหน่งที่ส่งมาแล้ว มีเรื่องอยากแจ้ง พิมพ์เล่ามาได้เลยนะคะ"
WAIT_OK = "ได้ค่ะ ไม่รีบ พิมพ์ต่อเมื่อพร้อมนะคะ"
SAID_AGAIN = "ขอทวนอีกครั้งนะคะ\n{text}"  # never the same bubble twice in a row



def said_again(body: str) -> str:
    """Other words for a bubble the bot sent last time (never the same bubble twice in a row)."""
    return SAID_INSTEAD.get(body) or _NOT_A_REQUEST_INSTEAD.get(body) or SAID_AGAIN.format(text=body)


# --- withdrawing one request -------------------------------------------------------------------

WITHDRAW_CONFIRM = (
    "ยกเลิกเรื่อง {about} ใช่ไหมคะ\n"
    "ข้อความ รูป และตำแหน่งของเรื่องนี้จะถูกลบ และเจ้าหน้าที่จะไม่เห็นเรื่องนี้อีก"
)
BUTTON_WITHDRAW_YES = "ใช่ ยกเลิกเรื่อง"
BUTTON_WITHDRAW_NO = "ไม่ยกเลิก"
WITHDRAWN = "ยกเลิกเรื่อง {ref} และลบข้อความ รูป ตำแหน่งของเรื่องนี้แล้วค่ะ มีเรื่องใหม่ พิมพ์เล่ามาได้เลยนะคะ"
WITHDRAW_KEPT = "ได้ค่ะ เรื่อง {ref} ยังอยู่ตามเดิม เจ้าหน้าที่จะแจ้งผลทางนี้นะคะ"
WITHDRAW_TOO_LATE = (
    "เรื่อง {ref} เจ้าหน้าที่ดูแล้ว จึงยกเลิกเองไม่ได้ค่ะ "
    "ถ้าต้องการ พิมพ์ \"ติดต่อ\" เพื่อคุยกับเจ้าหน้าที่นะคะ"
)
NOTHING_TO_WITHDRAW = "ตอนนี้ไม่มีเรื่องที่ยกเลิกได้ค่ะ ดูเรื่องทั้งหมด พิมพ์ \"ติดตาม\" นะคะ"
NOTHING_TO_FIX = "ตอนนี้ไม่มีเรื่องที่แก้ได้ค่ะ มีเรื่องอยากแจ้ง พิมพ์เล่ามาได้เลยนะคะ"

# --- a message the bot is not sure about -------------------------------------------------------

# Several short messages ("น้ำบ่ไหลเจ้า", "อยู่แม่ทะ") are kept together as one draft; the bot says
# what it caught and asks once, in different words each time.
UNSURE_CAUGHT = "เรื่อง \"{excerpt}\""
UNSURE_CAUGHT_WHERE = "เรื่อง \"{excerpt}\" ที่ อ.{district}"
UNSURE_ASK = "ขอโทษค่ะ ยังไม่แน่ใจว่าอยากให้ อบจ. ช่วยไหม\n{caught} ใช่ไหมคะ"
UNSURE_ASK_MORE = "รวมที่เล่ามาเป็น {caught} ใช่ไหมคะ"
UNSURE_ASK_WHERE = "ได้ค่ะ {caught} ใช่ไหมคะ"
BUTTON_YES_SAVE = "ใช่ บันทึกเลย"
BUTTON_NOT_A_REQUEST = "ไม่ใช่"
UNSURE_DROPPED = "ได้ค่ะ ไม่บันทึกข้อความนั้น มีเรื่องอยากแจ้ง พิมพ์เล่ามาได้เลยนะคะ"

# --- messages that ask for nothing (issue 15: adverts, forwards, announcements, politics, complaints) --
# Thanked and answered without judging; nothing enters the staff queue by itself, but each ends with
# the one tap that saves the message as a request after all ([ใช่ บันทึกเลย], as when the bot is unsure).
NOT_A_REQUEST_ANSWERS: dict[str, str] = {
    "advert": (
        "ขอบคุณที่ส่งมาค่ะ 🙏 ช่องทางนี้รับเรื่องที่อยากให้ อบจ.ลำปาง ช่วย จึงไม่ได้ส่งต่อโฆษณาหรือประกาศขายนะคะ\n"
        "ถ้าข้อความนี้เป็นเรื่องที่อยากให้ช่วย กด \"ใช่ บันทึกเลย\" ได้ค่ะ"
    ),
    "forward": (
        "ขอบคุณที่แบ่งปันข่าวค่ะ 🙏 ข่าวที่ส่งต่อมาจะไม่ถูกบันทึกเป็นเรื่องร้องขอนะคะ\n"
        "ถ้าเกิดเหตุในพื้นที่ของท่านและอยากให้ อบจ. ช่วย กด \"ใช่ บันทึกเลย\" หรือเล่าเพิ่มได้เลยค่ะ"
    ),
    "announcement": (
        "ขอบคุณที่แจ้งข่าวกิจกรรมค่ะ 🙏 ช่องทางนี้รับเรื่องที่อยากให้ อบจ.ลำปาง ช่วย จึงไม่ได้ประกาศต่อให้นะคะ\n"
        "ถ้าอยากให้ อบจ. ช่วยเรื่องงานนี้ กด \"ใช่ บันทึกเลย\" ได้ค่ะ"
    ),
    "politics": (
        "ขอบคุณที่แสดงความเห็นค่ะ 🙏 ช่องทางนี้รับเรื่องที่อยากให้ อบจ.ลำปาง ช่วยแก้ไข "
        "จึงไม่ได้บันทึกความเห็นเป็นเรื่องร้องขอนะคะ\n"
        "มีเรื่องที่อยากให้ช่วย เล่ามาได้เลย หรือกด \"ใช่ บันทึกเลย\" เพื่อบันทึกข้อความนี้ค่ะ"
    ),
    "complaint": (
        "รับฟังแล้วค่ะ ขอบคุณที่เล่าให้ฟังนะคะ 🙏\n"
        "ถ้าอยากให้ อบจ. ตรวจสอบหรือแก้ไขเรื่องนี้ กด \"ใช่ บันทึกเลย\" เจ้าหน้าที่จะรับเป็นเรื่องไว้ "
        "หรือพิมพ์เล่าเพิ่มว่าเกิดที่ไหน เมื่อไรก็ได้ค่ะ"
    ),
}
# The same kind of message twice in a row gets these words the second time (see said_again).
NOT_A_REQUEST_AGAIN: dict[str, str] = {
    "advert": "ได้รับอีกข้อความค่ะ 🙏 โฆษณาจะไม่ถูกส่งต่อนะคะ ถ้าเป็นเรื่องที่อยากให้ช่วย กด \"ใช่ บันทึกเลย\" ค่ะ",
    "forward": "ได้รับข่าวนี้แล้วค่ะ 🙏 ถ้าอยากให้ อบจ. ช่วยเรื่องที่เกิดในพื้นที่ กด \"ใช่ บันทึกเลย\" ค่ะ",
    "announcement": "ได้รับข่าวกิจกรรมแล้วค่ะ 🙏 ถ้าอยากให้ อบจ. ช่วยเรื่องงานนี้ กด \"ใช่ บันทึกเลย\" ค่ะ",
    "politics": "รับทราบความเห็นค่ะ 🙏 มีเรื่องที่อยากให้ช่วย เล่ามาได้เลย หรือกด \"ใช่ บันทึกเลย\" ค่ะ",
    "complaint": "รับฟังค่ะ 🙏 ถ้าอยากให้เจ้าหน้าที่รับเป็นเรื่องไว้ กด \"ใช่ บันทึกเลย\" หรือเล่าเพิ่มได้เลยค่ะ",
}
_NOT_A_REQUEST_INSTEAD: dict[str, str] = {NOT_A_REQUEST_ANSWERS[kind]: again
                                          for kind, again in NOT_A_REQUEST_AGAIN.items()}

# --- contact and a person ------------------------------------------------------------------------

DEFAULT_OFFICE_HOURS = "จันทร์–ศุกร์ 08.30–16.30 น. (เว้นวันหยุดราชการ)"
CONTACT_TITLE = "ติดต่อ อบจ.ลำปาง"
CONTACT_HOURS = "⏰ เวลาทำการ: {hours}"
CONTACT_PHONE = "📞 โทร {phone}"
CONTACT_ADDRESS = "📍 {address}"
CONTACT_URGENT = "🚨 เรื่องด่วน: {numbers}"
CONTACT_NEXT = "อยากคุยกับเจ้าหน้าที่ทางแชตนี้ กดปุ่มด้านล่างค่ะ"
URGENT_NAMES: dict[str, str] = {"1669": "เจ็บป่วยฉุกเฉิน", "191": "ตำรวจ", "199": "ไฟไหม้",
                                "1784": "สาธารณภัย", "1300": "ช่วยเหลือสังคม"}
BUTTON_TALK_TO_STAFF = "คุยกับเจ้าหน้าที่"
TALK_TO_STAFF_FLAGGED = (
    "แจ้งเจ้าหน้าที่แล้วค่ะ 🙏 จะตอบกลับทางแชตนี้ในเวลาทำการ ({hours})\n"
    "ระหว่างนี้พิมพ์เล่าเรื่องไว้ก่อนได้เลย เรื่องด่วนโทร {urgent}"
)
TALK_TO_STAFF_ALREADY = "เจ้าหน้าที่ได้รับคำขอของท่านแล้วค่ะ จะตอบกลับทางแชตนี้ในเวลาทำการ ({hours}) นะคะ"


def contact_card(hours: str, phone: str, address: str, urgent: Iterable[str]) -> str:
    """The practical facts, from settings; an unset phone or address is left out rather than invented."""
    lines = [CONTACT_TITLE, CONTACT_HOURS.format(hours=hours or DEFAULT_OFFICE_HOURS)]
    if phone:
        lines.append(CONTACT_PHONE.format(phone=phone))
    if address:
        lines.append(CONTACT_ADDRESS.format(address=address))
    numbers = urgent_numbers(urgent)
    if numbers:
        lines.append(CONTACT_URGENT.format(numbers=numbers))
    lines.append(CONTACT_NEXT)
    return "\n".join(lines)


def urgent_numbers(urgent: Iterable[str]) -> str:
    return " · ".join(f"{number} {URGENT_NAMES[number]}" if number in URGENT_NAMES else number
                      for number in urgent)


# --- how to use ----------------------------------------------------------------------------------

HOW_TO_USE = (
    "วิธีใช้\n"
    "• แจ้งเรื่อง: พิมพ์เล่าปัญหา บอกหมู่บ้าน ตำบล อำเภอ\n"
    "• ส่งรูป/ตำแหน่ง: กดปุ่มด้านล่าง หรือปุ่ม + ในแชต\n"
    "• ดูเรื่อง: พิมพ์ \"ติดตาม\" หรือเลขที่เรื่อง เช่น 50\n"
    "• ยกเลิกเรื่อง: กด \"ยกเลิกเรื่องนี้\" ใต้เรื่องนั้น\n"
    "• คุยกับเจ้าหน้าที่: พิมพ์ \"ติดต่อ\"\n"
    "ข้อมูลส่วนตัวของท่าน กดปุ่ม \"ข้อมูลส่วนตัว\" ด้านล่างค่ะ"
)
SEND_PHOTO_OR_LOCATION = "กดปุ่มด้านล่างเพื่อถ่ายรูปหรือส่งตำแหน่งได้เลยค่ะ แล้วพิมพ์เล่าสั้น ๆ ว่าเป็นเรื่องอะไร"

# --- groups ------------------------------------------------------------------------------------

GROUP_HOW_TO_REPORT = (
    "สวัสดีค่ะ 🙏 การแจ้งเรื่องถึง อบจ.ลำปาง กรุณาแชตกับบัญชีนี้แบบส่วนตัว (1:1) "
    "พิมพ์เล่าปัญหาและบอกอำเภอ จะได้เลขที่เรื่องไว้ติดตามค่ะ"
)

# --- words people send (matched after normalising spaces; rich-menu buttons send the first) -----

WORDS_TRACK = ("ติดตามเรื่อง", "ติดตาม", "สถานะ", "เรื่องของฉัน", "เรื่องของผม", "เรื่องของหนู", "ดูเรื่อง",
               "ดูเรื่องทั้งหมด")
WORDS_DELETE = ("ลบข้อมูล", "ลบข้อมูลของฉัน", "ลบข้อมูลส่วนตัว")
WORDS_CANCEL = ("ยกเลิก", "ยกเลิก.", "cancel")
WORDS_CONFIRM = ("ยืนยัน", "ยืนยันลบ")
WORDS_PRIVACY = ("ความเป็นส่วนตัว", "นโยบายความเป็นส่วนตัว", "pdpa", "ข้อมูลส่วนตัว")
WORDS_MY_DATA = ("ข้อมูลของฉัน", "ข้อมูลของผม", "ขอดูข้อมูล", "ดูข้อมูลของฉัน")
WORDS_REPORT = ("แจ้งเรื่อง", "แจ้งเรื่องใหม่")
WORDS_FORUM = ("วันประชาคม", "ประชาคม")
WORDS_WHOAMI = ("/whoami", "/ไอดี", "/ไอดีของฉัน")
WORDS_HELP = ("ช่วยเหลือ", "วิธีใช้", "เมนู", "help")
WORDS_SEND_MEDIA = ("ส่งรูป/ตำแหน่ง", "ส่งรูป", "ส่งตำแหน่ง", "ส่งรูปหรือตำแหน่ง")
WORDS_CONTACT = ("ติดต่อ อบจ.", "ติดต่อ", "ติดต่อ อบจ", "เบอร์โทร", "เบอร์โทร อบจ.", "เวลาทำการ", "ที่อยู่ อบจ.",
                 "อบจ.เปิดกี่โมง", "เปิดกี่โมง", "เบอร์ติดต่อ")
WORDS_TALK_TO_STAFF = ("คุยกับเจ้าหน้าที่", "ขอคุยกับเจ้าหน้าที่", "ติดต่อเจ้าหน้าที่", "ขอติดต่อเจ้าหน้าที่",
                       "ขอสายเจ้าหน้าที่", "คุยกับคน", "ขอคุยกับคน", "เจ้าหน้าที่")
WORDS_WITHDRAW = ("ยกเลิกเรื่องนี้", "ยกเลิกเรื่อง", "ถอนเรื่อง")
WORDS_FIX_DISTRICT = ("แก้อำเภอ", "เปลี่ยนอำเภอ", "อำเภอผิด")
WORDS_FIX_CATEGORY = ("แก้หมวด", "แก้หมวดเรื่อง", "แก้ประเภท", "แก้ประเภทเรื่อง", "หมวดผิด")
# Conversation control, never a request: "wait a moment".
WORDS_WAIT = ("เดี๋ยวก่อน", "เดี๋ยว", "รอก่อน", "แป๊บ", "แป๊บนึง", "เดี๋ยวนะ", "สักครู่", "รอแป๊บ", "เดี๋ยวพิมพ์ต่อ")
WORDS_YES_SAVE = ("ใช่ บันทึกเลย", "ใช่", "บันทึกเลย", "ใช่แล้ว", "ถูกต้อง")
WORDS_NOT_A_REQUEST = ("ไม่ใช่", "ไม่ใช่ค่ะ", "ไม่ใช่ครับ", "ไม่")
# Polite endings dropped before matching the words above ("ติดต่อเจ้าหน้าที่ค่ะ" is "ติดต่อเจ้าหน้าที่").
POLITE_ENDINGS = ("ครับ", "ค่ะ", "คะ", "จ้า", "จ้ะ", "เจ้า", "นะ", "น้อ", "เน้อ", "ครับผม")

# --- rich menu ---------------------------------------------------------------------------------

MENU_CHAT_BAR = "เมนู อบจ.ลำปาง"
MENU_REPORT = "แจ้งเรื่อง"
MENU_MEDIA = "ส่งรูป/ตำแหน่ง"
MENU_TRACK = "ติดตามเรื่อง"
MENU_FORUM = "วันประชาคม"
MENU_CONTACT = "ติดต่อ อบจ."
MENU_HELP = "วิธีใช้"
# The staff menu, linked to each staff member (its help button reuses MENU_HELP).
MENU_STAFF_CHAT_BAR = "เมนูงาน อบจ."
MENU_STAFF_CONSOLE = "เปิดหน้าจัดการ"
MENU_STAFF_QUEUE = "คิวเรื่อง"
MENU_STAFF_NEXT = "เรื่องถัดไป"
SUMMARY_OPEN_CONSOLE = MENU_STAFF_CONSOLE  # the weekly summary's button to the same console
MENU_REPORT_HELP = (
    "พิมพ์เล่าปัญหาที่อยากให้ อบจ. ช่วย พร้อมบอกหมู่บ้าน ตำบล อำเภอ เช่น "
    "\"ไฟทางดับทั้งซอย บ้านหัวเสือ อ.แม่ทะ\" แล้วส่งรูปหรือตำแหน่งตามมาได้เลยค่ะ"
)

# --- demo data (development databases only) ----------------------------------------------------

DEMO_STAFF_NAMES = ("ผู้ดูแลระบบ (สาธิต)", "เจ้าหน้าที่คัดกรอง (สาธิต)", "ผู้บริหาร (สาธิต)")
DEMO_REJECT_REASON = "ซ้ำซ้อนกับโครงการที่ดำเนินการอยู่แล้ว"
DEMO_REFERRED_TO = "องค์การบริหารส่วนตำบลในพื้นที่"


def demo_venue(district_name: str | None) -> str:
    return f"หอประชุมที่ว่าการอำเภอ{district_name}" if district_name else "หอประชุม อบจ.ลำปาง"


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
# A week still running is labelled as such and compared with the same days of the week before.
SUMMARY_PERIOD_PARTIAL = "{start} – {end} (ถึงวันนี้ ยังไม่ครบสัปดาห์)"
SUMMARY_MORE_THAN_SAME_DAYS = "เพิ่มขึ้น {count} จากช่วงเดียวกันของสัปดาห์ก่อน"
SUMMARY_FEWER_THAN_SAME_DAYS = "ลดลง {count} จากช่วงเดียวกันของสัปดาห์ก่อน"
SUMMARY_SAME_AS_SAME_DAYS = "เท่ากับช่วงเดียวกันของสัปดาห์ก่อน"
SUMMARY_ACCEPTED = "รับเข้าวาระสัปดาห์นี้"
SUMMARY_REJECTED = "ไม่รับสัปดาห์นี้"
SUMMARY_ALT_TRIAGED = " รับเข้าวาระ {accepted} เรื่อง ไม่รับ {rejected} เรื่อง"
SUMMARY_NO_NEW = "ยังไม่มีเรื่องใหม่ในช่วงนี้"
SUMMARY_MORE_FORUMS = "และอีก {count} ครั้ง ดูทั้งหมดด้วย /forum"


def summary_period(start: date, end: date, partial: bool = False) -> str:
    return (SUMMARY_PERIOD_PARTIAL if partial else SUMMARY_PERIOD).format(start=thai_date(start), end=thai_date(end))


def summary_change(change: int, partial: bool = False) -> str:
    more, fewer, same = ((SUMMARY_MORE_THAN_SAME_DAYS, SUMMARY_FEWER_THAN_SAME_DAYS, SUMMARY_SAME_AS_SAME_DAYS)
                         if partial else
                         (SUMMARY_MORE_THAN_LAST_WEEK, SUMMARY_FEWER_THAN_LAST_WEEK, SUMMARY_SAME_AS_LAST_WEEK))
    if change > 0:
        return more.format(count=thai_number(change))
    if change < 0:
        return fewer.format(count=thai_number(-change))
    return same


def summary_unit(count: int) -> str:
    return SUMMARY_UNIT.format(count=thai_number(count))


def summary_alt(*, period: str, new: int, change: int, waiting: int, oldest_days: int | None,
                planned: int, done: int, accepted: int = 0, rejected: int = 0, partial: bool = False) -> str:
    oldest = SUMMARY_ALT_OLDEST.format(days=thai_number(oldest_days)) if oldest_days is not None else ""
    return SUMMARY_ALT.format(period=period, new=thai_number(new), change=summary_change(change, partial),
                              waiting=thai_number(waiting), oldest=oldest, planned=thai_number(planned),
                              done=thai_number(done)) + SUMMARY_ALT_TRIAGED.format(
        accepted=thai_number(accepted), rejected=thai_number(rejected))


# --- staff commands ----------------------------------------------------------------------------
# Staff read these in LINE; command names stay English (/queue) and each has Thai aliases (/คิว).

STAFF_ALIASES: dict[str, tuple[str, ...]] = {
    "help": ("ช่วยเหลือ", "วิธีใช้"),
    "queue": ("คิว",),
    "next": ("ถัดไป",),
    "show": ("ดู",),
    "accept": ("รับ",),
    "reject": ("ปฏิเสธ", "ไม่รับ"),
    "refer": ("ส่งต่อ",),
    "dup": ("ซ้ำ",),
    "set": ("แก้",),
    "note": ("บันทึก",),
    "plan": ("แผน", "เข้าแผน"),
    "notplan": ("ไม่เข้าแผน",),
    "done": ("เสร็จ",),
    "forum": ("ประชาคม",),
    "forum set": ("ตั้ง", "กำหนด"),  # aliases of the subcommand word: /ประชาคม ตั้ง …
    "summary": ("สรุป",),
    "staff": ("เจ้าหน้าที่",),
    "group": ("กลุ่ม",),
    "reply": ("ตอบ",),
}
STAFF_USAGE: dict[str, str] = {
    "help": "/help",
    "queue": "/queue [อำเภอ] [หมวด] [สถานะ|all] [หน้า]",
    "next": "/next [เลขที่]",
    "show": "/show เลขที่",
    "accept": "/accept เลขที่ [เลขที่ ...]",
    "reject": "/reject เลขที่ เหตุผล",
    "refer": "/refer เลขที่ หน่วยงาน",
    "dup": "/dup เลขที่ เลขที่เรื่องเดิม",
    "set": "/set เลขที่ district=อำเภอ category=หมวด tambon=ตำบล",
    "note": "/note เลขที่ ข้อความ",
    "plan": "/plan เลขที่",
    "notplan": "/notplan เลขที่ เหตุผล",
    "done": "/done เลขที่",
    "forum": "/forum [อำเภอ]",
    "forum set": "/forum set อำเภอ|จังหวัด วันที่ สถานที่",
    "summary": "/summary [สัปดาห์นี้|สัปดาห์ที่แล้ว|2027-W03]",
    "staff": "/staff list | /staff add USER_ID --role admin|triager|official [--name ชื่อ] [--district อำเภอ ...]"
             " | /staff remove USER_ID",
    "group": "/group staff|official|off",
    "reply": "/reply รหัสผู้แจ้ง ข้อความ",
}
STAFF_PURPOSE: dict[str, str] = {
    "help": "คำสั่งที่ท่านใช้ได้",
    "queue": "เรื่องที่รอพิจารณา เก่าสุดก่อน",
    "next": "เรื่องถัดไปที่รอพิจารณา",
    "show": "รายละเอียด ประวัติ และเรื่องที่อาจซ้ำ",
    "accept": "รับเข้าวาระประชาคมครั้งถัดไปของอำเภอ",
    "reject": "ไม่รับเรื่อง พร้อมเหตุผล",
    "refer": "ส่งต่อหน่วยงานที่รับผิดชอบ",
    "dup": "รวมกับเรื่องเดิม (นับเป็นผู้สนับสนุน)",
    "set": "แก้อำเภอ ตำบล หรือหมวด",
    "note": "บันทึกสำหรับเจ้าหน้าที่",
    "plan": "บรรจุในแผนพัฒนา",
    "notplan": "ไม่บรรจุในแผน พร้อมเหตุผล",
    "done": "ดำเนินการเสร็จแล้ว",
    "forum": "ดูวันประชาคม",
    "forum set": "กำหนดวันและสถานที่ประชาคม",
    "summary": "สรุปประจำสัปดาห์",
    "staff": "จัดการรายชื่อเจ้าหน้าที่",
    "group": "ลงทะเบียนกลุ่มนี้",
    "reply": "ตอบผู้ที่ขอคุยกับเจ้าหน้าที่ ทางแชตของบอต",
}
ROLE_LABELS: dict[str, str] = {"admin": "ผู้ดูแลระบบ", "triager": "ผู้คัดกรองเรื่อง", "official": "ผู้บริหาร"}

STAFF_UNKNOWN_COMMAND = "ไม่รู้จักคำสั่ง /{word} ค่ะ พิมพ์ /help เพื่อดูคำสั่งที่ใช้ได้"
STAFF_USAGE_ERROR = "รูปแบบคำสั่งไม่ถูกต้องค่ะ\nใช้: {usage}"
STAFF_TOO_LONG = "ข้อความยาวเกินไปค่ะ (ไม่เกิน {limit} ตัวอักษร)"
STAFF_TAMBON_OUTSIDE_DISTRICT = "ตำบล{tambon} ไม่ได้อยู่ในอำเภอ{district}ค่ะ"
STAFF_REF_NOT_FOUND = "ไม่พบเรื่องเลขที่ {ref} ค่ะ"
STAFF_BAD_REF = "\"{token}\" ไม่ใช่เลขที่เรื่องค่ะ (เช่น LP-69-00012 หรือ 12)"
STAFF_OUTSIDE_DISTRICTS = "เรื่อง {ref} อยู่นอกอำเภอที่ท่านดูแลค่ะ"
STAFF_DISTRICT_OUTSIDE = "{district} อยู่นอกพื้นที่ที่ท่านดูแลค่ะ"
STAFF_CONFLICT = "เรื่อง {ref} เพิ่งถูกเจ้าหน้าที่อีกท่านแก้ไข จึงยังไม่ได้บันทึกคำสั่งนี้ค่ะ ดู /show {ref} แล้วลองใหม่นะคะ"
STAFF_ILLEGAL = "เรื่อง {ref} ตอนนี้ \"{current}\" จึงทำคำสั่งนี้ไม่ได้ค่ะ"
STAFF_ILLEGAL_FINAL = "สถานะนี้เป็นขั้นสุดท้ายแล้วค่ะ"
STAFF_CHANGED = "✅ {ref}: {status}"
STAFF_CHANGED_FORUM = "✅ {ref}: {status} ({when})"
STAFF_CHANGED_DUPLICATE = "✅ {ref}: รวมกับเรื่อง {original}"
STAFF_ACCEPTED_NO_FORUM = (
    "✅ {ref}: รับแล้ว แต่{where}ยังไม่ได้กำหนดวันประชาคม จึงยังไม่อยู่ในวาระใด "
    "(กำหนดด้วย /forum set)"
)
STAFF_REQUESTER_TOLD = "แจ้งผู้แจ้งเรื่องแล้วค่ะ"
STAFF_REQUESTER_NOT_TOLD = "ผู้แจ้งเลิกติดตามหรือลบข้อมูลแล้ว จึงแจ้งไม่ได้ค่ะ"
STAFF_BATCH_TITLE = "ผลการรับเรื่อง ({count} เรื่อง)"
STAFF_DUP_SELF = "เรื่อง {ref} เป็นเรื่องเดียวกับเรื่องเดิมที่ระบุค่ะ"
STAFF_UNKNOWN_DISTRICT = "ไม่พบอำเภอ \"{word}\" ค่ะ"
STAFF_UNKNOWN_TAMBON = "ไม่พบตำบล \"{word}\" ในอำเภอนี้ค่ะ"
STAFF_UNKNOWN_CATEGORY = "ไม่พบหมวด \"{word}\" ค่ะ (เช่น water, น้ำ, infrastructure)"
STAFF_FIELDS_SET = "✅ {ref}: อำเภอ {district} · ตำบล {tambon} · หมวด {category}"
STAFF_NOTED = "📝 บันทึกไว้ในประวัติเรื่อง {ref} แล้วค่ะ"
STAFF_FIELD_WORDS: dict[str, str] = {"อำเภอ": "district", "ตำบล": "tambon", "หมวด": "category"}

STAFF_QUEUE_TITLE = "คิว: {statuses} · หน้า {page}/{pages}"
STAFF_QUEUE_COUNTS = "ตรงเงื่อนไข {total} เรื่อง · ทุกสถานะ: {by_status}"
STAFF_QUEUE_EMPTY = "ไม่มีเรื่องตามเงื่อนไขนี้ค่ะ"
STAFF_BUTTON_NEXT_PAGE = "หน้าถัดไป"
STAFF_BUTTON_DUP = "ซ้ำกับ {ref}"
STAFF_STATUS_WORDS: dict[str, str] = {"ใหม่": "new", "รอ": "new", "รับ": "accepted", "ปฏิเสธ": "rejected",
                                      "ส่งต่อ": "referred", "ซ้ำ": "duplicate", "แผน": "planned",
                                      "ไม่เข้าแผน": "not_planned", "เสร็จ": "done", "ทั้งหมด": "all", "all": "all"}

STAFF_SHOW_TITLE = "{ref} · {status}"
STAFF_PLACE = "📍 อำเภอ {district} · ตำบล {tambon}"
STAFF_CATEGORY = "🏷️ หมวด: {category}"
STAFF_CONFIDENCE = "ความมั่นใจของระบบ: {values}"
STAFF_CONFIDENCE_KEYS: dict[str, str] = {"district": "อำเภอ", "tambon": "ตำบล", "category": "หมวด",
                                         "request": "เป็นคำขอ", "is_request": "เป็นคำขอ"}
STAFF_CREATED = "แจ้งเมื่อ: {when}"
STAFF_ATTACHMENTS = "📎 แนบ: {items}"
STAFF_NO_ATTACHMENTS = "📎 ไม่มีรูปหรือไฟล์แนบ"
STAFF_LOCATION = "🗺️ ตำแหน่ง: {lat:.5f}, {lon:.5f} https://maps.google.com/?q={lat:.5f},{lon:.5f}"
STAFF_NO_LOCATION = "🗺️ ไม่มีตำแหน่ง"
STAFF_SUPPORTERS = "👥 ผู้สนับสนุน {count} คน"
STAFF_REASON = "เหตุผล: {reason}"
STAFF_REFERRED = "ส่งต่อถึง: {agency}"
STAFF_DUPLICATE_OF = "ซ้ำกับเรื่อง: {ref}"
STAFF_FORUM_ON = "ประชาคม: {when}"
STAFF_TEXT = "ข้อความ: {text}"
STAFF_HISTORY = "ประวัติ"
STAFF_NO_HISTORY = "• ยังไม่มีการดำเนินการ"
STAFF_HISTORY_LINE = "• {when} {action} โดย {who}{change}{note}"
STAFF_ACTION_LABELS: dict[str, str] = {
    "accept": "รับเข้าวาระ", "reject": "ไม่รับ", "refer": "ส่งต่อ", "dup": "รวมเรื่องซ้ำ", "plan": "บรรจุแผน",
    "notplan": "ไม่บรรจุแผน", "done": "เสร็จ", "set": "แก้ข้อมูล", "note": "บันทึก",
    "citizen_erased": "ผู้แจ้งลบข้อมูล", "retention_purge": "ลบตามระยะเวลาเก็บ",
    "villager_unsent_text": "ผู้แจ้งยกเลิกข้อความ",
}
STAFF_LIKELY_DUPLICATES = "อาจซ้ำกับ"
STAFF_SIMILAR_LINE = "• {ref} ({score:.0%}) {status}\n  {snippet}"
STAFF_UNKNOWN_PERSON = "(ไม่ระบุ)"

STAFF_FORUM_TITLE = "วันประชาคมที่กำหนดไว้"
STAFF_FORUM_LINE = "{name}: {when} · {venue}"
STAFF_FORUM_NONE = "{name}: ยังไม่กำหนด"
STAFF_PROVINCE_WORDS = frozenset({"จังหวัด", "province", "ลำปาง", "จ.ลำปาง"})
STAFF_FORUM_IN_PAST = "วันที่นี้ผ่านไปแล้วค่ะ กรุณาระบุวันประชาคมที่ยังไม่ถึง"
STAFF_FORUM_SAVED = "✅ กำหนด{name} {when} ที่ {venue} แล้วค่ะ"
STAFF_FORUM_UPDATED = "✅ แก้สถานที่{name} {when} เป็น {venue} แล้วค่ะ"

STAFF_LIST_WORDS = frozenset({"list", "รายชื่อ"})
STAFF_ADD_WORDS = frozenset({"add", "เพิ่ม"})
STAFF_REMOVE_WORDS = frozenset({"remove", "ลบ"})
STAFF_ROSTER_TITLE = "รายชื่อเจ้าหน้าที่ ({count} คน)"
STAFF_MEMBER_LINE = "{name} · {role} · {districts}\n{user_id}"
STAFF_ALL_DISTRICTS = "ทุกอำเภอ"
STAFF_ENROLLED = "✅ เพิ่ม {name} เป็น{role}แล้วค่ะ"
STAFF_UPDATED = "✅ ปรับ {name} เป็น{role}แล้วค่ะ"
STAFF_ROSTER_ERRORS: dict[str, str] = {
    "user": "\"{value}\" ไม่ใช่ไอดีผู้ใช้ LINE ค่ะ (ขึ้นต้นด้วย U ตามด้วย 32 ตัวอักษร)",
    "role": "ไม่มีบทบาท \"{value}\" ค่ะ (admin, triager หรือ official)",
    "district": "ไม่พบอำเภอ \"{value}\" ค่ะ",
    "name": "ชื่อยาวเกินไปค่ะ",
}
STAFF_CANNOT_REMOVE_SELF = "ลบชื่อตัวเองไม่ได้ค่ะ ให้ผู้ดูแลระบบท่านอื่นลบให้นะคะ"
STAFF_NOT_ON_ROSTER = "ไม่พบเจ้าหน้าที่ไอดีนี้ค่ะ"
STAFF_REMOVED = "✅ ลบ {name} ออกจากรายชื่อเจ้าหน้าที่แล้วค่ะ"
STAFF_GROUP_ONLY_IN_GROUPS = "คำสั่งนี้ใช้ในกลุ่มที่ต้องการลงทะเบียนค่ะ"
STAFF_GROUP_KIND_WORDS: dict[str, str] = {"เจ้าหน้าที่": "staff", "ผู้บริหาร": "official", "ยกเลิก": "off"}
STAFF_GROUP_REGISTERED: dict[str, str] = {
    "staff": "✅ ลงทะเบียนเป็นกลุ่มเจ้าหน้าที่แล้วค่ะ เจ้าหน้าที่ใช้คำสั่งในกลุ่มนี้ได้ พิมพ์ /help",
    "official": "✅ ลงทะเบียนเป็นกลุ่มผู้บริหารแล้วค่ะ กลุ่มนี้จะได้รับสรุปประจำสัปดาห์",
}
STAFF_GROUP_OFF = "ยกเลิกการลงทะเบียนกลุ่มนี้แล้วค่ะ"

# --- staff: cards with buttons, pickers, help, dates and refusals (issue 14) -------------------

STAFF_ACTION_OTHER = "เปลี่ยนแปลง"
# Worked examples for `/help <command>`; the usage line says the shape, an example says it plainly.
STAFF_EXAMPLES: dict[str, str] = {
    "help": "/help queue",
    "queue": "/queue เถิน  ·  /queue น้ำ  ·  /queue ทั้งหมด 2",
    "next": "/next  ·  /next 50",
    "show": "/show 50",
    "accept": "/accept 50 51 52",
    "reject": "/reject 50  (แล้วแตะเหตุผล)  ·  /reject 50 อยู่นอกอำนาจหน้าที่",
    "refer": "/refer 50  (แล้วแตะหน่วยงาน)  ·  /refer 50 อบต.ล้อมแรด",
    "dup": "/dup 51 50",
    "set": "/set 50 อำเภอ=เถิน หมวด=น้ำ",
    "note": "/note 50 โทรคุยกับผู้แจ้งแล้ว",
    "plan": "/plan 50",
    "notplan": "/notplan 50 งบประมาณปีนี้ไม่พอ",
    "done": "/done 50",
    "forum": "/forum เถิน",
    "forum set": "/forum set เถิน 20/1/2570 หอประชุมอำเภอ  ·  20 ม.ค. 70  ·  พรุ่งนี้",
    "summary": "/summary  ·  /summary สัปดาห์ที่แล้ว  ·  /summary 2027-W03",
    "staff": "/staff add U1234… --role triager --name สมชาย --district เถิน",
    "group": "/group staff",
    "reply": "/ตอบ R1a2b3c4d5e6 สวัสดีค่ะ เรื่องน้ำประปา ทาง อบจ. ประสานการประปาให้แล้วนะคะ",
}
STAFF_HELP_SHORT_TITLE = "คำสั่งที่ท่านใช้ได้ · {role}"
STAFF_HELP_SHORT_LINE = "/{name}{alias}  {purpose}"
STAFF_HELP_MORE = "พิมพ์ /help ตามด้วยคำสั่ง เพื่อดูวิธีใช้ เช่น /help reject"
STAFF_HELP_DETAIL_TITLE = "วิธีใช้ /{name}"
STAFF_HELP_DETAIL_ALIASES = "พิมพ์ภาษาไทยได้: {aliases}"
STAFF_HELP_DETAIL_USAGE = "รูปแบบ: {usage}"
STAFF_HELP_DETAIL_EXAMPLE = "ตัวอย่าง: {example}"
STAFF_HELP_DETAIL_REF = "เลขที่พิมพ์สั้นๆ ได้ เช่น 50 แทน LP-69-00050"
STAFF_HELP_DETAIL_DATE = "วันที่เขียนได้หลายแบบ: 20/1/2570 · 20 ม.ค. 70 · 20 มกราคม 2570 · พรุ่งนี้"
STAFF_NOT_ALLOWED_ROLES = "คำสั่ง /{name} ใช้ได้เฉพาะ{roles}ค่ะ ดูคำสั่งที่ท่านใช้ได้ด้วย /help"
STAFF_ROLES_JOINER = " และ"

# The queue card: one row per request with its own buttons.
STAFF_QUEUE_ROW_HEAD = "{ref} · {district} · {days} วัน"
STAFF_QUEUE_ROW_CATEGORY = "🏷️ {category}"
BUTTON_STAFF_SHOW = "ดู"
BUTTON_STAFF_ACCEPT = "รับ"
BUTTON_STAFF_REJECT = "ไม่รับ"
BUTTON_STAFF_REFER = "ส่งต่อ"
BUTTON_STAFF_NEXT = "เรื่องถัดไป"
BUTTON_STAFF_QUEUE = "กลับไปที่คิว"
# What a tap sends, as typed: each is one of the command's Thai aliases above.
STAFF_TAP_WORDS: dict[str, str] = {"show": "ดู", "accept": "รับ", "reject": "ไม่รับ", "refer": "ส่งต่อ",
                                   "next": "ถัดไป", "queue": "คิว", "dup": "ซ้ำ", "reply": "ตอบ"}

# "Talk to staff" (issue 14): who is waiting for a person, on the queue card, and /reply (/ตอบ).
# Villagers are named by their pseudonymous key only, never a LINE id or a name.
STAFF_TALK_TITLE = "ขอคุยกับเจ้าหน้าที่ ({count} คน)"
STAFF_TALK_ROW_HEAD = "{key} · รอ {waited}"
STAFF_TALK_LATEST = "เรื่องล่าสุด {ref}"
STAFF_TALK_NO_REQUEST = "ยังไม่มีเรื่องที่แจ้ง"
STAFF_TALK_HOW = "ตอบ: /ตอบ {key} ข้อความ"
STAFF_TALK_MORE = "และอีก {count} คน"
STAFF_WAITED_MINUTES = "{count} นาที"
STAFF_WAITED_HOURS = "{count} ชม."
STAFF_WAITED_DAYS = "{count} วัน"
BUTTON_STAFF_REPLY = "ตอบ"
STAFF_REPLY_HOW = "พิมพ์คำตอบถึงผู้แจ้ง {key} แบบนี้ค่ะ (กดค้างที่ข้อความนี้เพื่อคัดลอก)\n/ตอบ {key} ข้อความ"
STAFF_REPLY_NO_VILLAGER = "ไม่พบผู้แจ้งรหัส {key} หรือผู้แจ้งลบข้อมูลแล้วค่ะ"
STAFF_REPLY_UNREACHABLE = "ผู้แจ้ง {key} เลิกติดตามบัญชีแล้ว จึงส่งข้อความถึงไม่ได้ค่ะ"
STAFF_REPLY_OUTSIDE = "ผู้แจ้ง {key} แจ้งเรื่องนอกอำเภอที่ท่านดูแลค่ะ"
STAFF_REPLY_SENT = "✅ ส่งคำตอบถึงผู้แจ้ง {key} แล้วค่ะ ({length} ตัวอักษร)"
STAFF_REPLY_CLEARED = "นำออกจากรายการขอคุยกับเจ้าหน้าที่แล้ว"
# What the villager reads: staff's words in a polite frame, then what they can do next.
STAFF_ANSWER_TO_VILLAGER = (
    "เจ้าหน้าที่ อบจ.ลำปาง ตอบว่า:\n{text}\n\n"
    "อยากคุยต่อ กดปุ่ม \"คุยกับเจ้าหน้าที่\" ด้านล่าง หรือพิมพ์เล่าเรื่องที่อยากแจ้งได้เลยค่ะ"
)
STAFF_NEXT_NONE = "ไม่มีเรื่องรอพิจารณาแล้วค่ะ 🎉 ดูเรื่องทุกสถานะได้ด้วย /queue ทั้งหมด"

# Pickers: reasons and agencies used before, then a few common ones, each one tap away.
STAFF_PICK_REASON = "ไม่รับเรื่อง {ref} เพราะอะไรคะ แตะเหตุผลด้านล่าง\n{choices}\nหรือพิมพ์เอง: {usage}"
STAFF_PICK_AGENCY = "ส่งต่อเรื่อง {ref} ถึงหน่วยงานใดคะ แตะชื่อด้านล่าง\n{choices}\nหรือพิมพ์เอง: {usage}"
STAFF_PICK_NONE = "(ยังไม่มีที่เคยใช้)"
STAFF_PICK_LINE = "{number}. {value}"
STAFF_PICK_LABEL = "{number}. {value}"
STAFF_COMMON_REASONS = (
    "อยู่นอกอำนาจหน้าที่ของ อบจ.",
    "ข้อมูลไม่พอ ติดต่อผู้แจ้งไม่ได้",
    "ไม่ใช่คำขอ เป็นการสอบถามทั่วไป",
)
STAFF_COMMON_AGENCIES = (
    "อบต./เทศบาลในพื้นที่",
    "การไฟฟ้าส่วนภูมิภาค",
    "การประปาส่วนภูมิภาค",
    "แขวงทางหลวงลำปาง",
)

# Refusals that name the command that would work.
STAFF_ILLEGAL_COMMANDS = "ทำต่อได้ด้วย:\n{commands}"
STAFF_ILLEGAL_COMMAND_LINE = "• {usage}  ({purpose})"
STAFF_BAD_DATE = "\"{token}\" ไม่ใช่วันที่ค่ะ เขียนได้แบบ 20/1/2570 · 20 ม.ค. 70 · 20 มกราคม 2570 · พรุ่งนี้"
STAFF_BAD_WEEK = ("\"{token}\" ไม่ใช่สัปดาห์ค่ะ ใช้ /summary สัปดาห์นี้ · /summary สัปดาห์ที่แล้ว "
                  "หรือ /summary 2027-W03")

# Words staff write for weeks (relative days are pythainlp's: พรุ่งนี้, มะรืนนี้).
STAFF_THIS_WEEK_WORDS = frozenset({"สัปดาห์นี้", "อาทิตย์นี้", "this", "thisweek"})
STAFF_LAST_WEEK_WORDS = frozenset({"สัปดาห์ที่แล้ว", "สัปดาห์ก่อน", "อาทิตย์ที่แล้ว", "อาทิตย์ก่อน", "last",
                                   "lastweek"})


EXPORT_HEADERS: dict[str, str] = {
    "ref": "เลขที่", "status": "สถานะ", "district": "อำเภอ", "tambon": "ตำบล", "category": "หมวด",
    "text": "ข้อความ", "supporters": "ผู้สนับสนุน", "duplicate_of": "ซ้ำกับเรื่อง", "similar": "อาจซ้ำกับ",
    "forum": "ประชาคม", "reason": "เหตุผล", "referred_to": "ส่งต่อถึง", "created_at": "วันที่แจ้ง",
    "attachments": "ไฟล์แนบ", "lat": "ละติจูด", "lon": "ลองจิจูด", "requester": "รหัสผู้แจ้ง",
}
EXPORT_FOLDED = "↳ "
EXPORT_NO_TAMBON = "ไม่ระบุตำบล"
EXPORT_NO_DISTRICT = "ไม่ระบุอำเภอ"


def staff_bad_ref(token: str) -> str:
    return STAFF_BAD_REF.format(token=token[:30])


def staff_status_from_word(word: str) -> str | None:
    """A status slug ("new", "all") from a slug or a Thai word; None when the word is not a status."""
    lowered = word.lower()
    if lowered in STATUS_LABELS:
        return lowered
    return STAFF_STATUS_WORDS.get(lowered) or next((s for s, t in STATUS_LABELS.items() if t == word), None)


def staff_category_from_word(word: str) -> str | None:
    lowered = word.lower()
    if lowered in CATEGORY_LABELS:
        return lowered
    return next((slug for slug, name in CATEGORY_LABELS.items() if name == word or name.startswith(word)), None)


def staff_queue_title(statuses: list[str], page: int, pages: int) -> str:
    shown = "ทุกสถานะ" if len(statuses) > 1 else status_label(statuses[0])
    return STAFF_QUEUE_TITLE.format(statuses=shown, page=page, pages=pages)


def staff_queue_counts(total: int, by_status: dict[str, int]) -> str:
    parts = " · ".join(f"{status_label(s)} {thai_number(n)}" for s, n in by_status.items()) or "-"
    return STAFF_QUEUE_COUNTS.format(total=thai_number(total), by_status=parts)


def staff_show_title(ref: str, status: str) -> str:
    return STAFF_SHOW_TITLE.format(ref=ref, status=status_label(status))


def staff_place(district: str | None, tambon: str | None) -> str:
    return STAFF_PLACE.format(district=district or UNKNOWN_PLACE, tambon=tambon or UNKNOWN_PLACE)


def staff_category(category: str | None) -> str:
    return STAFF_CATEGORY.format(category=category_label(category))


def staff_confidence(confidence: dict[str, object]) -> str | None:
    values = [f"{STAFF_CONFIDENCE_KEYS[key]} {value:.0%}" for key, value in confidence.items()
              if key in STAFF_CONFIDENCE_KEYS and isinstance(value, int | float) and not isinstance(value, bool)]
    return STAFF_CONFIDENCE.format(values=" · ".join(values)) if values else None


def staff_created(when: datetime) -> str:
    return STAFF_CREATED.format(when=f"{thai_date(when)} {when:%H:%M}")


def staff_attachments(counts: dict[str, int]) -> str:
    if not counts:
        return STAFF_NO_ATTACHMENTS
    items = " ".join(f"{MEDIA_KIND_NAMES.get(kind, 'ไฟล์')} {n}" for kind, n in sorted(counts.items()))
    return STAFF_ATTACHMENTS.format(items=items)


def staff_location(lat: float | None, lon: float | None) -> str:
    if lat is None or lon is None:
        return STAFF_NO_LOCATION
    return STAFF_LOCATION.format(lat=lat, lon=lon)


def staff_outcome(reason: str | None, agency: str | None, original: str | None, forum: date | None) -> list[str]:
    lines = []
    if forum:
        lines.append(STAFF_FORUM_ON.format(when=thai_date(forum)))
    if reason:
        lines.append(STAFF_REASON.format(reason=reason))
    if agency:
        lines.append(STAFF_REFERRED.format(agency=agency))
    if original:
        lines.append(STAFF_DUPLICATE_OF.format(ref=original))
    return lines


def staff_request_text(text: str | None) -> str:
    return STAFF_TEXT.format(text=text if text else ERASED_TEXT)


def staff_history_line(when: datetime, action: str, after: dict[str, object], note: str | None,
                       who: str | None) -> str:
    label = STAFF_ACTION_LABELS.get(action, STAFF_ACTION_OTHER)  # never an English action name
    status = after.get("status")
    change = f" → {status_label(str(status))}" if status else ""
    return STAFF_HISTORY_LINE.format(when=f"{thai_date(when)} {when:%H:%M}", action=label,
                                     who=who or STAFF_UNKNOWN_PERSON, change=change,
                                     note=f": {note}" if note else "")


def staff_similar_line(ref: str, score: float, status: str, snippet: str) -> str:
    return STAFF_SIMILAR_LINE.format(ref=ref, score=score, status=status, snippet=snippet)


def staff_status_changed(ref: str, status: str, forum: date | None, original: str | None) -> str:
    if original:
        return STAFF_CHANGED_DUPLICATE.format(ref=ref, original=original)
    if forum:
        return STAFF_CHANGED_FORUM.format(ref=ref, status=status_label(status), when=thai_date(forum))
    return STAFF_CHANGED.format(ref=ref, status=status_label(status))


def staff_accepted_without_forum(ref: str, district: str | None) -> str:
    return STAFF_ACCEPTED_NO_FORUM.format(ref=ref, where=f"อำเภอ{district}" if district else "เรื่องที่ยังไม่ระบุอำเภอ")


def staff_fields_set(ref: str, district: str | None, tambon: str | None, category: str | None) -> str:
    return STAFF_FIELDS_SET.format(ref=ref, district=district or UNKNOWN_PLACE, tambon=tambon or UNKNOWN_PLACE,
                                   category=category_label(category))


def staff_forum_line(name: str, held_on: date | None, venue: str | None) -> str:
    if held_on is None:
        return STAFF_FORUM_NONE.format(name=name)
    return STAFF_FORUM_LINE.format(name=name, when=thai_date(held_on, with_weekday=True), venue=venue or "-")


def staff_forum_saved(name: str, held_on: date, venue: str, created: bool) -> str:
    template = STAFF_FORUM_SAVED if created else STAFF_FORUM_UPDATED
    return template.format(name=name, when=thai_date(held_on, with_weekday=True), venue=venue)


def staff_member_line(name: str | None, role: str, districts: list[str], user_id: str) -> str:
    return STAFF_MEMBER_LINE.format(name=name or "-", role=ROLE_LABELS.get(role, role),
                                    districts=", ".join(districts) or STAFF_ALL_DISTRICTS, user_id=user_id)


def staff_roster_error(field: str, value: str) -> str:
    return STAFF_ROSTER_ERRORS[field].format(value=value[:40])


def staff_enrolled(name: str | None, role: str, created: bool) -> str:
    return (STAFF_ENROLLED if created else STAFF_UPDATED).format(name=name or "-", role=ROLE_LABELS.get(role, role))


def staff_group_registered(kind: str) -> str:
    return STAFF_GROUP_REGISTERED[kind]


def staff_not_allowed(name: str, roles: Iterable[str]) -> str:
    labels = STAFF_ROLES_JOINER.join(ROLE_LABELS.get(role, role) for role in roles)
    return STAFF_NOT_ALLOWED_ROLES.format(name=name, roles=labels)


def staff_help_short_line(name: str, thai_name: str | None, purpose: str) -> str:
    return STAFF_HELP_SHORT_LINE.format(name=name, alias=f" · /{thai_name}" if thai_name else "", purpose=purpose)


def staff_help_detail(name: str, usage: str, aliases: Iterable[str], purpose: str) -> list[str]:
    lines = [purpose, STAFF_HELP_DETAIL_USAGE.format(usage=usage)]
    shown = " ".join(f"/{alias}" for alias in aliases)
    if shown:
        lines.append(STAFF_HELP_DETAIL_ALIASES.format(aliases=shown))
    if name in STAFF_EXAMPLES:
        lines.append(STAFF_HELP_DETAIL_EXAMPLE.format(example=STAFF_EXAMPLES[name]))
    if "เลขที่" in usage:
        lines.append(STAFF_HELP_DETAIL_REF)
    if "วันที่" in usage:
        lines.append(STAFF_HELP_DETAIL_DATE)
    return lines


def staff_queue_row_head(ref: str, district: str | None, days: int) -> str:
    return STAFF_QUEUE_ROW_HEAD.format(ref=ref, district=district or UNKNOWN_PLACE, days=thai_number(days))


def staff_waited(minutes: int) -> str:
    """How long someone has waited, in the largest whole unit: 25 นาที, 3 ชม., 2 วัน."""
    if minutes < 60:
        return STAFF_WAITED_MINUTES.format(count=thai_number(max(minutes, 0)))
    if minutes < 24 * 60:
        return STAFF_WAITED_HOURS.format(count=thai_number(minutes // 60))
    return STAFF_WAITED_DAYS.format(count=thai_number(minutes // (24 * 60)))


def staff_talk_lines(key: str, latest_ref: str | None) -> list[str]:
    return [STAFF_TALK_LATEST.format(ref=latest_ref) if latest_ref else STAFF_TALK_NO_REQUEST,
            STAFF_TALK_HOW.format(key=key)]


def staff_pick(kind: str, ref: str, values: list[str], usage: str) -> str:
    """The question of a reason ("reject") or agency ("refer") picker, its choices numbered as on the buttons."""
    choices = "\n".join(STAFF_PICK_LINE.format(number=n, value=v) for n, v in enumerate(values, 1)) or STAFF_PICK_NONE
    template = STAFF_PICK_REASON if kind == "reject" else STAFF_PICK_AGENCY
    return template.format(ref=ref, choices=choices, usage=usage)


def staff_pick_label(number: int, value: str) -> str:
    return STAFF_PICK_LABEL.format(number=number, value=value)


def staff_illegal_commands(ref: str, current: str, commands: list[tuple[str, str]]) -> str:
    """A refused status change, naming the commands (usage with the reference filled in) that do apply."""
    if not commands:
        return STAFF_ILLEGAL.format(ref=ref, current=status_label(current)) + "\n" + STAFF_ILLEGAL_FINAL
    lines = "\n".join(STAFF_ILLEGAL_COMMAND_LINE.format(usage=usage, purpose=purpose) for usage, purpose in commands)
    return STAFF_ILLEGAL.format(ref=ref, current=status_label(current)) + "\n" + STAFF_ILLEGAL_COMMANDS.format(
        commands=lines)


def staff_usage_for(name: str, ref: str) -> str:
    """The command's usage line with this request's reference in place of the placeholder."""
    return STAFF_USAGE[name].replace("เลขที่", ref, 1)


# --- the web console (bot/console) -------------------------------------------------------------

CONSOLE_TITLE = "ระบบงานประชาคม อบจ.ลำปาง"
CONSOLE_NAV_QUEUE = "รายการเรื่อง"
CONSOLE_NAV_MAP = "แผนที่"
CONSOLE_NAV_AGENDA = "วาระประชาคม"
CONSOLE_NAV_WEEK = "สรุปรายสัปดาห์"
CONSOLE_SIGN_IN = "เข้าสู่ระบบ"
CONSOLE_SIGN_IN_HINT = "สำหรับเจ้าหน้าที่และผู้บริหาร อบจ.ลำปาง เข้าสู่ระบบด้วยบัญชี LINE ที่ลงทะเบียนไว้ค่ะ"
CONSOLE_SIGN_IN_WITH_LINE = "เข้าสู่ระบบด้วย LINE"
CONSOLE_SIGN_OUT = "ออกจากระบบ"
CONSOLE_SIGN_IN_FAILED = "เข้าสู่ระบบไม่สำเร็จค่ะ กรุณาลองใหม่อีกครั้ง"
CONSOLE_SIGN_IN_CANCELLED = "ยกเลิกการเข้าสู่ระบบแล้วค่ะ"
CONSOLE_NOT_STAFF = "บัญชี LINE นี้ไม่ได้ลงทะเบียนเป็นเจ้าหน้าที่ค่ะ กรุณาติดต่อผู้ดูแลระบบ"
CONSOLE_SIGNED_OUT_NOT_STAFF = "ออกจากระบบแล้วค่ะ เพราะบัญชีนี้ไม่ได้เป็นเจ้าหน้าที่แล้ว"
CONSOLE_OFF_TITLE = "ระบบงานเว็บยังไม่เปิดใช้ค่ะ"
CONSOLE_OFF_WHY = ("ยังไม่ได้ตั้งค่าช่องทาง LINE Login สำหรับเข้าสู่ระบบ "
                   "ผู้ดูแลระบบต้องตั้งค่าทั้งสองค่าต่อไปนี้ก่อนค่ะ")
CONSOLE_ANY = "ทั้งหมด"
CONSOLE_APPLY = "กรอง"
CONSOLE_F_DISTRICT = "อำเภอ"
CONSOLE_F_TAMBON = "รหัสตำบล"
CONSOLE_F_CATEGORY = "หมวด"
CONSOLE_F_STATUS = "สถานะ"
CONSOLE_F_FORUM = "ประชาคม"
CONSOLE_F_FROM = "ตั้งแต่"
CONSOLE_F_TO = "ถึง"
CONSOLE_F_TEXT = "คำค้น"
CONSOLE_BULK = "ทำกับเรื่องที่เลือก"
CONSOLE_DECIDE = "พิจารณาเรื่องนี้"
CONSOLE_DO = "ดำเนินการ"
CONSOLE_ACTIONS: dict[str, str] = {
    "accept": "รับเข้าวาระ",
    "reject": "ไม่รับ (ระบุเหตุผล)",
    "refer": "ส่งต่อ (ระบุหน่วยงาน)",
    "dup": "ซ้ำกับเรื่อง (ระบุเลขที่)",
    "set": "แก้อำเภอหรือหมวด",
}
CONSOLE_REASON = "เหตุผล"
CONSOLE_AGENCY = "หน่วยงานที่ส่งต่อ"
CONSOLE_ORIGINAL = "เลขที่เรื่องเดิม"
CONSOLE_RESULTS = "ผลการดำเนินการ"
CONSOLE_BACK = "กลับ"
CONSOLE_BAD_ACTION = "กรุณาเลือกเรื่องและสิ่งที่ต้องการทำค่ะ"
CONSOLE_REASON_NEEDED = "กรุณาระบุเหตุผลหรือหน่วยงานค่ะ"
CONSOLE_DUP_NEEDS_ORIGINAL = "กรุณาระบุเลขที่เรื่องเดิมค่ะ"
CONSOLE_SET_NEEDS_FIELD = "กรุณาเลือกอำเภอหรือหมวดที่จะแก้ค่ะ"
CONSOLE_NOTE_EMPTY = "กรุณาพิมพ์บันทึกก่อนค่ะ"
CONSOLE_NOTE = "บันทึกถึงเพื่อนเจ้าหน้าที่"
CONSOLE_ADD_NOTE = "เพิ่มบันทึก"
CONSOLE_CONFIDENCE = "ความมั่นใจของระบบ"
CONSOLE_CONFIDENCE_NAMES: dict[str, str] = {"district": "อำเภอ", "tambon": "ตำบล", "category": "หมวด",
                                            "is_request": "เป็นคำร้อง"}
CONSOLE_LOCATION = "ตำแหน่งที่แจ้ง"
CONSOLE_MERGE_INTO = "รวมเข้ากับ {ref}"
CONSOLE_MAP_LEGEND = "สีเข้มคือมีเรื่องมาก (สูงสุด {highest} เรื่องต่อตำบล)"
CONSOLE_MAP_POINTS = "จุดบนแผนที่ {count} จุด"
CONSOLE_MAP_UNPLACED = "ยังไม่ระบุตำบล {count} เรื่อง"
CONSOLE_UPCOMING = "ประชาคมที่จะมาถึง"
CONSOLE_PAST = "ประชาคมที่ผ่านมา"
CONSOLE_NO_FORUMS = "ยังไม่มีกำหนดประชาคมค่ะ"
CONSOLE_AGENDA_OF = "วาระ{name}"
CONSOLE_AGENDA_COUNTS = "{items} เรื่อง ผู้สนับสนุนรวม {supporters} คน"
CONSOLE_AGENDA_EMPTY = "ยังไม่มีเรื่องในวาระนี้ค่ะ"
CONSOLE_PREVIOUS_WEEK = "‹ สัปดาห์ก่อน"
CONSOLE_NEXT_WEEK = "สัปดาห์ถัดไป ›"
CONSOLE_WEEK_NEW = "เรื่องใหม่"
CONSOLE_WEEK_WAITING = "รอพิจารณา"
CONSOLE_WEEK_REPEATED = "เรื่องที่หลายคนแจ้ง"
CONSOLE_COUNT = "แสดง {shown} จาก {total} เรื่อง"


def console_count(shown: int, total: int) -> str:
    return CONSOLE_COUNT.format(shown=thai_number(shown), total=thai_number(total))


# --- Open311 (bot/open311): names in the public list --------------------------------------------

OPEN311_AGENCY = "องค์การบริหารส่วนจังหวัดลำปาง"
OPEN311_GROUP = "คำร้องเพื่อแผนพัฒนาท้องถิ่น"
OPEN311_ADDRESS = "{place}จังหวัดลำปาง"


def open311_address(tambon: str | None, district: str | None) -> str:
    place = (f"ตำบล{tambon} " if tambon else "") + (f"อำเภอ{district} " if district else "")
    return OPEN311_ADDRESS.format(place=place)
