"""Requests, intents, categories and robustness of analyze()."""

import pytest

import nlp
from nlp import loader
from nlp.corpus import read_corpus, split
from nlp.evaluate import score

CATEGORIES = {"infrastructure", "water", "electricity", "health", "education", "livelihood", "environment",
              "disaster_safety", "welfare", "culture_sport", "other"}


@pytest.mark.parametrize(("text", "intent"), [("สวัสดีครับ", "greeting"), ("ขอบคุณมากเจ้า", "thanks"),
                                              ("555555", "laughter"), ("😀😀", "sticker"), ("ทดสอบ", "test"),
                                              ("เรื่องที่แจ้งไปเมื่อเดือนก่อนถึงไหนแล้วครับ", "followup")])
def test_messages_that_are_not_requests_get_their_intent_and_no_category(text, intent):
    result = nlp.analyze(text)
    assert (result.is_request, result.intent, result.category) == (False, intent, None)


@pytest.mark.parametrize(("text", "category"), [
    ("ถนนเข้าหมู่บ้านเป็นหลุมเป็นบ่อ ขอลาดยางใหม่ครับ", "infrastructure"),
    ("ประปาหมู่บ้านไม่ไหลมาสามวันแล้ว", "water"),
    ("ไฟส่องสว่างริมถนนดับหมดเลย มืดมาก", "electricity"),
    ("ขอรถพยาบาลประจำ รพ.สต. ด้วยค่ะ", "health"),
    ("ศูนย์พัฒนาเด็กเล็กหลังคารั่ว ขอซ่อมด้วย", "education"),
    ("ขอให้จัดอบรมอาชีพทำขนมให้กลุ่มแม่บ้าน", "livelihood"),
    ("ควันไฟป่าหนักมาก ฝุ่น PM2.5 เกินทุกวัน", "environment"),
    ("น้ำป่าไหลหลากท่วมบ้านหลายหลัง ขอความช่วยเหลือ", "disaster_safety"),
    ("แม่อุ๊ยอยู่คนเดียว บ้านพังขอซ่อมบ้านให้หน่อย", "welfare"),
    ("ขอเครื่องออกกำลังกายกลางแจ้งให้หมู่บ้าน", "culture_sport"),
])
def test_requests_get_their_category(text, category):
    result = nlp.analyze(text)
    assert result.is_request is True
    assert result.category == category


def test_an_analysis_carries_confidences_and_three_category_alternatives():
    result = nlp.analyze("ไฟดับทั้งหมู่บ้าน ต.นาแก้ว")
    assert set(result.confidence) == {"is_request", "district", "tambon", "category"}
    assert all(0.0 <= value <= 1.0 for value in result.confidence.values())
    assert len(result.alternatives["categories"]) == 3
    assert {slug for slug, _ in result.alternatives["categories"]} <= CATEGORIES
    assert result.to_dict()["district_name"] == "เกาะคา"


@pytest.mark.parametrize("text", ["", "   \n\t", "ก" * 5000, "ถนนพัง " * 800, "😀🙏🏻👍", "\x00\x01\xff\ufffd\ud800",
                                  "{\"json\": true}", "!!!???", "\u200b\u200b"])
def test_odd_inputs_give_a_well_formed_answer(text):
    result = nlp.analyze(text).to_dict()
    assert set(result) >= {"is_request", "intent", "district_code", "category", "confidence", "alternatives"}
    assert isinstance(result["is_request"], bool)


def test_bytes_are_decoded_rather_than_rejected():
    assert nlp.analyze("ถนนพัง อ.งาว".encode()).district_code == "5205"


def test_load_is_idempotent():
    nlp.load()
    first = loader.analyzer()
    nlp.load()
    assert loader.analyzer() is first


def test_held_out_accuracy_stays_above_the_targets():
    _, held_out = split(read_corpus())
    scores = score(held_out, nlp.analyze)
    assert len(held_out) >= 100
    assert scores.district_accuracy >= 0.97
    assert scores.category_accuracy >= 0.90
    assert scores.is_request_balanced_accuracy >= 0.95


@pytest.mark.parametrize("text", ["อ.แจ้ห่ม", "งาว", "เกาะคา", "อำเภอเถินครับ", "อยู่แจ้ห่มค่ะ", "แม่เมาะ", "เมืองปาน",
                                  "ต.บ้านค่า"])
def test_a_bare_place_name_is_not_a_request_but_keeps_its_district(text):
    result = nlp.analyze(text)
    assert result.is_request is False
    assert result.category is None
    assert result.district_code is not None
