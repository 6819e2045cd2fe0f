"""Turn one message into an Analysis: request or not, intent, place, category, confidences."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from nlp.admin_areas import Gazetteer
from nlp.encoder import Encoder
from nlp.features import LAUGHTER, KeywordIndex, Particles, mask, message_features
from nlp.linear import JointScorer, Model, softmax
from nlp.normalize import normalize
from nlp.phrases import PhraseIndex
from nlp.places import PlaceGuess, PlaceMatcher
from nlp.tokens import Segmenter, content_tokens, segment

# Beyond this the message is a letter or a paste; the opening carries the request and the place.
MAX_ANALYZED_CHARS = 2000
_LATIN_LETTER = re.compile("[A-Za-z]")
REQUEST = "request"
# A stated problem (a problem word such as พัง, ดับ, บ่ไหล, ท่วม beside a category keyword such as
# ถนน, ไฟฟ้า, น้ำ) is a request even without an explicit ask: villagers often just say what is wrong.
# Such a message needs a request probability of only PROBLEM_REQUEST_THRESHOLD, not 0.5, when the model
# would have called it one of the intents below; junk (advert, forward …), greetings and thanks keep
# their own intent. Below the threshold the model has read small talk that names a problem without
# having it ("ปีนี้น้ำท่วมน้อยกว่าทุกปี"). Not saved either: a message that says the problem is over or
# thanks for it ("ไหลแล้ว", "น้อยลง", "ขอบคุณ"), one that points back at an earlier report ("ที่แจ้งไว้",
# "ถึงไหนแล้ว": a true follow-up), and a joke. A "follow-up" without such a pointer is a first report
# that says nobody has come yet ("ยังบ่มีไผมาแก้").
PROBLEM_CUE = "problem"
RESOLVED_CUE = "resolved"
EARLIER_REPORT_CUE = "earlier_report"
PROBLEM_REQUEST_THRESHOLD = 0.2
_RESCUABLE_INTENTS = frozenset({"other", "question_forum", "question_pao", "followup"})
# Complaints and political talk are defined by asking for nothing, so one that makes an explicit ask
# ("ขอร้องเรียน …", "ขอให้ตักเตือน", "ขอให้ย้ายหน่วยเลือกตั้ง") is a request at an even lower bar; venting
# ("ไม่ช่วยอะไรเลย") stays far below it.
ASK_CUE = "ask"
ASK_REQUEST_THRESHOLD = 0.1
_ASK_MAKES_A_REQUEST = frozenset({"complaint", "politics"})
_TOKEN_CACHE_SIZE = 50_000
_LAUGHTER_ONLY = re.compile(r"^(?:[5๕]{3,}\+?|(?:ฮ่า)+|(?:ha)+|lol|อิอิ|คิคิ|[\s!.?])+$", re.IGNORECASE)
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff]")
_STICKER_TEXT = re.compile(r"^\(?\[?(sticker|สติกเกอร์|สติ๊กเกอร์)\]?\)?$", re.IGNORECASE)
_LETTER = re.compile("[A-Za-z\u0e01-\u0e2e]")


@dataclass(frozen=True)
class Analysis:
    is_request: bool
    intent: str
    district_code: str | None
    district_name: str | None
    tambon_code: str | None
    tambon_name: str | None
    category: str | None
    confidence: dict[str, float] = field(default_factory=dict)
    alternatives: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "is_request": self.is_request,
            "intent": self.intent,
            "district_code": self.district_code,
            "district_name": self.district_name,
            "tambon_code": self.tambon_code,
            "tambon_name": self.tambon_name,
            "category": self.category,
            "confidence": dict(self.confidence),
            "alternatives": {
                "districts": list(self.alternatives.get("districts", [])),
                "categories": [list(pair) for pair in self.alternatives.get("categories", [])],
            },
        }


def _rule_intent(normalized_text: str) -> str | None:
    """Messages with nothing to classify: empty, emoji, sticker placeholders, pure laughter."""
    if not normalized_text or _STICKER_TEXT.match(normalized_text):
        return "sticker" if normalized_text else "other"
    if _LAUGHTER_ONLY.match(normalized_text):
        return "laughter"
    if not _LETTER.search(normalized_text):
        return "sticker" if _EMOJI.search(normalized_text) else "other"
    return None


def _clean(text: str | bytes | None) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return normalize(str(text or ""))[:MAX_ANALYZED_CHARS]


@dataclass(frozen=True)
class Reading:
    """Everything read off one message before any model runs."""

    normalized: str
    tokens: list[str]
    masked: list[str]  # tokens with place names and numbers replaced by placeholders
    place: PlaceGuess
    keyword_hits: Counter[str]

    @property
    def has_place(self) -> bool:
        return self.place.district_code is not None

    @property
    def features(self) -> dict[str, int]:
        """Named features, for training; inference counts the same ones through nlp.encoder."""
        return message_features(self.masked, self.normalized, self.keyword_hits, self.has_place)


@dataclass(frozen=True)
class Reader:
    """Normalise, segment, find places and keywords: the model-free half."""

    gazetteer: Gazetteer
    segmenter: Segmenter
    places: PlaceMatcher
    keywords: KeywordIndex
    place_names: frozenset[str]
    # Closing particles (see features.Particles); None keeps every token.
    particles: Particles | None = None
    # Romanised place names (Ngao, Mae Moh, Koh Kha) folded to lower-case letters: masked as <place> like
    # Thai names, so the model learns what an English message asks, not that "ngao" once asked for schools.
    latin_place_names: PhraseIndex[str] | None = None
    # Token -> its masked form (see features.mask); tokens repeat, so each is worked out once.
    masked_form: Callable[[str], str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        place_names, particles = self.place_names, self.particles

        @lru_cache(maxsize=_TOKEN_CACHE_SIZE)
        def masked_form(token: str) -> str:
            return mask([token], place_names, particles)[0]

        object.__setattr__(self, "masked_form", masked_form)

    def clear_caches(self) -> None:
        self.segmenter.clear_cache()
        self.masked_form.cache_clear()  # type: ignore[attr-defined]

    def _normalize(self, text: str | bytes | None) -> str:
        normalized = _clean(text)
        return self.particles.shorten(normalized) if self.particles is not None else normalized

    def read_tokens(self, text: str) -> list[str]:
        return content_tokens(segment(self._normalize(text), self.segmenter))

    def read(self, text: str) -> Reading:
        normalized = self._normalize(text)
        raw = segment(normalized, self.segmenter)
        tokens = content_tokens(raw)
        place = self.places.guess(raw, normalized)
        hits = self.keywords.hits(tokens)
        # map over the cached per-token function runs in C: no Python-level loop per token;
        # filter(None, ...) drops the particles, whose masked form is "".
        masked = list(filter(None, map(self.masked_form, tokens)))
        if self.latin_place_names is not None and _LATIN_LETTER.search(normalized):
            masked = _mask_phrases(masked, self.latin_place_names)
        return Reading(normalized, tokens, masked, place, hits)


def _mask_phrases(tokens: list[str], names: PhraseIndex[str]) -> list[str]:
    """Each run of tokens that spells a name (mae, moh; mae-moh) becomes one <place>."""
    found = names.find([token.replace("-", "") for token in tokens])
    if not found:
        return tokens
    masked: list[str] = []
    after = 0
    for start, width, _ in found:
        masked += tokens[after:start]
        masked.append("<place>")  # as features.mask writes a Thai name
        after = start + width
    return masked + tokens[after:]


@dataclass(frozen=True)
class Analyzer:
    reader: Reader
    model: Model
    encoder: Encoder
    # Both classifiers in one (features, categories + intents) matrix: one gather and one product a message.
    scorer: JointScorer
    category_index: dict[str, int]

    @classmethod
    def build(cls, reader: Reader, model: Model) -> Analyzer:
        scorer = JointScorer.build(model.vectorizer, (model.category, model.intent))
        category_index = {label: i for i, label in enumerate(model.category.labels)}
        return cls(reader, model, Encoder.build(model.vectorizer), scorer, category_index)

    def clear_caches(self) -> None:
        """Forget cached segmentations and token features (benchmarks measure unseen text)."""
        self.reader.clear_caches()
        self.encoder.clear_cache()

    def _states_a_problem(self, intent: str, hits: Counter[str], normalized: str) -> bool:
        """A problem word and a category keyword, in a message that is neither a joke nor a thank-you."""
        return (
            intent in _RESCUABLE_INTENTS
            and PROBLEM_CUE in hits
            and RESOLVED_CUE not in hits
            and EARLIER_REPORT_CUE not in hits
            and any(slug in self.category_index for slug in hits)
            and not LAUGHTER.search(normalized)
        )

    def analyze(self, text: str) -> Analysis:
        reading = self.reader.read(text)
        normalized, place, hits = reading.normalized, reading.place, reading.keyword_hits
        # One product for both models; the 21 numbers that come out are cheaper in plain Python than numpy.
        logits = self.scorer.logits(self.encoder.count(reading.masked, normalized, hits, reading.has_place))
        categories = self.model.category.labels
        category_logits = logits[: len(categories)]
        for slug, count in hits.items():
            position = self.category_index.get(slug)
            if position is not None:
                category_logits[position] += self.model.keyword_weight * min(count, 2)
        category_probs = softmax(category_logits)
        ranked = sorted(range(len(categories)), key=category_probs.__getitem__, reverse=True)[:3]
        top_categories = [[categories[i], round(category_probs[i], 4)] for i in ranked]

        intent = _rule_intent(normalized)
        if intent is None:
            intent_probs = softmax(logits[len(categories) :])
            labels = self.model.intent.labels
            request_probability = intent_probs[labels.index(REQUEST)]
            if request_probability >= 0.5:
                intent = REQUEST
            else:
                intent = max((p, label) for p, label in zip(intent_probs, labels, strict=True) if label != REQUEST)[1]
                states_a_problem = request_probability >= PROBLEM_REQUEST_THRESHOLD and self._states_a_problem(
                    intent, hits, normalized
                )
                asks_for_action = (
                    request_probability >= ASK_REQUEST_THRESHOLD and intent in _ASK_MAKES_A_REQUEST and ASK_CUE in hits
                )
                if states_a_problem or asks_for_action:
                    intent, request_probability = REQUEST, 0.5  # saved, but the bot should know it was unsure
        else:
            request_probability = 0.0
        is_request = intent == REQUEST

        gazetteer = self.reader.gazetteer
        district = gazetteer.district(place.district_code) if place.district_code else None
        tambon = gazetteer.tambon(place.tambon_code) if place.tambon_code else None
        return Analysis(
            is_request=is_request,
            intent=intent,
            district_code=district.code if district else None,
            district_name=district.name_th if district else None,
            tambon_code=tambon.code if tambon else None,
            tambon_name=tambon.name_th if tambon else None,
            category=top_categories[0][0] if is_request else None,
            confidence={
                "is_request": round(max(request_probability, 1 - request_probability), 4),
                "district": place.district_confidence,
                "tambon": place.tambon_confidence,
                "category": top_categories[0][1] if is_request else 0.0,
            },
            alternatives={"districts": list(place.other_districts), "categories": top_categories},
        )
