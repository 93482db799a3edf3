"""For You scores: people you know, freshness, engagement and steering, as documented in feed.ranking."""

import datetime
import math

from feed.ranking import (
    ENGAGEMENT_SCALE,
    ENGAGEMENT_WEIGHT,
    FRESHNESS_HALF_LIFE_H,
    SOURCE_WEIGHT,
    STEER_FLOOR,
    STEER_LESS_WEIGHT,
    STEER_MORE_WEIGHT,
    Candidate,
    rank_personalized,
)

NOW = datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC)


def test_a_score_is_knowing_the_author_plus_freshness_engagement_and_steering():
    post = Candidate(7, 70, NOW - datetime.timedelta(hours=FRESHNESS_HALF_LIFE_H), 40, 3, 1, "circle")

    (ranked,) = rank_personalized([post], now=NOW, steering={7: (0.3, 0.15)})

    engagement = ENGAGEMENT_WEIGHT * min(1.5, math.log1p(40 + 2 * 3 + 3 * 1) / ENGAGEMENT_SCALE)
    steering = STEER_MORE_WEIGHT * (0.3 - STEER_FLOOR) - STEER_LESS_WEIGHT * (0.15 - STEER_FLOOR)
    assert math.isclose(ranked.score, SOURCE_WEIGHT["circle"] + 0.5 + engagement + steering, rel_tol=1e-12)
    assert (ranked.reason, ranked.rank) == ("steering", 0)


def test_equal_scores_put_the_newer_post_first_and_unsteered_posts_are_not_moved():
    made = NOW - datetime.timedelta(hours=2)
    older, newer = (Candidate(post_id, post_id, made, 0, 0, 0, "global") for post_id in (1, 2))
    followed = Candidate(3, 3, made, 0, 0, 0, "follow")

    ranked = rank_personalized([older, newer, followed], now=NOW, steering={1: (None, None)})

    assert [item.post_id for item in ranked] == [3, 2, 1]
    assert [item.reason for item in ranked] == ["follow", "fresh", "fresh"]
    assert ranked[1].score == ranked[2].score
