"""Whole restrictions as cases for the attack rounds that read them whole (rounds 20 to 23): the full set of
categories a careful reader derives, the topics the owner named, what else a topic may be about, topics that must
not be read, and the banned words when the owner quoted any."""

from __future__ import annotations

import re

import pytest

from cameos.restrictions import find_restriction_conflicts, parse_restriction

# "Keep it PG", "family friendly" and "keep it clean" rule out these (the README says why).
PG = {"sexual", "violence", "drugs", "profanity"}
FIELDS = ("text", "categories", "need", "ok", "junk", "words")


def case(
    text: str,
    categories: set[str],
    *,
    need: tuple[str, ...] = (),
    ok: tuple[str, ...] = (),
    junk: tuple[str, ...] = (),
    words: set[str] | None = None,
    case_id: str,
    through: str = "",
    gap: str = "",
):
    """One restriction: the full set of categories, the topics the owner named (``need``: each is inside some
    topic), what else a topic may be about (``ok``), topics that must not be read (``junk``: exact), and the
    banned words when the owner quoted any. ``through`` says what the parser read when the round was written, for a
    case that got through then; all are fixed. ``gap`` is the reason a case still gets through, as a strict xfail."""
    marks = [pytest.mark.xfail(strict=True, reason=f"GOT THROUGH: {gap}")] if gap else []
    return pytest.param(text, categories, need, ok, junk, words, id=case_id, marks=marks)


def check(
    text: str,
    categories: set[str],
    need: tuple[str, ...],
    ok: tuple[str, ...],
    junk: tuple[str, ...],
    words: set[str] | None,
) -> None:
    parsed = parse_restriction(text)
    assert set(parsed.categories) == categories, parsed
    for named in need:
        assert any(named in topic for topic in parsed.topics), (named, parsed)
    for topic in parsed.topics:
        assert any(allowed in topic for allowed in (*need, *ok)), (topic, parsed)
        assert topic not in junk, (topic, parsed)
    if words is not None:
        assert set(parsed.words) == words, parsed


# --- End to end (rounds 33 and 35): what a restriction refuses ---------------------------------------------------


def slug(text: str, words: int) -> str:
    """A text's first words as a case id's part, without the cameo's handle."""
    return "-".join(re.findall(r"[a-z0-9]+", text.casefold().replace("@ann", ""))[:words])


def refusal_case(
    restriction: str, text: str, expected: bool, case_id: str, gaps: dict[str, str], reasons: dict[str, str]
):
    """One text under one restriction, marked strict xfail with its reason when it is a known gap."""
    gap = gaps.get(case_id)
    marks = [pytest.mark.xfail(strict=True, reason=reasons[gap])] if gap else []
    return pytest.param(restriction, text, expected, id=case_id, marks=marks)


def refusal(restriction: str, prompt: str, expected: bool, case_id: str, *, gap: str = "", through: str = ""):
    """One prompt under one restriction, as an end-to-end case: ``gap`` marks a strict xfail with what gets through,
    ``through`` says what a fixed case read when its round was written."""
    marks = [pytest.mark.xfail(strict=True, reason=f"GOT THROUGH: {gap}")] if gap else []
    return pytest.param(restriction, prompt, expected, id=case_id, marks=marks)


def assert_refused(restriction: str, text: str, expected: bool) -> None:
    conflicts = find_restriction_conflicts([restriction], text)
    assert bool(conflicts) == expected, (
        f"{restriction!r} on {text!r}: expected {'refused' if expected else 'allowed'}, got {conflicts}"
    )


def assert_cases_well_formed(params: list, gaps: dict[str, str], reasons: dict[str, str]) -> None:
    """An end-to-end round's cases: distinct ids, each text about the cameo (@ann), and every known gap one of its
    cases, with a reason."""
    ids = [param.id for param in params]
    assert len(ids) == len(set(ids))
    assert all("@ann" in param.values[1] for param in params)
    assert set(gaps) <= set(ids)
    assert set(gaps.values()) <= set(reasons)
