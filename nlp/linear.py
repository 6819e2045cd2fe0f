"""TF-IDF vectoriser and linear softmax classifiers stored as plain arrays (no pickle at load)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_FILE = "model.json"
WEIGHTS_FILE = "weights.npz"


@dataclass(frozen=True)
class Vectorizer:
    """Sublinear TF-IDF over feature names, L2-normalised; unknown features are ignored."""

    index: dict[str, int]
    idf: np.ndarray

    def transform(self, features: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        lookup = self.index.get
        counts: dict[int, float] = {}
        for name, count in features.items():
            position = lookup(name)
            if position is not None:
                counts[position] = count
        return self.weigh(counts)

    def weigh(self, counts: dict[int, float]) -> tuple[np.ndarray, np.ndarray]:
        """Feature positions and their L2-normalised sublinear TF-IDF values."""
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        indices = np.fromiter(counts.keys(), np.int64, len(counts))
        vector = (1.0 + np.log(np.fromiter(counts.values(), np.float32, len(counts)))) * self.idf[indices]
        return indices, vector / np.sqrt(vector @ vector)


@dataclass(frozen=True)
class SoftmaxClassifier:
    labels: tuple[str, ...]
    weights: np.ndarray  # (n_features, n_labels)
    bias: np.ndarray

    def logits(self, indices: np.ndarray, values: np.ndarray) -> np.ndarray:
        if len(indices) == 0:
            return self.bias.astype(np.float64)
        return values @ self.weights[indices] + self.bias


@dataclass(frozen=True)
class JointScorer:
    """Both classifiers' logits from raw feature counts in one product, the idf folded into the weights.

    Equal to `values @ weights[indices] + bias` with (indices, values) = Vectorizer.weigh(counts), for
    the category and intent weights side by side, but with a few numpy calls per message instead of a
    dozen (each costs about a microsecond, more than the arithmetic).
    """

    table: np.ndarray  # rows are features: idf * [category weights | intent weights], then idf squared
    bias: tuple[float, ...]

    @classmethod
    def build(cls, vectorizer: Vectorizer, classifiers: tuple[SoftmaxClassifier, ...]) -> JointScorer:
        idf = vectorizer.idf.astype(np.float64)
        weights = np.hstack([classifier.weights for classifier in classifiers]).astype(np.float64)
        table = np.hstack([idf[:, None] * weights, (idf**2)[:, None]])
        bias = np.concatenate([classifier.bias for classifier in classifiers]).astype(np.float64)
        return cls(np.ascontiguousarray(table, dtype=np.float32), tuple(bias.tolist()))

    def logits(self, counts: dict[int, int]) -> list[float]:
        if not counts:
            return list(self.bias)
        indices = np.fromiter(counts.keys(), np.intp, len(counts))
        rows = self.table.take(indices, axis=0)
        if len(counts) == sum(counts.values()):  # every count is one, so every sublinear tf is one
            totals = rows.sum(axis=0).tolist()
        else:
            tf = np.log(np.fromiter(counts.values(), np.float32, len(counts)))
            tf += 1.0
            totals = (tf @ rows).tolist()
            totals[-1] = float((tf * tf) @ rows[:, -1])
        scale = 1.0 / math.sqrt(totals[-1])
        return [total * scale + bias for total, bias in zip(totals[:-1], self.bias, strict=True)]


def softmax(logits: list[float]) -> list[float]:
    """Plain Python: for a dozen numbers it is several times faster than numpy's per-call overhead."""
    top = max(logits)
    shifted = [math.exp(value - top) for value in logits]
    total = sum(shifted)
    return [value / total for value in shifted]


@dataclass(frozen=True)
class Model:
    vectorizer: Vectorizer
    category: SoftmaxClassifier
    intent: SoftmaxClassifier
    keyword_weight: float
    metadata: dict


def save_model(model: Model, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    names = sorted(model.vectorizer.index, key=model.vectorizer.index.__getitem__)
    description = {
        "format": 1,
        "features": names,
        "category_labels": list(model.category.labels),
        "intent_labels": list(model.intent.labels),
        "keyword_weight": model.keyword_weight,
        "metadata": model.metadata,
    }
    (directory / MODEL_FILE).write_text(json.dumps(description, ensure_ascii=False, separators=(",", ":")), "utf-8")
    np.savez_compressed(
        directory / WEIGHTS_FILE,
        idf=model.vectorizer.idf.astype(np.float32),
        category_weights=model.category.weights.astype(np.float16),
        category_bias=model.category.bias.astype(np.float32),
        intent_weights=model.intent.weights.astype(np.float16),
        intent_bias=model.intent.bias.astype(np.float32),
    )


def load_model(directory: Path) -> Model:
    description = json.loads((directory / MODEL_FILE).read_text("utf-8"))
    with np.load(directory / WEIGHTS_FILE, allow_pickle=False) as arrays:
        weights = {name: arrays[name] for name in arrays.files}
    index = {name: position for position, name in enumerate(description["features"])}
    return Model(
        vectorizer=Vectorizer(index, weights["idf"].astype(np.float32)),
        category=SoftmaxClassifier(
            tuple(description["category_labels"]),
            weights["category_weights"].astype(np.float32),
            weights["category_bias"],
        ),
        intent=SoftmaxClassifier(
            tuple(description["intent_labels"]),
            weights["intent_weights"].astype(np.float32),
            weights["intent_bias"],
        ),
        keyword_weight=float(description["keyword_weight"]),
        metadata=description["metadata"],
    )
