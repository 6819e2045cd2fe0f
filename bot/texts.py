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
    "• เก็บอะไร: ไอดี LINE ข้อความ รูป/ไฟล์ และตำแหน่งที่ท่านส่ง (ไม่เก็บชื่อ เบอร์โทร หรือรูปโปรไฟล์)\n"
    "• เพื่ออะไร: พิจารณาเรื่องของท่านในเวทีประชาคมและแผนพัฒนาท้องถิ่น และแจ้งผลกลับ\n"
    "• ใครเห็น: เฉพาะเจ้าหน้าที่ อบจ.ลำปาง ที่ดูแลเรื่อง เอกสารประชาคมไม่แสดงตัวตนท่าน\n"
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
ALREADY_HANDLED = "เรื่อง {ref} เจ้าหน้าที่พิจารณาแล้ว จึงแก้อำเภอหรือตำแหน่งไม่ได้แล้วค่ะ หากข้อมูลผิด พิมพ์แจ้งรายละเอียดเพิ่มได้เลยค่ะ"
CHOICE_NOT_YOURS = "ปุ่มนี้ใช้ไม่ได้แล้วค่ะ ลองพิมพ์ \"ติดตาม\" เพื่อดูเรื่องของท่านนะคะ"
DISTRICT_CHOSEN = "อ.{name}"  # what a tapped district button shows in the chat


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

FORUM_SCHEDULED = "ประชาคม{where}: {when}\nสถานที่: {venue}"
FORUM_NOT_SCHEDULED = "ประชาคม{where} ยังไม่ได้กำหนดวันค่ะ เมื่อกำหนดแล้วจะแจ้งให้ทราบนะคะ"
FORUM_ASK_DISTRICT = "อยากทราบวันประชาคมอำเภอไหนคะ กดเลือกได้เลยค่ะ"
FORUM_CHOSEN = "ประชาคม อ.{name}"  # what a tapped forum-district button shows in the chat


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
    "ไอดี LINE ข้อความ รูป และตำแหน่งของท่านจะถูกลบ และติดตามเรื่องเดิมไม่ได้อีก "
    "(เหลือเพียงสถิติที่ไม่ระบุตัวตน) กด \"ยืนยัน\" เพื่อลบค่ะ"
)
BUTTON_CONFIRM = "ยืนยัน"
BUTTON_CANCEL = "ยกเลิก"
DELETED = "ลบข้อมูลส่วนตัวของท่านเรียบร้อยแล้วค่ะ 🙏 หากต้องการแจ้งเรื่องใหม่ พิมพ์มาได้ตลอดนะคะ"
DELETE_KEPT = "ยกเลิกการลบแล้วค่ะ ข้อมูลของท่านยังอยู่ครบ"
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
WORDS_MY_DATA = ("ข้อมูลของฉัน", "ข้อมูลของผม", "ขอดูข้อมูล", "ดูข้อมูลของฉัน")
WORDS_REPORT = ("แจ้งเรื่อง", "แจ้งเรื่องใหม่")
WORDS_FORUM = ("วันประชาคม", "ประชาคม")
WORDS_WHOAMI = ("/whoami", "/ไอดี", "/ไอดีของฉัน")
WORDS_HELP = ("ช่วยเหลือ", "วิธีใช้", "เมนู", "help")

# --- rich menu ---------------------------------------------------------------------------------

MENU_CHAT_BAR = "เมนู อบจ.ลำปาง"
MENU_REPORT = "แจ้งเรื่อง"
MENU_TRACK = "ติดตามเรื่อง"
MENU_FORUM = "วันประชาคม"
MENU_PRIVACY = "ความเป็นส่วนตัว"
MENU_REPORT_HELP = "พิมพ์เล่าปัญหาที่อยากให้ อบจ. ช่วย พร้อมบอกหมู่บ้าน ตำบล อำเภอ แล้วส่งรูปหรือตำแหน่งตามมาได้เลยค่ะ"

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


# --- staff commands ----------------------------------------------------------------------------
# Staff read these in LINE; command names stay English (/queue) and each has Thai aliases (/คิว).

STAFF_ALIASES: dict[str, tuple[str, ...]] = {
    "help": ("ช่วยเหลือ", "วิธีใช้"),
    "queue": ("คิว",),
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
}
STAFF_USAGE: dict[str, str] = {
    "help": "/help",
    "queue": "/queue [อำเภอ] [หมวด] [สถานะ|all] [หน้า]",
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
    "forum set": "/forum set อำเภอ|จังหวัด 2570-01-15 สถานที่",
    "summary": "/summary [2026-W05]",
    "staff": "/staff list | /staff add USER_ID --role admin|triager|official [--name ชื่อ] [--district อำเภอ ...]"
             " | /staff remove USER_ID",
    "group": "/group staff|official|off",
}
STAFF_PURPOSE: dict[str, str] = {
    "help": "คำสั่งที่ท่านใช้ได้",
    "queue": "เรื่องที่รอพิจารณา เก่าสุดก่อน",
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
}
ROLE_LABELS: dict[str, str] = {"admin": "ผู้ดูแลระบบ", "triager": "ผู้คัดกรองเรื่อง", "official": "ผู้บริหาร"}

STAFF_UNKNOWN_COMMAND = "ไม่รู้จักคำสั่ง /{word} ค่ะ พิมพ์ /help เพื่อดูคำสั่งที่ใช้ได้"
STAFF_NOT_ALLOWED = "คำสั่ง /{name} ไม่อยู่ในสิทธิ์ของท่านค่ะ พิมพ์ /help เพื่อดูคำสั่งที่ใช้ได้"
STAFF_USAGE_ERROR = "รูปแบบคำสั่งไม่ถูกต้องค่ะ\nใช้: {usage}"
STAFF_TOO_LONG = "ข้อความยาวเกินไปค่ะ (ไม่เกิน {limit} ตัวอักษร)"
STAFF_TAMBON_OUTSIDE_DISTRICT = "ตำบล{tambon} ไม่ได้อยู่ในอำเภอ{district}ค่ะ"
STAFF_REF_NOT_FOUND = "ไม่พบเรื่องเลขที่ {ref} ค่ะ"
STAFF_BAD_REF = "\"{token}\" ไม่ใช่เลขที่เรื่องค่ะ (เช่น LP-69-00012 หรือ 12)"
STAFF_OUTSIDE_DISTRICTS = "เรื่อง {ref} อยู่นอกอำเภอที่ท่านดูแลค่ะ"
STAFF_DISTRICT_OUTSIDE = "{district} อยู่นอกพื้นที่ที่ท่านดูแลค่ะ"
STAFF_CONFLICT = "เรื่อง {ref} เพิ่งถูกเจ้าหน้าที่อีกท่านแก้ไข จึงยังไม่ได้บันทึกคำสั่งนี้ค่ะ ดู /show {ref} แล้วลองใหม่นะคะ"
STAFF_ILLEGAL = "เรื่อง {ref} ตอนนี้ \"{current}\" จึงทำคำสั่งนี้ไม่ได้ค่ะ"
STAFF_ILLEGAL_NEXT = "ทำต่อได้: {choices}"
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

STAFF_HELP_TITLE = "คำสั่งเจ้าหน้าที่ · {role}"
STAFF_HELP_LINE = "{usage}{aliases}\n  {purpose}"
STAFF_QUEUE_TITLE = "คิว: {statuses} · หน้า {page}/{pages}"
STAFF_QUEUE_COUNTS = "ตรงเงื่อนไข {total} เรื่อง · ทุกสถานะ: {by_status}"
STAFF_QUEUE_LINE = "{ref} · {district} · {category} · {days} วัน\n{snippet}"
STAFF_QUEUE_EMPTY = "ไม่มีเรื่องตามเงื่อนไขนี้ค่ะ"
STAFF_BUTTON_SHOW = "ดู {ref}"
STAFF_BUTTON_NEXT_PAGE = "หน้าถัดไป"
STAFF_BUTTON_ACCEPT = "รับเข้าวาระ"
STAFF_BUTTON_DUP = "ซ้ำกับ {ref}"
STAFF_STATUS_WORDS: dict[str, str] = {"ใหม่": "new", "รอ": "new", "รับ": "accepted", "ปฏิเสธ": "rejected",
                                      "ส่งต่อ": "referred", "ซ้ำ": "duplicate", "แผน": "planned",
                                      "ไม่เข้าแผน": "not_planned", "เสร็จ": "done", "ทั้งหมด": "all", "all": "all"}

STAFF_SHOW_TITLE = "{ref} · {status}"
STAFF_PLACE = "📍 อำเภอ {district} · ตำบล {tambon}"
STAFF_CATEGORY = "🏷️ หมวด: {category}"
STAFF_CONFIDENCE = "ความมั่นใจของระบบ: {values}"
STAFF_CONFIDENCE_KEYS: dict[str, str] = {"district": "อำเภอ", "tambon": "ตำบล", "category": "หมวด",
                                         "request": "เป็นคำขอ"}
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

EXPORT_HEADERS: dict[str, str] = {
    "ref": "เลขที่", "status": "สถานะ", "district": "อำเภอ", "tambon": "ตำบล", "category": "หมวด",
    "text": "ข้อความ", "supporters": "ผู้สนับสนุน", "duplicate_of": "ซ้ำกับเรื่อง", "similar": "อาจซ้ำกับ",
    "forum": "ประชาคม", "reason": "เหตุผล", "referred_to": "ส่งต่อถึง", "created_at": "วันที่แจ้ง",
    "attachments": "ไฟล์แนบ", "lat": "ละติจูด", "lon": "ลองจิจูด", "requester": "รหัสผู้แจ้ง",
}
EXPORT_FOLDED = "↳ "
EXPORT_NO_TAMBON = "ไม่ระบุตำบล"
EXPORT_NO_DISTRICT = "ไม่ระบุอำเภอ"


def staff_help_title(role: str) -> str:
    return STAFF_HELP_TITLE.format(role=ROLE_LABELS.get(role, role))


def staff_help_line(usage: str, aliases: str, purpose: str) -> str:
    return STAFF_HELP_LINE.format(usage=usage, aliases=f" ({aliases})" if aliases else "", purpose=purpose)


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


def staff_queue_line(ref: str, district: str | None, category: str | None, days: int, snippet: str) -> str:
    return STAFF_QUEUE_LINE.format(ref=ref, district=district or UNKNOWN_PLACE, category=category_label(category),
                                   days=thai_number(days), snippet=snippet)


def staff_show_title(ref: str, status: str) -> str:
    return STAFF_SHOW_TITLE.format(ref=ref, status=status_label(status))


def staff_place(district: str | None, tambon: str | None) -> str:
    return STAFF_PLACE.format(district=district or UNKNOWN_PLACE, tambon=tambon or UNKNOWN_PLACE)


def staff_category(category: str | None) -> str:
    return STAFF_CATEGORY.format(category=category_label(category))


def staff_confidence(confidence: dict[str, object]) -> str | None:
    values = [f"{STAFF_CONFIDENCE_KEYS.get(key, key)} {value:.0%}" for key, value in confidence.items()
              if isinstance(value, int | float) and not isinstance(value, bool)]
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
    label = STAFF_ACTION_LABELS.get(action, action)
    status = after.get("status")
    change = f" → {status_label(str(status))}" if status else ""
    return STAFF_HISTORY_LINE.format(when=f"{thai_date(when)} {when:%H:%M}", action=label,
                                     who=who or STAFF_UNKNOWN_PERSON, change=change,
                                     note=f": {note}" if note else "")


def staff_similar_line(ref: str, score: float, status: str, snippet: str) -> str:
    return STAFF_SIMILAR_LINE.format(ref=ref, score=score, status=status, snippet=snippet)


def staff_illegal(ref: str, current: str, choices: Iterable[str] = ()) -> str:
    labels = ", ".join(status_label(choice) for choice in choices)
    follow = STAFF_ILLEGAL_NEXT.format(choices=labels) if labels else STAFF_ILLEGAL_FINAL
    return STAFF_ILLEGAL.format(ref=ref, current=status_label(current)) + "\n" + follow


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
