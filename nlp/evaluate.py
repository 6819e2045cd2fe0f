"""Score an analyzer against labelled examples: accuracy per field and confusion tables."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from nlp.corpus import Example


@dataclass(frozen=True)
class Scores:
    count: int
    district_accuracy: float
    tambon_accuracy: float
    category_accuracy: float
    is_request_balanced_accuracy: float
    intent_accuracy: float
    category_confusion: dict[tuple[str, str], int]
    district_errors: dict[tuple[str, str], int]

    def as_dict(self) -> dict[str, float]:
        return {
            "count": self.count,
            "district_accuracy": round(self.district_accuracy, 4),
            "tambon_accuracy": round(self.tambon_accuracy, 4),
            "category_accuracy": round(self.category_accuracy, 4),
            "is_request_balanced_accuracy": round(self.is_request_balanced_accuracy, 4),
            "intent_accuracy": round(self.intent_accuracy, 4),
        }


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def score(examples: list[Example], analyze: Callable) -> Scores:
    """Category counts as right when it equals `category` or `category_alt`; is_request is balanced accuracy."""
    district_hits = tambon_hits = category_hits = category_total = intent_hits = 0
    request_hits = Counter()
    request_totals = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    district_errors: Counter[tuple[str, str]] = Counter()
    for example in examples:
        result = analyze(example.text)
        if result.district_code == example.district:
            district_hits += 1
        else:
            district_errors[(example.district or "-", result.district_code or "-")] += 1
        tambon_hits += result.tambon_code == example.tambon
        intent_hits += result.intent == example.intent
        request_totals[example.is_request] += 1
        request_hits[example.is_request] += result.is_request == example.is_request
        if example.is_request and example.category:
            category_total += 1
            # A request taken for a non-request has no category: that is a miss, not a match with an
            # empty category_alt (which the plain `in` test would count as right).
            correct = result.category is not None and result.category in (example.category, example.category_alt)
            category_hits += correct
            predicted = example.category if correct else (result.category or "-")
            confusion[(example.category, predicted)] += 1
    recalls = [_ratio(request_hits[label], request_totals[label]) for label in (True, False) if request_totals[label]]
    return Scores(
        count=len(examples),
        district_accuracy=_ratio(district_hits, len(examples)),
        tambon_accuracy=_ratio(tambon_hits, len(examples)),
        category_accuracy=_ratio(category_hits, category_total),
        is_request_balanced_accuracy=sum(recalls) / len(recalls) if recalls else 1.0,
        intent_accuracy=_ratio(intent_hits, len(examples)),
        category_confusion=dict(confusion),
        district_errors=dict(district_errors),
    )


def format_report(scores: Scores) -> str:
    lines = [f"examples: {scores.count}"]
    lines += [f"{name:32s} {value:.3f}" for name, value in scores.as_dict().items() if name != "count"]
    labels = sorted({gold for gold, _ in scores.category_confusion} | {p for _, p in scores.category_confusion})
    if labels:
        short = {label: label[:6] for label in labels}
        lines.append("")
        lines.append("category confusion (rows: gold, columns: predicted; '-' = none)")
        lines.append(" " * 16 + " ".join(f"{short[label]:>6s}" for label in labels))
        for gold in labels:
            row = [scores.category_confusion.get((gold, predicted), 0) for predicted in labels]
            if any(row):
                lines.append(f"{gold:16s}" + " ".join(f"{count:6d}" for count in row))
    if scores.district_errors:
        lines.append("")
        lines.append("district errors (gold -> predicted: count)")
        for (gold, predicted), count in sorted(scores.district_errors.items(), key=lambda item: -item[1]):
            lines.append(f"  {gold} -> {predicted}: {count}")
    return "\n".join(lines)
