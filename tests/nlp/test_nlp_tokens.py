"""Cutting text into words with pythainlp's nlpO3 over the project's own dictionary."""

import compileall
import os
import random
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from pythainlp.corpus import get_corpus, thai_words
from pythainlp.tokenize import word_tokenize
from pythainlp.tokenize.nlpo3 import segment as nlpo3_default_segment

import nlp
from nlp import loader
from nlp.corpus import read_corpus, split
from nlp.tokens import NEWMM, NLPO3, Segmenter, common_words


def _cut(text: str) -> list[str]:
    return loader.reader().segmenter.segment(text)


def test_place_names_from_the_gazetteer_stay_whole_where_pythainlps_own_dictionary_cuts_them_apart():
    for name in ["พระบาทวังตวง", "ทุ่งผึ้ง", "เสริมงาม", "บ่อแฮ้ว"]:
        assert len(nlpo3_default_segment(name)) > 1  # pythainlp's word list alone does not know it
        assert _cut(name) == [name]
    assert _cut("ถนนพังที่ทุ่งผึ้งครับ") == ["ถนน", "พัง", "ที่", "ทุ่งผึ้ง", "ครับ"]


def test_words_rare_on_the_web_are_left_out_of_the_dictionary_unless_the_corpus_or_keywords_use_them():
    segmenter = loader.reader().segmenter
    assert 30_000 < segmenter.word_count < 45_000  # of pythainlp's 62,000: nlpO3's trie costs ~0.8 KB a word
    # น้ำตาลปึก: in pythainlp's list, rare on the web, in no training message: cut into its parts.
    assert "น้ำตาลปึก" in thai_words() and "น้ำตาลปึก" not in common_words(["น้ำตาลปึก"])
    assert _cut("น้ำตาลปึก") == ["น้ำตาล", "ปึก"]
    # ไล่ช้าง is as rare, but training messages use it; เหมืองฝาย is a keyword: both stay whole.
    assert common_words(["ไล่ช้าง", "เหมืองฝาย"]) == []
    assert _cut("ไล่ช้าง") == ["ไล่ช้าง"]
    assert _cut("เหมืองฝาย") == ["เหมืองฝาย"]


def test_the_training_corpus_is_cut_as_pythainlps_whole_word_list_would_cut_it():
    # The model learns from these cuts; if this fails, the corpus has new words: run `python -m nlp train`.
    whole = loader.build_reader(None).segmenter
    shipped = loader.reader().segmenter
    training, _ = split(read_corpus())
    texts = [nlp.normalize(example.text) for example in training]
    assert whole.word_count > 62_000
    assert [text for text in texts if shipped.segment(text) != whole.segment(text)] == []


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads resident memory from /proc")
def test_loading_adds_at_most_80_mb_of_resident_memory_in_a_fresh_process():
    # Measured as bench/bench_nlp.py does: resident memory before importing nlp and after nlp.load().
    script = """
import nlp
def resident_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024
before = resident_mb()
nlp.load()
print(resident_mb() - before)
"""
    environment = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    root = Path(nlp.__file__).resolve().parents[1]
    # Compile first, as a deployed process has done by its second start: on a fresh clone (CI) the
    # compiler's own allocations would otherwise be counted as the models' memory (about 6 MB).
    compileall.compile_dir(root / "nlp", quiet=1)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=root, env=environment, capture_output=True, text=True, check=True
    )
    assert float(result.stdout) <= 80


def test_markers_and_domain_words_stay_whole_next_to_place_names():
    assert _cut("ต.นาแก้ว อ.เกาะคา") == ["ต.", "นาแก้ว", " ", "อ.", "เกาะคา"]
    assert _cut("รพ.สต.บ้านนา") == ["รพ.สต.", "บ้าน", "นา"]


def test_loading_the_project_dictionary_leaves_pythainlps_global_dictionary_unchanged():
    loader.reader()
    # The word list pythainlp hands out is still exactly its file, with no place name added.
    assert thai_words() == get_corpus("words_th.txt")
    assert "พระบาทวังตวง" not in thai_words()
    # pythainlp's default tokenizers (newmm, and nlpO3's default dictionary) still cut the name apart.
    assert word_tokenize("พระบาทวังตวง") == ["พระ", "บาท", "วัง", "ตวง"]
    assert nlpo3_default_segment("พระบาทวังตวง") == ["พระ", "บาท", "วัง", "ตวง"]


def test_punctuation_next_to_a_thai_word_is_a_token_of_its_own():
    # nlpO3 alone returns ".ขอ" and "/ขอ", hiding the word ขอ (the strongest sign of a request).
    assert _cut("1.ขอไฟ2.ขอถนน") == ["1", ".", "ขอ", "ไฟ", "2", ".", "ขอ", "ถนน"]
    assert _cut("ขอไฟ/ขอถนน") == ["ขอ", "ไฟ", "/", "ขอ", "ถนน"]
    assert _cut('"ขอ"ถนน') == ['"', "ขอ", '"', "ถนน"]
    assert _cut("LP-69-00518") == ["LP", "-", "69", "-", "00518"]
    # ... but abbreviations in the dictionary keep their dots.
    assert _cut("อ.เมือง") == ["อ.เมือง"]
    assert _cut("พ.ศ.2567") == ["พ.ศ.", "2567"]


def test_the_repetition_mark_is_a_word_after_known_and_unknown_words_alike():
    assert _cut("เล็กๆ") == ["เล็ก", "ๆ"]
    assert _cut("อร่อยแต๊ๆ") == ["อร่อย", "แต๊", "ๆ"]


def test_tokens_always_put_together_give_back_the_text():
    rng = random.Random(15)
    alphabet = [chr(c) for c in range(0x0E01, 0x0E5C)] + list(" .,-!?()[]/aZ09") + ["😀", "\u200b", "\n"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        assert "".join(_cut(text)) == text


def test_segmenters_built_at_once_from_several_threads_load_the_dictionary_once_and_cut_alike():
    # A word list of its own (never loaded before in this process), built from eight threads at once:
    # nlpO3 refuses a second load under the same name, so an unguarded build would fail in some.
    words = ["ถนน", "พัง", "ที่", "บ้านแม่ต๋ำน้อยใหม่", f"คำทดสอบ{uuid.uuid4().hex}"]
    results: list[object] = []

    def build() -> None:
        try:
            results.append(Segmenter.build(words, engine=NLPO3).segment("ถนนพังที่บ้านแม่ต๋ำน้อยใหม่"))
        except Exception as error:  # kept, so the assertion below shows what went wrong
            results.append(error)

    threads = [threading.Thread(target=build) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [["ถนน", "พัง", "ที่", "บ้านแม่ต๋ำน้อยใหม่"]] * 8


def test_pythainlps_newmm_with_a_custom_trie_cuts_like_nlpo3_where_nlpo3_cannot_be_installed():
    words = [*thai_words(), "พระบาทวังตวง", "ทุ่งผึ้ง"]
    newmm, nlpo3 = Segmenter.build(words, engine=NEWMM), Segmenter.build(words, engine=NLPO3)
    texts = ["ถนนพังที่ทุ่งผึ้งครับ", "ไฟฟ้าดับแถวพระบาทวังตวงตั้งแต่เมื่อวานเจ้า", "LP-69-00518 (sticker) 1.ขอไฟ"]
    for text in texts:
        assert newmm.segment(text) == nlpo3.segment(text)
    assert newmm.segment("พระบาทวังตวง") == ["พระบาทวังตวง"]


def test_cutting_from_several_threads_at_once_gives_the_same_tokens_as_one_thread():
    # The bot serves requests on several threads, and nlpO3 keeps its dictionaries in one shared place.
    cut_uncached = loader.reader().segmenter.cut_chunk.__wrapped__  # past the chunk cache, into nlpO3
    chunks = [chunk for example in read_corpus()[::4] for chunk in nlp.normalize(example.text).split(" ")]
    expected = [cut_uncached(chunk) for chunk in chunks]
    results: dict[int, list[tuple[str, ...]]] = {}

    def cut_all(worker: int) -> None:
        results[worker] = [cut_uncached(chunk) for chunk in chunks]

    threads = [threading.Thread(target=cut_all, args=(worker,)) for worker in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 6
    assert all(results[worker] == expected for worker in range(6))
