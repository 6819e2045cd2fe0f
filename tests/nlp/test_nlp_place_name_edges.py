"""Place names at the edges of other rules: a name ending like a particle, a village form that swallows a
misspelt name's start. Both lost their district in the merge of issue 15's branches."""

import pytest

import nlp


def place(text: str) -> tuple[str | None, str | None]:
    result = nlp.analyze(text)
    return result.district_code, result.tambon_code


@pytest.mark.parametrize("text", [
    "ต.บ้านค่า ไฟทางดับทั้งซอย",
    "ไฟฟ้าดับที่บ้านค่า",
    "บ้านค่า ถนนเป็นหลุมใหญ่ ขอซ่อมด้วย",
])
def test_the_tambon_baan_kha_keeps_its_name_where_thai_text_ends(text):
    # ค่า where Thai text ends is read as the particle ค่ะ, but not as the end of a place name.
    assert place(text) == ("5201", "520115")


def test_kha_typed_for_the_particle_still_reads_as_the_particle():
    polite = nlp.analyze("ขอไฟทางหน้าวัดค่า")
    assert (polite.is_request, polite.category) == (True, "electricity")
    assert nlp.analyze("ขอบคุณค่า").intent == "thanks"


@pytest.mark.parametrize(("text", "expected"), [
    ("หมู่บ้านนาแก๊ว ไฟฟ้าดับทั้งหมู่", ("5203", "520302")),
    ("บ้านหลวงเหนอ ไฟฟ้าดับทั้งหมู่", ("5205", "520501")),
    ("หมู่บ้านหลวงไต ถนนพังเป็นหลุม", ("5205", "520502")),
])
def test_a_misspelt_tambon_after_a_village_form_that_swallows_its_start_is_found(text, expected):
    # The segmenter keeps บ้านหลวง and หมู่บ้านนา whole (they are villages); the slip search must still see
    # the tambon name that starts inside them.
    assert place(text) == expected
