"""Steering in plain language, on a real seeded corpus embedded with the local MiniLM model."""

import pytest
from django.utils import timezone

from feed.demo_corpus import corpus_texts
from feed.demo_seed import seed_demo
from feed.models import Post, Steering

pytestmark = pytest.mark.django_db

SEED = 3
TEXTS = 96


def _all_pages(client) -> list[int]:
    body = client.get("/api/v1/feed/", {"kind": "for_you", "page_size": 20}).json()
    ids = [item["post"]["id"] for item in body["items"] if item["type"] == "post"]
    while body["next_cursor"]:
        body = client.get("/api/v1/feed/", {"kind": "for_you", "page_size": 20, "cursor": body["next_cursor"]}).json()
        ids += [item["post"]["id"] for item in body["items"] if item["type"] == "post"]
    return ids


def _mean_position(order: list[int], ids: set[int]) -> float:
    positions = [index for index, post_id in enumerate(order) if post_id in ids]
    return sum(positions) / len(positions)


def test_steering_reorders_for_you_on_a_seeded_corpus(settings, make_user, client_for):
    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0  # only posts in these pages
    # Given: 200 posts on 8 topics from 40 demo people over the last two days, embedded at seeding.
    report = seed_demo(users=40, posts=200, likes=800, comments=50, days=2, texts=TEXTS, teen_share=0, seed=SEED)
    assert report.texts_embedded == TEXTS
    topic_of_prompt = {prompt: topic for topic, prompt, _ in corpus_texts(TEXTS, seed=SEED)}
    topic = {post_id: topic_of_prompt[prompt] for post_id, prompt in Post.objects.values_list("id", "job__prompt")}
    sports = {post_id for post_id, t in topic.items() if t == "sports"}
    anime = {post_id for post_id, t in topic.items() if t == "anime"}
    viewer = make_user("viewer")
    client = client_for(viewer)
    unsteered = _all_pages(client)
    first_page_sports_before = len(sports & set(unsteered[:20]))

    # When the viewer asks for creative sports and less anime
    response = client.put(
        "/api/v1/feed/steering/", {"text": "show me creative sports videos, less anime"}, format="json"
    )
    steered = _all_pages(client)

    # Then sports fill the top of the feed, anime sinks, and the reason says so.
    assert response.status_code == 200
    assert response.json()["more"] == "creative sports" and response.json()["less"] == "anime"
    first_page = client.get("/api/v1/feed/", {"kind": "for_you", "page_size": 20}).json()["items"]
    sports_first = sum(1 for item in first_page if item["post"]["id"] in sports)
    # 27 of the 173 visible posts are about sports; at most 3 a page per author keeps some variety.
    assert sports_first >= 10 and sports_first >= first_page_sports_before + 6
    assert not anime & {item["post"]["id"] for item in first_page}
    assert {item["reason"] for item in first_page if item["post"]["id"] in sports} >= {
        "matches your steering: creative sports"
    }
    assert _mean_position(steered, sports) < _mean_position(unsteered, sports) - 30
    assert _mean_position(steered, anime) > _mean_position(unsteered, anime) + 30
    assert sorted(steered) == sorted(unsteered)  # reordered, nothing dropped or added

    # "Less anime" alone lowers anime without asking for anything else.
    client.put("/api/v1/feed/steering/", {"text": "less anime please"}, format="json")
    less_only = _all_pages(client)
    assert _mean_position(less_only, anime) > _mean_position(unsteered, anime) + 30

    # Clearing steering restores the unsteered ranking.
    assert client.delete("/api/v1/feed/steering/").status_code == 204
    assert not Steering.objects.filter(user=viewer).exists()
    assert _all_pages(client) == unsteered


def test_a_post_is_embedded_once_when_it_is_published(make_user, publish, django_capture_on_commit_callbacks):
    import numpy as np

    from feed.services.background import post_embed
    from sora_social.text_embedding import embed_text

    alice = make_user("alice")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        post = publish(alice, prompt="@alice_cam dunks a basketball", caption="game day")

    stored = np.frombuffer(Post.objects.get(pk=post.pk).embedding, dtype=np.float32)
    assert len(callbacks) >= 1  # the embed task, queued on commit (on the `default` queue)
    assert stored.shape == (384,)
    assert float(stored @ embed_text("someone dunks a basketball. game day")) > 0.99
    assert post_embed(post_id=post.pk) is False  # computed once: a redelivered task changes nothing


def test_a_caption_edit_embeds_the_post_again_from_the_new_caption(make_user, publish, django_capture_on_commit_callbacks):
    import numpy as np

    from feed.services.posts import post_update
    from sora_social.text_embedding import embed_text

    alice = make_user("alice")
    with django_capture_on_commit_callbacks(execute=True):
        post = publish(alice, prompt="a chef plates a dessert", caption="cooking night")
    with django_capture_on_commit_callbacks(execute=True):
        post_update(post_id=post.pk, actor=alice, caption="skateboard tricks at the park")

    stored = np.frombuffer(Post.objects.get(pk=post.pk).embedding, dtype=np.float32)
    assert float(stored @ embed_text("a chef plates a dessert. skateboard tricks at the park")) > 0.99
    assert float(stored @ embed_text("a chef plates a dessert. cooking night")) < 0.99

    # Changing only the audience leaves the embedding as it is.
    before = Post.objects.get(pk=post.pk).embedding
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        post_update(post_id=post.pk, actor=alice, visibility="followers")
    assert Post.objects.get(pk=post.pk).embedding == before
    assert not callbacks


def test_an_embedding_of_a_caption_edited_meanwhile_is_not_stored(make_user, publish, monkeypatch):
    from feed.services import background

    alice = make_user("alice")
    post = publish(alice, prompt="a chef plates a dessert", caption="cooking night")
    Post.objects.filter(pk=post.pk).update(embedding=None)
    real_embed = background.embed_text

    def edited_while_embedding(text):
        Post.objects.filter(pk=post.pk).update(caption="skateboard tricks at the park")
        return real_embed(text)

    monkeypatch.setattr(background, "embed_text", edited_while_embedding)
    assert background.post_embed(post_id=post.pk) is False
    assert Post.objects.get(pk=post.pk).embedding is None  # the edit's own task embeds the new caption


def test_a_post_whose_embed_task_was_lost_is_embedded_by_the_hourly_sweep(make_user, publish, settings):
    from feed.services.background import posts_embed_missing
    from sora_social.celery import app

    alice = make_user("alice")
    post = publish(alice, prompt="a chef plates a dessert", caption="cooking night")
    gone = publish(alice, prompt="a cat naps", caption="sleepy")
    Post.objects.filter(pk__in=[post.pk, gone.pk]).update(embedding=None)
    Post.objects.filter(pk=gone.pk).update(deleted_at=timezone.now())

    assert posts_embed_missing() == 1
    assert Post.objects.get(pk=post.pk).embedding is not None
    assert Post.objects.get(pk=gone.pk).embedding is None  # a deleted post is never embedded again
    assert posts_embed_missing() == 0
    assert any(entry["task"] == "feed.tasks.posts_embed_missing_task" for entry in settings.CELERY_BEAT_SCHEDULE.values())
    assert "feed.tasks.posts_embed_missing_task" in app.tasks
