"""Which points of a case's reference analysis a cadre's own answer covers.

Offline, in Chinese and English, with no model: each text is cut into terms, and a point is
scored by how much of its weight the answer holds (weighted recall).

- Chinese: words by jieba (its dictionary ships with it and is loaded once per process, the
  first time a Chinese text is cut), and the character bigrams of every run of Chinese
  characters, since whole words miss "实名" in "实名制" and jieba cuts a phrase differently in
  different sentences. Function words and punctuation are dropped.
- English: words lowercased, stop words dropped, each reduced to its Snowball stem
  ("reducing", "reduced", "reduction" → "reduc").

A term's weight is its rarity among the case's points (inverse document frequency): the case's
subject, named in every point, says little about which point an answer makes; a word only one
point uses says a lot. A point's score is the share of its terms' weight that the answer holds.
The trainer's key phrases for a point (synonyms, other wordings) are scored the same way, each
on its own, and the best counts. The thresholds were set on the labelled answers in
`benchmarks/coverage/data` (`python -m benchmarks.coverage` prints what they give).

Nothing here knows a case: the points come from the course (`ReferencePoint`).
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

# What a point's own text must score, per language, for the point to be covered, or one of its
# key phrases; partly covered from PARTLY of either. Chosen on the labelled answers, with the
# phrases a trainer wrote from the case alone (`python -m benchmarks.coverage --tune`): the best
# F1 of "covered" against the hand labels in each language.
COVERED_FROM = {"zh": 0.24, "en": 0.19}
PHRASE_FROM = {"zh": 0.5, "en": 0.7}
PARTLY = 0.6
# How much of a Chinese score comes from jieba's whole words, the rest from character bigrams.
# On the labelled answers words added nothing (F1 0.80 without them, 0.77 at a fifth): a
# paraphrase shares characters more often than words. Words still name what matched.
WORD_SHARE = 0.0
# At most this much of an answer is read: beyond it a text is not an answer, and the cost of
# matching must stay bounded (quizzes.forms.ANSWER_MAX is 20,000 as well).
MAX_CHARS = 20_000

COVERED, PARTLY_COVERED, MISSING = "covered", "partly", "missing"

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d+(?:\.\d+)?")


def _stop_words(language: str) -> frozenset[str]:
    """Function words that carry no point of their own, kept as data (`stopwords/<language>.txt`,
    a word a line, # for comments)."""
    path = Path(__file__).parent / "stopwords" / f"{language}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


ZH_STOP = _stop_words("zh")
EN_STOP = _stop_words("en")


@dataclass(frozen=True)
class Point:
    """A reference point: its key ("p3a"), its part, its text and the trainer's key phrases."""

    key: str
    part: int
    text: str
    phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Term:
    text: str
    start: int
    end: int
    bigram: bool = False


@dataclass
class PointMatch:
    point: Point
    score: float
    mark: str
    matched: list[str] = field(default_factory=list)  # the answer's words that matched, in order
    phrase_score: float = 0.0  # the best of the point's key phrases


@dataclass
class Coverage:
    language: str
    matches: list[PointMatch]
    # (start, end) of the answer's characters that matched a covered or partly covered point.
    spans: list[tuple[int, int]]

    def count(self, mark: str) -> int:
        return sum(m.mark == mark for m in self.matches)

    @property
    def covered(self) -> int:
        return self.count(COVERED)

    @property
    def partly(self) -> int:
        return self.count(PARTLY_COVERED)

    @property
    def share(self) -> float:
        """Covered points, a partly covered one counting half, over all points: 0 to 1."""
        if not self.matches:
            return 0.0
        return (self.count(COVERED) + 0.5 * self.count(PARTLY_COVERED)) / len(self.matches)

    def by_key(self) -> dict[str, PointMatch]:
        return {m.point.key: m for m in self.matches}


def language_of(text: str) -> str:
    """ "zh" when a text is mostly Chinese characters, else "en": the language follows the
    text, whatever the interface's."""
    cjk = sum(len(run) for run in _CJK_RUN.findall(text))
    latin = sum(len(w) for w in _LATIN_WORD.findall(text)) / 4  # a word is a few letters
    return "zh" if cjk >= latin and cjk else "en"


# --- Cutting texts into terms ------------------------------------------------------------------

_jieba_lock = threading.Lock()
_tokenizer = None


def _jieba():
    """jieba's tokenizer, its dictionary loaded once per process (about a second, 50 MB) under
    a lock, so two threads of one worker do not both load it."""
    global _tokenizer
    if _tokenizer is None:
        with _jieba_lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _tokenizer = tokenizer
    return _tokenizer


def jieba_loaded() -> bool:
    return _tokenizer is not None


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def _normal(text: str) -> str:
    """Fullwidth letters and digits as ASCII, one case, character by character: a character
    whose folded form is not one character ("İ" lowers to two) stays as it is, so the text
    keeps its length and every span found in it is a span of the answer."""
    return "".join(_fold(c) for c in text)


@lru_cache(maxsize=4096)
def _fold(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char)
    folded = folded if len(folded) == 1 else char
    lowered = folded.lower()
    return lowered if len(lowered) == 1 else folded


def terms(text: str, language: str | None = None) -> list[Term]:
    """The terms of a text with where each stands in it, stop words left out."""
    text = _normal(text[:MAX_CHARS])
    language = language or language_of(text)
    if language == "zh":
        return _terms_zh(text)
    return _terms_en(text)


def _terms_zh(text: str) -> list[Term]:
    out = []
    # No HMM guessing of unknown words: the dictionary's words are enough to name what matched,
    # and the scores come from bigrams (WORD_SHARE); the HMM pass was most of a long answer's cost.
    for word, start, end in _jieba().tokenize(text, HMM=False):
        word = word.strip()
        if not word or word in ZH_STOP or not _meaningful(word):
            continue
        out.append(Term(word, start, end))
    for run in _CJK_RUN.finditer(text):
        chars = run.group()
        for i in range(len(chars) - 1):
            pair = chars[i : i + 2]
            if pair[0] in ZH_STOP and pair[1] in ZH_STOP:
                continue
            out.append(Term(pair, run.start() + i, run.start() + i + 2, bigram=True))
    # English words in a Chinese text (APP, GPS) count as words.
    return out + [t for t in _terms_en(text) if not _CJK_RUN.search(t.text)]


def _meaningful(word: str) -> bool:
    """A word with at least one letter or Chinese character (not punctuation or a number)."""
    return bool(_CJK_RUN.search(word)) or any(c.isalpha() for c in word)


def _terms_en(text: str) -> list[Term]:
    stem = _stemmer().stemWord
    out = []
    for match in _LATIN_WORD.finditer(text):
        word = match.group().strip("'-")
        if not word or word in EN_STOP or word.isdigit():
            continue
        out.append(Term(stem(word), match.start(), match.end()))
    return out


# --- Scoring ------------------------------------------------------------------------------------


class Matcher:
    """The points of one case, cut and weighted once; `coverage(answer)` scores an answer
    against them. Build it once per case and page, not once per answer."""

    def __init__(self, points: Sequence[Point], language: str | None = None):
        self.points = list(points)
        # A course's language code ("zh-hans", "en"); the points' text decides otherwise.
        language = (language or "").lower()[:2]
        self.language = (
            language
            if language in COVERED_FROM
            else language_of(" ".join(p.text for p in self.points))
        )
        self._alternatives = [
            [self._cut(text) for text in (point.text, *point.phrases) if text.strip()]
            for point in self.points
        ]
        # Rarity over the points: each point (with its phrases) is one document.
        documents = [
            set().union(*(words | bigrams for words, bigrams in alternatives))
            for alternatives in self._alternatives
        ]
        n = len(documents) or 1
        df: dict[str, int] = {}
        for document in documents:
            for term in document:
                df[term] = df.get(term, 0) + 1
        # n / df, not its logarithm: on the labelled answers the sharper weight told points
        # apart better (F1 0.63 / 0.72 against 0.61 / 0.70 for log(1 + n / df)).
        self._weight = {term: n / count for term, count in df.items()}

    def _cut(self, text: str) -> tuple[set[str], set[str]]:
        cut = terms(text, self.language)
        return {t.text for t in cut if not t.bigram}, {t.text for t in cut if t.bigram}

    def _recall(self, wanted: set[str], have: set[str]) -> float:
        total = sum(self._weight.get(t, 1.0) for t in wanted)
        if not total:
            return 0.0
        return sum(self._weight.get(t, 1.0) for t in wanted & have) / total

    def _score(self, alternative: tuple[set[str], set[str]], words, bigrams) -> float:
        wanted_words, wanted_bigrams = alternative
        if self.language != "zh" or not wanted_bigrams:
            return self._recall(wanted_words, words)
        return WORD_SHARE * self._recall(wanted_words, words) + (1 - WORD_SHARE) * self._recall(
            wanted_bigrams, bigrams
        )

    def coverage(self, answer: str) -> Coverage:
        cut = terms(answer, self.language)
        words = {t.text for t in cut if not t.bigram}
        bigrams = {t.text for t in cut if t.bigram}
        matches, hit = [], set()
        covered_from, phrase_from = COVERED_FROM[self.language], PHRASE_FROM[self.language]
        for point, alternatives in zip(self.points, self._alternatives, strict=True):
            scores = [self._score(a, words, bigrams) for a in alternatives] or [0.0]
            text, phrase = scores[0], max(scores[1:], default=0.0)
            if text >= covered_from or phrase >= phrase_from:
                mark = COVERED
            elif text >= covered_from * PARTLY or phrase >= phrase_from * PARTLY:
                mark = PARTLY_COVERED
            else:
                mark = MISSING
            # What the answer was measured against: the text, or the phrase that did best.
            best = 0 if text / covered_from >= phrase / phrase_from else scores.index(phrase)
            wanted = alternatives[best][0] | alternatives[best][1] if alternatives else set()
            found = [t for t in cut if t.text in wanted]
            if mark != MISSING:
                hit |= {t.text for t in found}
            # Words to name what matched: a lone Chinese character ("不", "中") names nothing.
            matched = _distinct(
                answer[t.start : t.end]
                for t in found
                if not t.bigram and not (t.end - t.start == 1 and _CJK_RUN.match(t.text))
            )
            if not matched:  # bigrams only: name the runs of them
                matched = _distinct(answer[a:b] for a, b in _merge((t.start, t.end) for t in found))
            matches.append(PointMatch(point, round(text, 3), mark, matched, round(phrase, 3)))
        spans = _merge((t.start, t.end) for t in cut if t.text in hit)
        return Coverage(self.language, matches, spans)


def coverage(answer: str, points: Sequence[Point], language: str | None = None) -> Coverage:
    return Matcher(points, language).coverage(answer)


def _distinct(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
