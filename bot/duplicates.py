"""Likely duplicates: requests in the same district and category whose Thai texts say the same thing.

Texts are cut into content tokens by `nlp.tokenize`, weighted by TF-IDF within each (district,
category) group and compared by cosine similarity; staff confirm with /dup, nothing is merged here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache

from sqlalchemy.orm import Session

import nlp
from storage import request_store
from storage.models import Request

# Cosine similarity from which two requests are suggested as one; tuned on corpus pairs such as
# "ถนนลูกรังพัง ขอลาดยาง" / "ขอทำถนนลาดยาง ถนนพังมาก", while "ขอไฟถนน" / "ถนนพัง" stay apart.
THRESHOLD = 0.35


def load() -> None:
    """Import scikit-learn and read the stopwords now, so the first /show does not pay for it (~1 s)."""
    import sklearn.feature_extraction.text  # noqa: F401
    import sklearn.metrics.pairwise  # noqa: F401

    _stopwords()


def likely_duplicates(session: Session, request: Request, limit: int = 3) -> list[tuple[Request, float]]:
    """The requests most like this one (best first), for /show."""
    candidates = request_store.similar_candidates(session, request)
    if not candidates or not request.text:
        return []
    scores = _similarities([request, *candidates])
    found = [(candidates[index - 1], score) for index, score in scores.get(0, []) if index > 0]
    return sorted(found, key=lambda pair: -pair[1])[:limit]


def similar_groups(requests: Sequence[Request]) -> dict[int, list[tuple[int, float]]]:
    """For each request id, the ids of similar requests among those given (same district and category)."""
    groups: dict[tuple[str, str], list[Request]] = defaultdict(list)
    for request in requests:
        if request.district_code and request.category and request.text:
            groups[(request.district_code, request.category)].append(request)
    similar: dict[int, list[tuple[int, float]]] = {}
    for members in groups.values():
        for index, pairs in _similarities(members).items():
            similar[members[index].id] = sorted(((members[other].id, score) for other, score in pairs),
                                                key=lambda pair: -pair[1])
    return similar


def _similarities(requests: Sequence[Request]) -> dict[int, list[tuple[int, float]]]:
    """Index → [(other index, cosine)] for every pair at or above the threshold."""
    if len(requests) < 2:
        return {}
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import linear_kernel

    documents = [_features(request.text or "") for request in requests]
    if sum(1 for tokens in documents if tokens) < 2:
        return {}
    vectorizer = TfidfVectorizer(analyzer=lambda tokens: tokens, sublinear_tf=True)
    matrix = vectorizer.fit_transform(documents)
    cosine = linear_kernel(matrix)  # rows are L2-normalised, so the dot product is the cosine
    pairs: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for row in range(len(requests)):
        for column in range(len(requests)):
            if row != column and cosine[row, column] >= THRESHOLD:
                pairs[row].append((column, round(float(cosine[row, column]), 2)))
    return dict(pairs)


def _features(text: str) -> tuple[str, ...]:
    """Content tokens plus their character trigrams: Thai compounds (ถนนลูกรัง, ถนนลาดยาง) share parts."""
    tokens = _content_tokens(text)
    trigrams = [f"#{token[i:i + 3]}" for token in tokens if len(token) > 3 for i in range(len(token) - 2)]
    return (*tokens, *trigrams)


def _content_tokens(text: str) -> tuple[str, ...]:
    stop = _stopwords()
    return tuple(token for token in nlp.tokenize(text) if len(token) > 1 and token not in stop)


@cache
def _stopwords() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords())
