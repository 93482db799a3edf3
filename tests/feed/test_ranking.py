"""For You scores: people you know, freshness, engagement and steering, as documented in feed.ranking."""

import datetime
import itertools
import math
import random
from collections import Counter

import numpy as np

from feed.ranking import (
    ENGAGEMENT_SCALE,
    ENGAGEMENT_WEIGHT,
    FRESHNESS_HALF_LIFE_H,
    SOURCE_WEIGHT,
    STEER_FLOOR,
    STEER_LESS_WEIGHT,
    STEER_MORE_WEIGHT,
    Candidates,
    Ranked,
    diverse_pages,
    rank_personalized,
    rank_recent,
)

NOW = datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC)


def test_a_score_is_knowing_the_author_plus_freshness_engagement_and_steering():
    post = Candidates.of([(7, 70, NOW - datetime.timedelta(hours=FRESHNESS_HALF_LIFE_H), 40, 3, 1, "circle")])

    ranked = rank_personalized(post, now=NOW, more=np.array([0.3]), less=np.array([0.15]))

    engagement = ENGAGEMENT_WEIGHT * min(1.5, math.log1p(40 + 2 * 3 + 3 * 1) / ENGAGEMENT_SCALE)
    steering = STEER_MORE_WEIGHT * (0.3 - STEER_FLOOR) - STEER_LESS_WEIGHT * (0.15 - STEER_FLOOR)
    (score,) = ranked.scores
    assert math.isclose(score, SOURCE_WEIGHT["circle"] + 0.5 + engagement + steering, rel_tol=1e-12)
    assert (ranked.post_ids, ranked.reasons) == ([7], ["steering"])


def test_equal_scores_put_the_newer_post_first_and_unsteered_posts_are_not_moved():
    made = NOW - datetime.timedelta(hours=2)
    posts = Candidates.of([(1, 1, made, 0, 0, 0, "global"), (2, 2, made, 0, 0, 0, "global"), (3, 3, made, 0, 0, 0, "follow")])

    # Post 1 has no embedding (NaN); the others have no "less" clause to match.
    ranked = rank_personalized(posts, now=NOW, more=np.array([np.nan, 0.0, 0.0]))

    assert ranked.post_ids == [3, 2, 1]
    assert ranked.reasons == ["follow", "fresh", "fresh"]
    assert ranked.scores[1] == ranked.scores[2]


def test_a_post_liked_enough_is_shown_as_popular_and_a_circle_post_for_the_circle():
    made = NOW - datetime.timedelta(hours=30)
    posts = Candidates.of([(1, 1, made, 400, 0, 0, "global"), (2, 2, made, 0, 0, 0, "circle")])

    ranked = rank_personalized(posts, now=NOW)

    assert dict(zip(ranked.post_ids, ranked.reasons, strict=True)) == {1: "popular", 2: "circle"}


def test_asking_for_less_of_something_sinks_posts_like_it():
    made = NOW - datetime.timedelta(hours=1)
    posts = Candidates.of([(1, 1, made, 0, 0, 0, "follow"), (2, 2, made, 0, 0, 0, "circle")])

    assert rank_personalized(posts, now=NOW).post_ids == [1, 2]
    assert rank_personalized(posts, now=NOW, less=np.array([0.4, 0.0])).post_ids == [2, 1]


def test_without_personalization_the_newest_post_comes_first_whoever_wrote_it():
    posts = Candidates.of(
        [
            (1, 1, NOW - datetime.timedelta(hours=3), 900, 0, 0, "follow"),
            (2, 2, NOW - datetime.timedelta(hours=1), 0, 0, 0, "global"),
            (3, 3, NOW - datetime.timedelta(hours=1), 0, 0, 0, "follow"),
        ]
    )

    ranked = rank_recent(posts)

    assert (ranked.post_ids, ranked.reasons) == ([3, 2, 1], ["follow", "recent", "follow"])


def test_no_candidates_rank_into_no_pages():
    empty = Candidates.of([])

    assert diverse_pages(rank_personalized(empty, now=NOW), page_size=20) == []
    assert diverse_pages(rank_recent(empty), page_size=20) == []


def test_pages_never_show_an_author_twice_in_a_row_nor_more_than_three_times():
    made = NOW - datetime.timedelta(hours=1)
    # Author 1 wrote the six best posts; five others one post each (equal scores: the newer post first).
    posts = Candidates.of(
        [(post_id, 1, made, 100 - post_id, 0, 0, "follow") for post_id in range(1, 7)]
        + [(post_id, post_id, made, 0, 0, 0, "global") for post_id in range(7, 12)]
    )

    pages = diverse_pages(rank_personalized(posts, now=NOW), page_size=8)

    # Author 1 alternates with the others until their third post; the next page opens with their fourth, and
    # their fifth could only follow it, so the feed ends there.
    assert [[post_id for post_id, _ in page] for page in pages] == [[1, 11, 2, 10, 3, 9, 8, 7], [4]]


def test_on_any_ranking_the_diversity_rule_holds_and_only_an_unplaceable_tail_is_left_out():
    rng = random.Random(7)
    for _ in range(300):
        authors = [rng.randint(1, rng.randint(1, 6)) for _ in range(rng.randint(0, 50))]
        ranked = Ranked(list(range(len(authors))), authors, [0.0] * len(authors), ["fresh"] * len(authors))

        pages = diverse_pages(ranked, page_size=5)

        shown = [post_id for page in pages for post_id, _ in page]
        assert len(shown) == len(set(shown))
        assert all(authors[a] != authors[b] for a, b in itertools.pairwise(shown))
        assert all(Counter(authors[post_id] for post_id, _ in page).most_common(1)[0][1] <= 3 for page in pages)
        # What is left out is what could never be placed: posts of one author, who was shown last.
        left_out = {authors[post_id] for post_id in set(range(len(authors))) - set(shown)}
        assert left_out <= {authors[shown[-1]]} if shown else not authors
