"""Every voice villagers use: closing particles, stated problems, junk, English, category boundaries."""

from collections import Counter

import pytest

import nlp
from nlp import loader
from nlp.corpus import Example, read_corpus
from nlp.evaluate import score
from nlp.features import cue_features

PARTICLES = ["เจ้า", "เน้อ", "ก่", "เนาะ", "ครับ", "ค่ะ", "จ้า", " เจ้า", " เน้อ", "เจ้าาา", "เน้ออ", "คร้าบบ", "ค่าาา",
             "นะคะ", "เน้อเจ้า", "จ้าาา!!"]


def _verdict(text: str) -> tuple[bool, str | None]:
    result = nlp.analyze(text)
    return result.is_request, result.category


def test_appending_a_closing_particle_never_changes_whether_a_request_is_one_or_its_category():
    requests = [example.text for example in read_corpus() if example.is_request][::8]
    assert len(requests) >= 150
    flips = [(text, particle) for text in requests for particle in PARTICLES
             if _verdict(text + particle) != _verdict(text)]
    assert flips == []


def test_removing_the_closing_particle_never_changes_whether_a_request_is_one_or_its_category():
    endings = ("เจ้า", "เน้อ", "ครับ", "ค่ะ", "จ้า", "เนาะ")
    texts = [example.text for example in read_corpus() if example.is_request and example.text.endswith(endings)]
    assert len(texts) >= 50
    for text in texts:
        bare = text
        while bare.endswith(endings):
            bare = bare[: -len(next(e for e in endings if bare.endswith(e)))].rstrip()
        assert _verdict(bare) == _verdict(text), text


@pytest.mark.parametrize(("text", "category"), [
    ("น้ำบ่ไหลมาสามวันแล้วเจ้า", "water"),
    ("น้ำประปาบ่ไหลเลยเน้อ ต้องไปตักน้ำห้วยมาใช้", "water"),
    ("ไฟฟ้าดับตั้งแต่เมื่อคืนแล้วก่", "electricity"),
    ("ถนนเข้าหมู่บ้านพังเป็นร่องลึกเนาะ", "infrastructure"),
    ("ฝุ่นควันหนักขนาด หายใจบ่ออก", "environment"),
    ("ขยะกองหน้าวัดบ่มีไผมาเก็บจ้า", "environment"),
    # an older villager's voice message, transcribed without spaces
    ("ไฟฟ้าบ้านยายดับตั้งแต่เมื่อวานแล้วเจ้ายังบ่มีไผมาแก้เลยเจ้า", "electricity"),
    ("ยายอยู่คนเดียวเจ้าหลังคาบ้านรั่วฝนตกทีไรก่เปียกหมดเลยเจ้าบ่มีไผมาซ่อมหื้อ", "welfare"),
])
def test_a_stated_problem_is_a_request_without_an_explicit_ask(text, category):
    assert _verdict(text) == (True, category)


@pytest.mark.parametrize("text", [
    "ปีนี้น้ำท่วมน้อยกว่าทุกปีเลยเจ้า ดีใจขนาด",
    "ไฟฟ้ามาแล้วเจ้า ขอบคุณหลายๆ เน้อ",
    "เมื่อคืนฝันว่าถนนพัง 555",
])
def test_small_talk_and_thanks_that_mention_a_problem_are_not_requests(text):
    assert nlp.analyze(text).is_request is False


@pytest.mark.parametrize(("text", "intent"), [
    ("รับซื้อรถเก่า รถเสีย ให้ราคาดี โทร 081-765-4321", "advert"),
    ("สินเชื่อเงินด่วน อนุมัติไวใน 24 ชั่วโมง ไม่เช็คบูโร ทักไลน์เลย", "advert"),
    ("รับสมัครพนักงานแพ็คสินค้า ทำที่บ้าน รายได้วันละ 700 บาท", "advert"),
    ("ส่งต่อด่วน!! คืนนี้พายุเข้าภาคเหนือ ลมแรง งดออกจากบ้าน", "forward"),
    ("แชร์ด่วน มีคนโทรอ้างเป็นเจ้าหน้าที่ขอเลขบัญชี อย่าหลงเชื่อ", "forward"),
    ("ขอเชิญร่วมงานปอยหลวงวัดประจำหมู่บ้าน วันเสาร์ที่ 14 มีมหรสพสมโภชทั้งคืน", "announcement"),
    ("ประชาสัมพันธ์ ประชุมหมู่บ้านประจำเดือน คืนวันพุธนี้ 1 ทุ่ม ที่ศาลา", "announcement"),
    ("นายก อบจ. คนนี้ผลงานบ่มีเลย เลือกตั้งรอบหน้าบ่เลือกแล้ว", "politics"),
    ("เจ้าหน้าที่ที่ อบต. พูดจาไม่ดีใส่ยายเลย หงุดหงิดมาก", "complaint"),
])
def test_junk_is_not_a_request_and_its_intent_says_which_kind(text, intent):
    result = nlp.analyze(text)
    assert (result.is_request, result.intent, result.category) == (False, intent, None)


def test_a_request_that_leaves_a_phone_number_to_call_back_is_still_a_request():
    result = nlp.analyze("ถนนหน้าบ้านทรุดเป็นหลุมใหญ่ ถ้าจะมาดูโทรหาผมได้ที่ 089-123-4567 ครับ")
    assert (result.is_request, result.category) == (True, "infrastructure")


@pytest.mark.parametrize(("text", "category", "district"), [
    ("the bridge in Ko Kha is broken, please repair", "infrastructure", "5203"),
    ("Street lights on the main road in Hang Chat have been off for a week", "electricity", "5212"),
    ("No tap water in our village for three days, please help", "water", None),
    ("Garbage piles up by the school in Ngao and nobody collects it", "environment", "5205"),
    ("ไฟ street light หน้าบ้านดับมาสามวันแล้วค่ะ Mae Moh", "electricity", "5202"),
])
def test_english_and_mixed_requests_get_their_category_and_district(text, category, district):
    result = nlp.analyze(text)
    assert (result.is_request, result.category, result.district_code) == (True, category, district)


@pytest.mark.parametrize(("text", "category"), [
    ("ไฟกิ่งริมถนนหน้าวัดดับสองต้นเจ้า", "electricity"),
    ("ไฟถนนในซอยบ่ติดเลยครับ มืดมาก", "electricity"),
    ("ลูกพิการแต่กำเนิด จะขอเบี้ยคนพิการต้องไปยื่นที่ไหนคะ", "welfare"),
    ("My uncle is disabled, how does he apply for the disability allowance?", "welfare"),
])
def test_category_boundaries_follow_the_taxonomy(text, category):
    assert _verdict(text) == (True, category)


def test_a_request_taken_for_a_non_request_counts_as_a_category_miss():
    example = Example("ถนนพัง", None, None, "infrastructure", None, True, "request")
    scores = score([example], lambda text: nlp.analyze("สวัสดีครับ"))
    assert scores.category_accuracy == 0.0


@pytest.mark.parametrize(("text", "cue"), [
    ("โทร 0812345678", "cue:phone"), ("โทร 081-234-5678", "cue:phone"), ("ติดต่อ 054 123 456", "cue:phone"),
    ("กิโลละ 120 บาท", "cue:price"), ("ลด 70%", "cue:price"), ("ราคา 2,500", "cue:price"),
    ("ดูที่ www.example.com", "cue:link"), ("กดลิงก์ bit.ly/abc", "cue:link"), ("แอดไลน์ @shop99", "cue:link"),
    ("Line ID: shop99", "cue:link"),
])
def test_phone_numbers_prices_and_links_are_found_in_any_common_format(text, cue):
    assert cue in cue_features(3, nlp.normalize(text), Counter(), False)


@pytest.mark.parametrize("text", ["หมู่ 4 ต.นาแก้ว", "บ้านเลขที่ 12/3", "อ.เมือง ต.พิชัย", "ปี 2567", "ไลน์นี้ใช้ได้ไหม"])
def test_house_numbers_villages_and_years_are_not_junk_cues(text):
    features = cue_features(3, nlp.normalize(text), Counter(), False)
    assert not {"cue:phone", "cue:price", "cue:link"} & set(features)


@pytest.mark.parametrize(("text", "expected"), [
    ("ถนนพังเน้ออ", "ถนนพังเน้อ"), ("ไฟดับค่าาา", "ไฟดับค่ะ"), ("ขอบคุณคร้าบบ!!", "ขอบคุณคร้าบ!!"),
    # a stretch inside running text is the next word's first letter, and a fee is not a particle
    ("แจ้งแล้วครับบ้านผมอยู่หมู่ 3", "แจ้งแล้วครับบ้านผมอยู่หมู่ 3"), ("ค่าน้ำแพง", "ค่าน้ำแพง"), ("ของมีค่า", "ของมีค่า"),
])
def test_stretched_particles_are_shortened_only_where_thai_text_ends(text, expected):
    assert loader.reader().particles.shorten(nlp.normalize(text)) == expected
