"""Language identification of article text (ISO 639-1 codes).

py3langid's model, with its scan of the text vectorised. The model is a naive Bayes classifier
over byte n-grams, found by an automaton that py3langid walks one byte at a time in Python (a
millisecond for 2,000 characters). The automaton's state after a byte depends only on the last
few bytes read (at most its deepest key's length), so the text is cut into lanes that each start
that many bytes early, and all lanes advance together, one numpy step per byte of a lane: the
same states, so the same features, counts and scores, hence the same language as
`py3langid.classify`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Enough text for a stable guess; more only costs time.
SAMPLE_CHARS = 2000
MIN_CHARS = 20
# Bytes each lane of the scan reads beyond its run-in: fewer, longer lanes mean more numpy
# steps; more, shorter ones more bytes read twice.
LANE_BYTES = 24
# Bytes a lane reads before its own, to reach the state a whole-text scan has there: at least
# the length of the automaton's longest key (6 bytes in py3langid 0.4's model; a test checks).
RUN_IN_BYTES = 8
# py3langid's score for a class when the text has no feature at all.
NO_FEATURE_SCORE = float(np.finfo(np.float32).min)


@dataclass(frozen=True, slots=True)
class LanguageModel:
    """py3langid's model as arrays: the automaton and the classifier's weights."""

    next_state: np.ndarray  # flat transition table: row_start[state] + byte → next state
    row_start: np.ndarray  # each state's first entry in `next_state`
    feature: np.ndarray  # the feature a state completes, or -1
    weights: np.ndarray  # features × classes (log-probabilities)
    priors: np.ndarray  # classes
    classes: tuple[str, ...]
    # Columns of a language that has two (a script variant): the first keeps the better score.
    aliases: tuple[tuple[int, int], ...]


@cache
def language_model() -> LanguageModel:
    """The model shipped with py3langid, loaded once per process."""
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    classes = tuple(identifier.nb_classes)
    first: dict[str, int] = {}
    aliases = []
    for column, code in enumerate(classes):
        if code in first:
            aliases.append((first[code], column))
        else:
            first[code] = column
    return LanguageModel(
        next_state=np.frombuffer(identifier.tk_nextmove, dtype=np.uint32),
        row_start=np.asarray(identifier.tk_row, dtype=np.int64) << 8,
        feature=np.asarray(identifier.tk_output, dtype=np.int64),
        weights=identifier.nb_ptc,
        priors=identifier.nb_pc,
        classes=classes,
        aliases=tuple(aliases),
    )


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in, or None when too little text."""
    sample = text.strip()[:SAMPLE_CHARS]
    if len(sample) < MIN_CHARS:
        return None
    return classify(sample, language_model())


def classify(text: str, model: LanguageModel) -> str:
    """The most likely language of `text`, as py3langid's `classify` decides it."""
    if text.isupper():
        text = text.lower()
    encoded = unicodedata.normalize("NFC", text).encode("utf-8", "surrogatepass")
    features = model.feature[scan(np.frombuffer(encoded, dtype=np.uint8), model)]
    features = features[features >= 0]
    if len(features):
        # Features in the order first met, as py3langid sums them: the same float32 sums.
        found, first_at, counts = np.unique(features, return_index=True, return_counts=True)
        order = np.argsort(first_at, kind="stable")
        weights = model.weights[found[order].astype(np.intp)]
        scores = np.log1p(counts[order].astype(np.float32)) @ weights + model.priors
    else:
        scores = np.full(len(model.classes), NO_FEATURE_SCORE, dtype=np.float32)
    for kept, merged in model.aliases:
        scores[kept] = max(scores[kept], scores[merged])
        scores[merged] = NO_FEATURE_SCORE
    return model.classes[int(scores.argmax())]


def scan(data: np.ndarray, model: LanguageModel) -> np.ndarray:
    """The automaton's state after each byte of `data`, as a walk from its start reaches it."""
    if not len(data):
        return np.zeros(0, dtype=np.int64)
    lanes = -(-len(data) // LANE_BYTES)
    # positions[step, lane]: the byte lane `lane` reads at `step`, run-in first.
    positions = (
        np.arange(-RUN_IN_BYTES, LANE_BYTES)[:, None] + np.arange(lanes)[None, :] * LANE_BYTES
    )
    data_at = data[np.clip(positions, 0, len(data) - 1)]
    state = np.zeros(lanes, dtype=np.int64)
    states = np.empty((LANE_BYTES, lanes), dtype=np.int64)
    for step in range(RUN_IN_BYTES + LANE_BYTES):
        following = model.next_state[model.row_start[state] + data_at[step]]
        if step < RUN_IN_BYTES:
            # Before the text begins the first lane stays at the start, as a walk does.
            state = np.where(positions[step] >= 0, following, state)
        else:
            state = following.astype(np.int64)
            states[step - RUN_IN_BYTES] = state
    # Lane by lane is text order; the last lane's steps past the end are dropped.
    return states.T.reshape(-1)[: len(data)]
