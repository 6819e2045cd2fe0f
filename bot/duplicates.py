"""Likely duplicates: requests in the same district and category whose Thai texts say the same thing.

Texts are cut into content tokens by `nlp.tokenize`, weighted by TF-IDF within each (district,
category) group and compared by cosine similarity; staff confirm with /dup, nothing is merged here.
The arithmetic is a few lines of numpy (the same weighting as scikit-learn's TfidfVectorizer, which
tests/test_duplicates.py checks where it is installed): scikit-learn is for training only and is
not installed where the bot runs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

import nlp
from storage import request_store
from storage.models import Request

if TYPE_CHECKING:
    import numpy as np

# Cosine similarity from which two requests are suggested as one; tuned on corpus pairs such as
# "ถนนลูกรังพัง ขอลาดยาง" / "ขอทำถนนลาดยาง ถนนพังมาก", while "ขอไฟถนน" / "ถนนพัง" stay apart.
THRESHOLD = 0.35
# Rows of the cosine matrix computed at a time: 512 × 10,000 requests is 40 MB at most.
_BLOCK_ROWS = 512


def load() -> None:
    """Read the stopwords and import numpy now, so the first /show does not pay for them."""
    import numpy  # noqa: F401  (imported where used: every web process builds the console, few compare)

    _stopwords()


def likely_duplicates(session: Session, request: Request, limit: int = 3) -> list[tuple[Request, float]]:
    """The requests most like this one (best first), for /show."""
    candidates = request_store.similar_candidates(session, request)
    if not candidates or not request.text:
        return []
    scores = _similarities([request, *candidates], first_only=True)
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


def _similarities(requests: Sequence[Request], *, first_only: bool = False) -> dict[int, list[tuple[int, float]]]:
    """Index → [(other index, cosine)] for every pair at or above the threshold (or only the first's pairs).

    /show needs one row against a few hundred candidates: a vector-matrix product, not the whole matrix.
    """
    if len(requests) < 2:
        return {}
    documents = [_features(request.text or "") for request in requests]
    if sum(1 for tokens in documents if tokens) < 2:
        return {}
    import numpy as np

    shared = _shared_tfidf(documents)
    pairs: dict[int, list[tuple[int, float]]] = defaultdict(list)
    # Rows in blocks: the whole n × n cosine matrix of a large agenda would be hundreds of MB.
    rows = 1 if first_only else len(requests)
    for start in range(0, rows, _BLOCK_ROWS):
        cosine = shared[start:min(start + _BLOCK_ROWS, rows)] @ shared.T
        for block_row, column in zip(*np.nonzero(cosine >= THRESHOLD), strict=True):
            row = start + int(block_row)
            if row != column:
                pairs[row].append((int(column), round(float(cosine[block_row, column]), 2)))
    return dict(pairs)


def _shared_tfidf(documents: Sequence[Sequence[str]]) -> np.ndarray:
    """Rows of L2-normalised sublinear TF-IDF, fitted on these documents, restricted to shared features.

    The weighting is scikit-learn's TfidfVectorizer(sublinear_tf=True) with its defaults: tf is
    1 + ln(count), idf is ln((1 + n) / (1 + df)) + 1, rows scaled to unit length. A feature that
    only one document has still counts in that row's length but can never add to a dot product
    between two rows, so its column is dropped: the matrix stays small (most trigrams are unique).
    """
    import numpy as np

    # One flat list of (row, feature, count) entries, then whole-array arithmetic: no numpy call per row.
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    features: list[int] = []
    counts: list[int] = []
    for row, counted in enumerate(Counter(tokens) for tokens in documents):
        rows += [row] * len(counted)
        features += [vocabulary.setdefault(token, len(vocabulary)) for token in counted]
        counts += counted.values()
    row_of, feature_of = np.array(rows, np.intp), np.array(features, np.intp)
    document_frequency = np.bincount(feature_of, minlength=len(vocabulary))
    idf = np.log((1 + len(documents)) / (1 + document_frequency)) + 1
    weights = (1 + np.log(np.array(counts, np.float64))) * idf[feature_of]
    lengths = np.sqrt(np.bincount(row_of, weights=weights**2, minlength=len(documents)))
    is_shared = document_frequency > 1
    column_of = np.cumsum(is_shared) - 1  # feature → its column among the shared ones
    keep = is_shared[feature_of]
    matrix = np.zeros((len(documents), int(np.count_nonzero(is_shared))))
    matrix[row_of[keep], column_of[feature_of[keep]]] = weights[keep] / lengths[row_of[keep]]
    return matrix


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
