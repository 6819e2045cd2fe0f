"""Likely duplicates: numpy TF-IDF and cosine, the same answers scikit-learn gave, without it at run time."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from bot import duplicates
from nlp.corpus import read_corpus
from storage.citizens import new_citizen_key
from storage.models import Citizen, Request, Status
from storage.request_store import create_request

ROOT = Path(__file__).resolve().parent.parent
BANGKOK_NOW = datetime(2026, 1, 12, 3, 0, tzinfo=UTC)


def _unsaved(request_id: int, text: str | None, district: str | None = "5201",
             category: str | None = "infrastructure") -> Request:
    """A request as similar_groups sees it; nothing needs the database for grouping."""
    return Request(id=request_id, text=text, district_code=district, category=category)


def _corpus_requests() -> list[Request]:
    """Every corpus request with a district and a category: 143 groups, up to 32 texts each."""
    examples = [e for e in read_corpus() if e.is_request and e.district and e.category]
    return [_unsaved(number, e.text, e.district, e.category) for number, e in enumerate(examples, start=1)]


def test_numpy_tfidf_gives_the_cosines_scikit_learn_gave_on_every_corpus_group() -> None:
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    sklearn_pairwise = pytest.importorskip("sklearn.metrics.pairwise")
    groups: dict[tuple[str, str], list[Request]] = defaultdict(list)
    for request in _corpus_requests():
        groups[(request.district_code, request.category)].append(request)
    compared = 0
    for members in groups.values():
        documents = [duplicates._features(member.text or "") for member in members]
        if sum(1 for tokens in documents if tokens) < 2:
            continue
        # What bot/duplicates.py computed before it dropped scikit-learn.
        vectorizer = sklearn_text.TfidfVectorizer(analyzer=lambda tokens: tokens, sublinear_tf=True)
        expected = sklearn_pairwise.linear_kernel(vectorizer.fit_transform(documents))
        shared = duplicates._shared_tfidf(documents)
        # Off the diagonal: a row's own unique features are dropped, so only its self-similarity shrinks.
        between = ~np.eye(len(members), dtype=bool)
        np.testing.assert_allclose((shared @ shared.T)[between], expected[between], atol=1e-9)
        compared += 1
    assert compared > 100


def test_similar_groups_finds_the_pairs_scikit_learn_found_on_the_corpus() -> None:
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    sklearn_pairwise = pytest.importorskip("sklearn.metrics.pairwise")
    requests = _corpus_requests()
    found = duplicates.similar_groups(requests)

    groups: dict[tuple[str, str], list[Request]] = defaultdict(list)
    for request in requests:
        groups[(request.district_code, request.category)].append(request)
    expected: dict[int, list[tuple[int, float]]] = {}
    near_threshold: set[tuple[int, int]] = set()
    for members in groups.values():
        documents = [duplicates._features(member.text or "") for member in members]
        if sum(1 for tokens in documents if tokens) < 2:
            continue
        vectorizer = sklearn_text.TfidfVectorizer(analyzer=lambda tokens: tokens, sublinear_tf=True)
        cosine = sklearn_pairwise.linear_kernel(vectorizer.fit_transform(documents))
        for row, member in enumerate(members):
            pairs = []
            for column, other in enumerate(members):
                if row == column:
                    continue
                if abs(cosine[row, column] - duplicates.THRESHOLD) < 1e-9:
                    near_threshold.add((member.id, other.id))  # rounding may tip it either way
                elif cosine[row, column] >= duplicates.THRESHOLD:
                    pairs.append((other.id, round(float(cosine[row, column]), 2)))
            if pairs:
                expected[member.id] = sorted(pairs, key=lambda pair: -pair[1])

    def without_ties(similar: dict[int, list[tuple[int, float]]]) -> dict[int, dict[int, float]]:
        return {key: {other: score for other, score in pairs if (key, other) not in near_threshold}
                for key, pairs in similar.items()}

    assert sum(map(len, expected.values())) > 50  # the corpus really has near-duplicates to find
    assert without_ties(found).keys() == without_ties(expected).keys()
    for key, pairs in without_ties(expected).items():
        assert without_ties(found)[key] == pytest.approx(pairs, abs=0.011)
    for key, pairs in found.items():
        scores = [score for _, score in pairs]
        assert scores == sorted(scores, reverse=True), f"request {key}: best first"


def test_a_rough_road_asked_twice_in_other_words_is_a_likely_duplicate_and_street_lights_are_not() -> None:
    laterite, paving, lights = (_unsaved(1, "ถนนลูกรังพัง ขอลาดยาง"), _unsaved(2, "ขอทำถนนลาดยาง ถนนพังมาก"),
                                _unsaved(3, "ขอไฟถนน"))
    similar = duplicates.similar_groups([laterite, paving, lights])
    assert [other for other, _ in similar[1]] == [2]
    assert [other for other, _ in similar[2]] == [1]
    assert 3 not in similar
    assert duplicates.THRESHOLD <= similar[1][0][1] <= 1.0
    assert similar[1][0][1] == similar[2][0][1]  # cosine is symmetric


def test_the_same_text_in_another_district_or_category_is_never_suggested() -> None:
    text = "ถนนลูกรังพัง ขอลาดยาง"
    similar = duplicates.similar_groups([
        _unsaved(1, text), _unsaved(2, text, district="5202"), _unsaved(3, text, category="water"),
        _unsaved(4, text, district=None), _unsaved(5, None),
    ])
    assert similar == {}


def test_identical_texts_score_one_and_a_group_larger_than_one_block_is_compared_across_blocks() -> None:
    filler = [_unsaved(n, f"ขอซ่อมศาลา{'กขคงจฉชซฌญ'[n % 10]}{n}") for n in range(2, duplicates._BLOCK_ROWS + 40)]
    twin_first = _unsaved(1, "ถนนลูกรังพัง ขอลาดยาง")
    twin_last = _unsaved(10_000, "ถนนลูกรังพัง ขอลาดยาง")
    similar = duplicates.similar_groups([twin_first, *filler, twin_last])
    assert (10_000, 1.0) in similar[1]
    assert (1, 1.0) in similar[10_000]


def test_likely_duplicates_on_the_database_are_the_best_first_and_at_most_the_limit(database_url: str) -> None:
    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with Session(engine) as session:
            def add(text: str, minutes: int, **fields: object) -> Request:
                citizen = Citizen(key=new_citizen_key())
                session.add(citizen)
                return create_request(session, citizen=citizen, text=text, tz=UTC,
                                      created_at=BANGKOK_NOW + timedelta(minutes=minutes),
                                      district_code="5201", category="infrastructure", **fields)

            asked = add("ถนนลูกรังพัง ขอลาดยาง", 0)
            same = add("ถนนลูกรังพัง ขอลาดยาง", 1)
            close = add("ขอทำถนนลาดยาง ถนนพังมาก", 2)
            add("ขอไฟถนน", 3)
            add("ถนนลูกรังพัง ขอลาดยาง", 4, status=Status.REJECTED)  # refused requests are never offered
            session.flush()

            best = duplicates.likely_duplicates(session, asked)
            assert [request.id for request, _ in best] == [same.id, close.id]
            assert best[0][1] == 1.0 > best[1][1] >= duplicates.THRESHOLD
            assert [request.id for request, _ in duplicates.likely_duplicates(session, asked, limit=1)] == [same.id]
    finally:
        engine.dispose()


def test_duplicate_detection_never_imports_scikit_learn() -> None:
    script = (
        "import sys\n"
        "from bot import duplicates\n"
        "from storage.models import Request\n"
        "duplicates.load()\n"
        "pairs = duplicates.similar_groups([Request(id=i, text=t, district_code='5201', category='water')\n"
        "                                   for i, t in enumerate(['น้ำประปาไม่ไหล', 'น้ำประปาไม่ไหลเลย'])])\n"
        "assert pairs, pairs\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in ('sklearn', 'scipy')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
