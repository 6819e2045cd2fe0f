"""TF-IDF vectoriser and linear softmax classifiers stored as plain arrays (no pickle at load)."""

from __future__ import annotations

import json
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
        positions, counts = [], []
        for name, count in features.items():
            position = lookup(name)
            if position is not None:
                positions.append(position)
                counts.append(count)
        if not positions:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        indices = np.fromiter(positions, np.int64, len(positions))
        vector = (1.0 + np.log(np.fromiter(counts, np.float32, len(counts)))) * self.idf[indices]
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


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max())
    return shifted / shifted.sum()


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
