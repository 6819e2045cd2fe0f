"""Which district and tambon a message names."""

import pytest

import nlp


def place(text: str) -> tuple[str | None, str | None]:
    result = nlp.analyze(text)
    return result.district_code, result.tambon_code


def test_a_tambon_name_resolves_to_its_amphoe():
    assert place("ไฟดับทั้งหมู่บ้าน ต.บ้านแลง") == ("5201", "520109")


def test_an_amphoe_name_with_a_dot_marker_resolves():
    assert place("ถนนพัง อ.แจ้ห่ม")[0] == "5206"


def test_an_amphoe_marker_without_a_dot_still_counts():
    assert place("สะพานพัง อ เถิน ช่วยด้วย")[0] == "5208"


def test_amphoe_mueang_means_mueang_lampang():
    assert place("ขยะเต็มถนน อ.เมือง")[0] == "5201"


def test_lampang_alone_names_no_district():
    assert place("ถนนในลำปางพังหลายจุด")[0] is None


def test_a_name_shared_by_amphoe_and_tambon_gives_the_tambon_only_after_a_tambon_marker():
    assert place("ต.แม่ทะ อ.แม่ทะ ขาดน้ำ") == ("5210", "521001")
    assert place("น้ำประปาไม่ไหลที่แม่ทะ") == ("5210", None)


@pytest.mark.parametrize("text", ["ขอซ่อมศาลาประชาคมหมู่ 3", "สมัยก่อนน้ำไม่เคยท่วม", "ทาสีชมพูให้โรงเรียน",
                                  "ลุงพิชัยป่วยติดเตียง", "ปลูกสวนดอกไม้หน้าวัด", "งานบุญวัดพระบาท",
                                  "น้ำท่วมทุ่งฝายพัง"])
def test_tambon_names_that_are_ordinary_words_are_not_places(text):
    assert place(text)[0] is None


@pytest.mark.parametrize(("text", "district"), [("ต.ศาลา ถนนพัง", "5203"), ("บ้านชมพู ขยะเยอะ", "5201"),
                                                ("ตำบลสมัย ไฟดับ", "5211"), ("ศาลาวัด ต.พิชัย พัง", "5201")])
def test_ordinary_word_tambons_count_after_a_marker(text, district):
    assert place(text)[0] == district


def test_na_kaeo_is_not_read_as_na_kae():
    assert place("ต.นาแก้ว ไฟดับ") == ("5203", "520302")
    assert place("ต.นาแก ไฟดับ") == ("5205", "520506")


def test_phra_bat_wang_tuang_is_not_read_as_phra_bat():
    assert place("น้ำท่วม ต.พระบาทวังตวง") == ("5209", "520904")


@pytest.mark.parametrize(("text", "district"), [("เกาะคาร์ ถนนพัง", "5203"), ("เสริมงาน ไฟดับ", "5204"),
                                                ("แจ่ห่ม ขาดน้ำ", "5206"), ("วังเหนอ ถนนพัง", "5207"),
                                                ("ห้างฉัตร์ ไฟดับ", "5212")])
def test_spelling_slips_still_find_the_district(text, district):
    assert place(text)[0] == district


@pytest.mark.parametrize(("text", "district"), [("road broken in Mae Moh", "5202"), ("Koh Kha flood", "5203"),
                                                ("no water in Ngao", "5205"), ("ถนนพัง mae moh", "5202")])
def test_romanised_names_find_the_district(text, district):
    assert place(text)[0] == district


def test_two_districts_named_the_first_wins_and_the_other_is_an_alternative():
    result = nlp.analyze("ถนนระหว่างเถินกับแม่พริกพังมาก")
    assert result.district_code == "5208"
    assert result.alternatives["districts"] == ["5209"]


@pytest.mark.parametrize(("text", "district"), [("ห้องน้ำที่พระธาตุลำปางหลวงสกปรก", "5203"),
                                                ("ฝุ่นจากโรงไฟฟ้าแม่เมาะเข้าบ้าน", "5202"),
                                                ("ขยะเยอะแถวกาดกองต้า", "5201")])
def test_landmarks_name_their_district(text, district):
    assert place(text)[0] == district


def test_a_village_named_like_a_tambon_elsewhere_follows_the_named_amphoe():
    assert place("บ้านดง อ.งาว ถนนพัง")[0] == "5205"


def test_a_forum_date_question_still_yields_its_district():
    result = nlp.analyze("ประชาคมอำเภองาวจัดวันไหนครับ")
    assert result.is_request is False
    assert result.district_code == "5205"


@pytest.mark.parametrize(("text", "district"), [("ถนนในเมืองพังหลายจุด", "5201"), ("ไฟทางในตัวเมืองดับ", "5201"),
                                                ("ห้องน้ำสวนเขลางค์นครสกปรก", "5201"),
                                                ("ขยะแถวสถานีรถไฟนครลำปาง", "5201"),
                                                ("น้ำท่วมแถวราชภัฏลำปาง", "5201"), ("ถนนหน้า รพ.ลำปาง พัง", "5201")])
def test_town_context_and_city_landmarks_mean_mueang_lampang(text, district):
    assert place(text)[0] == district


def test_town_context_yields_to_a_named_district_and_thailand_is_not_the_town():
    assert place("ตัวเมืองงาว ถนนพัง")[0] == "5205"
    assert place("ในเมืองไทยปัญหาเยอะ")[0] is None


def test_a_loose_marker_counts_for_some_ordinary_word_tambons_only():
    assert place("ขยะเยอะแถวชมพู") == ("5201", "520106")
    assert place("ไฟดับแถวพิชัย") == ("5201", "520111")
    assert place("นั่งรอแถวศาลา")[0] is None
    assert place("เดินเล่นแถวสวนดอกไม้")[0] is None
