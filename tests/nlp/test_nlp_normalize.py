"""Normalisation and tokenisation of chat text."""

import nlp


def test_thai_digits_become_arabic():
    assert nlp.normalize("หมู่ ๕ บ้านเลขที่ ๑๒") == "หมู่ 5 บ้านเลขที่ 12"


def test_a_drawn_out_double_consonant_keeps_its_double():
    assert nlp.normalize("ถนนนนน") == "ถนน"


def test_a_drawn_out_final_consonant_after_a_vowel_collapses_to_one():
    assert nlp.normalize("พังงงง") == "พัง"


def test_long_laughter_is_shortened_to_three_fives():
    assert nlp.normalize("5555555") == "555"


def test_zero_width_and_control_characters_are_removed():
    assert nlp.normalize("แม่\u200bทะ\x00") == "แม่ทะ"


def test_two_sara_e_are_read_as_sara_ae():
    assert nlp.normalize("เเม่เมาะ") == "แม่เมาะ"


def test_emoji_are_kept_apart_from_words():
    assert nlp.normalize("ขอบคุณ😀ครับ") == "ขอบคุณ 😀 ครับ"


def test_whitespace_is_collapsed_and_trimmed():
    assert nlp.normalize("  ถนน \n\t พัง  ") == "ถนน พัง"


def test_tokens_are_content_words_without_spaces_or_punctuation():
    tokens = nlp.tokenize("ถนนพัง!!! ต.นาแก้ว อ.เกาะคา")
    assert "ถนน" in tokens
    assert "นาแก้ว" in tokens
    assert " " not in tokens and "!!!" not in tokens


def test_tokenizing_does_not_change_pythainlps_global_dictionary():
    from pythainlp.corpus import thai_words

    nlp.tokenize("พระบาทวังตวง")
    assert "พระบาทวังตวง" not in thai_words()
