"""A realistic demo corpus, inserted in bulk: people, a long-tailed follow graph, posts on a handful of topics
(with real MiniLM embeddings), likes concentrated on popular posts, and some comments.

PostgreSQL gets COPY (about a minute for 10k people, 200k posts and 1M likes); other databases get batched
bulk_create. Rows get explicit ids, so related rows can be written without reading anything back.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.utils import timezone

from feed.demo_corpus import corpus_texts
from feed.models import Comment, Like, Post
from feed.steering import post_embedding_text
from generation.models import GenerationJob
from sora_social.accounts.models import Follow, Profile, User
from sora_social.text_embedding import embed_texts

DEMO_HANDLE_PREFIX = "demo"
PLACEHOLDER_VIDEO = "videos/demo-placeholder.mp4"
PLACEHOLDER_POSTER = "posters/demo-placeholder.jpg"
COMMENTS = ["love this", "how did you make it?", "again!", "this is amazing", "haha", "need more of these", "wow"]


@dataclass
class SeedReport:
    users: int
    follows: int
    posts: int
    likes: int
    comments: int
    texts_embedded: int
    first_user_id: int
    first_post_id: int


def _next_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1


def _columns(model: type[models.Model], fields: Sequence[str]) -> list[str]:
    return [model._meta.get_field(name).column for name in fields]


def _missing_field_defaults(model: type[models.Model], fields: Sequence[str]) -> tuple[list[str], tuple]:
    """Concrete fields not given (added to a model after this was written), with their defaults, so a new
    column with a default does not break seeding."""
    now = timezone.now()
    names, values = [], []
    for model_field in model._meta.concrete_fields:
        # A generated column (a handle's skeleton) is the database's to fill.
        if model_field.attname in fields or model_field.generated:
            continue
        if isinstance(model_field, models.DateTimeField) and (model_field.auto_now or model_field.auto_now_add):
            value = now
        else:
            value = model_field.get_default()
        if isinstance(model_field, models.JSONField) and connection.vendor == "postgresql":
            value = json.dumps(value)
        names.append(model_field.attname)
        values.append(value)
    return names, tuple(values)


def bulk_insert(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence],
    *,
    total: int,
    progress: Callable[[int], None] = lambda n: None,
) -> int:
    """Insert rows (values in `fields` order, ids included): COPY on PostgreSQL, bulk_create elsewhere."""
    extra_names, extra_values = _missing_field_defaults(model, fields)
    fields = [*fields, *extra_names]
    if connection.vendor == "postgresql":
        count = 0
        table = connection.ops.quote_name(model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(c) for c in _columns(model, fields))
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row((*row, *extra_values))
                count += 1
                if count % 10_000 == 0:
                    progress(10_000)
        progress(count % 10_000)
    else:
        with _stored_times_kept(model):
            count = _bulk_create(model, fields, extra_values, rows, progress)
    return count


@contextlib.contextmanager
def _stored_times_kept(model: type[models.Model]):
    """bulk_create stamps auto_now(_add) fields with the current time; seeded rows carry their own times."""
    stamped = [f for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add)]
    saved = [(f, f.auto_now, f.auto_now_add) for f in stamped]
    try:
        for model_field in stamped:
            model_field.auto_now = model_field.auto_now_add = False
        yield
    finally:
        for model_field, auto_now, auto_now_add in saved:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


def _bulk_create(model, fields: Sequence[str], extra_values: tuple, rows: Iterable[Sequence], progress) -> int:
    count = 0
    batch: list[models.Model] = []
    for row in rows:
        batch.append(model(**dict(zip(fields, (*row, *extra_values), strict=True))))
        if len(batch) == 2000:
            model.objects.bulk_create(batch)
            count += len(batch)
            progress(len(batch))
            batch = []
    if batch:
        model.objects.bulk_create(batch)
        count += len(batch)
        progress(len(batch))
    return count


def _reset_sequences(*models_: type[models.Model]) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models_:
            table = model._meta.db_table
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT COALESCE(MAX(id), 1) FROM " + connection.ops.quote_name(table) + "))",  # noqa: S608 - our own table name
                [table],
            )


def _zipf_weights(count: int, exponent: float, offset: float = 1.0) -> np.ndarray:
    weights = 1.0 / np.power(np.arange(count) + offset, exponent)
    return weights / weights.sum()


def _placeholder_media() -> None:
    if not default_storage.exists(PLACEHOLDER_VIDEO):
        default_storage.save(PLACEHOLDER_VIDEO, ContentFile(b"\x00\x00\x00\x18ftypmp42demo placeholder"))
    if not default_storage.exists(PLACEHOLDER_POSTER):
        default_storage.save(PLACEHOLDER_POSTER, ContentFile(b"\xff\xd8\xff\xe0demo placeholder"))


def seed_demo(
    *,
    users: int,
    posts: int,
    likes: int | None = None,
    follows_per_user: float = 30.0,
    comments: int | None = None,
    days: float = 30.0,
    texts: int = 2000,
    embed: bool = True,
    teen_share: float = 0.05,
    seed: int = 1,
    progress_factory: Callable[[str, int], Callable[[int], None]] | None = None,
) -> SeedReport:
    """Insert a demo corpus next to whatever is there (handles demo<n> continue after existing ones)."""
    rng = np.random.default_rng(seed)
    likes = posts * 5 if likes is None else likes
    comments = posts // 5 if comments is None else comments
    bar = progress_factory or (lambda label, total: lambda n: None)
    now = timezone.now()
    _placeholder_media()

    with transaction.atomic():
        first_user = _next_id(User)
        handle_base = User.objects.filter(handle__startswith=DEMO_HANDLE_PREFIX).count()
        user_ids = np.arange(first_user, first_user + users)
        today = timezone.localdate()
        ages = np.where(rng.random(users) < teen_share, rng.integers(13, 18, users), rng.integers(18, 60, users))
        joined = now - datetime.timedelta(days=days * 2)

        def user_rows():
            for index, user_id in enumerate(user_ids):
                handle = f"{DEMO_HANDLE_PREFIX}{handle_base + index}"
                birth = datetime.date(today.year - int(ages[index]) - 1, 6, 15)
                yield (int(user_id), "!", None, False, handle, f"{handle}@demo.invalid", birth, True, False, None, None, joined, now)

        bulk_insert(
            User,
            ["id", "password", "last_login", "is_superuser", "handle", "email", "birth_date", "is_active", "is_staff",
             "suspended_until", "banned_at", "date_joined", "updated_at"],
            user_rows(),
            total=users,
            progress=bar("people", users),
        )
        first_profile = _next_id(Profile)
        bulk_insert(
            Profile,
            ["id", "user_id", "display_name", "bio", "avatar", "created_at", "updated_at"],
            (
                (first_profile + i, int(user_id), f"Demo {handle_base + i}", "", "", joined, now)
                for i, user_id in enumerate(user_ids)
            ),
            total=users,
            progress=bar("profiles", users),
        )

        # The follow graph: how many each person follows is log-normal; whom is Zipf-distributed over a
        # random popularity order, so a few people have thousands of followers and most have a handful.
        popularity = rng.permutation(users)
        followee_weights = _zipf_weights(users, 1.0, offset=3.0)
        counts = np.minimum(
            np.maximum(1, rng.lognormal(math.log(max(follows_per_user, 1.0)) - 0.5, 1.0, users).astype(int)),
            max(1, users - 1),
        )
        followers = np.repeat(np.arange(users), counts)
        followees = popularity[rng.choice(users, size=len(followers), p=followee_weights)]
        keep = followers != followees
        pairs = np.unique(followers[keep].astype(np.int64) * users + followees[keep])
        first_follow = _next_id(Follow)
        follow_rows = (
            (first_follow + i, int(user_ids[pair // users]), int(user_ids[pair % users]), now)
            for i, pair in enumerate(pairs)
        )
        follow_count = bulk_insert(
            Follow,
            ["id", "follower_id", "followee_id", "created_at"],
            follow_rows,
            total=len(pairs),
            progress=bar("follows", len(pairs)),
        )

        # Posts: creators are heavy-tailed too; times lean recent (more posts yesterday than last month).
        pool = corpus_texts(min(texts, max(posts, 1)), seed=seed)
        pool_texts = [post_embedding_text(prompt=p, caption=c) for _, p, c in pool]
        vectors = None
        if embed and pool:
            advance = bar("texts embedded", len(pool))
            chunks = []
            for start in range(0, len(pool_texts), 200):
                chunks.append(embed_texts(pool_texts[start : start + 200]))
                advance(len(chunks[-1]))
            vectors = np.concatenate(chunks)
        authors = popularity[rng.choice(users, size=posts, p=_zipf_weights(users, 0.8, offset=10.0))]
        ages_s = np.sort(rng.power(0.8, posts) * days * 86400.0)[::-1]  # oldest first, a little denser near now
        text_index = rng.integers(0, len(pool), posts) if pool else np.zeros(posts, dtype=int)
        visibility = rng.choice(["public", "followers", "private"], size=posts, p=[0.9, 0.07, 0.03])

        # Likes: posts by Zipf popularity over a random order, people uniformly; unique pairs.
        post_popularity = rng.permutation(posts)
        raw = int(likes * 1.15) + 10
        like_posts = post_popularity[rng.choice(posts, size=raw, p=_zipf_weights(posts, 0.9, offset=5.0))]
        like_users = rng.integers(0, users, raw)
        like_pairs = np.unique(like_posts.astype(np.int64) * users + like_users)
        if len(like_pairs) > likes:
            like_pairs = rng.choice(like_pairs, size=likes, replace=False)
        like_counts = np.bincount((like_pairs // users).astype(np.int64), minlength=posts)
        comment_posts = post_popularity[rng.choice(posts, size=comments, p=_zipf_weights(posts, 0.9, offset=5.0))]
        comment_counts = np.bincount(comment_posts, minlength=posts)

        first_job, first_post = _next_id(GenerationJob), _next_id(Post)
        created = [now - datetime.timedelta(seconds=float(age)) for age in ages_s]

        def job_rows():
            for i in range(posts):
                topic, prompt, caption = pool[text_index[i]]
                yield (
                    first_job + i, int(user_ids[authors[i]]), prompt, 5, "720p", "16:9", "realistic", i,
                    None, "succeeded", "", 1.0, 1, "{}", PLACEHOLDER_VIDEO, PLACEHOLDER_POSTER, "", "",
                    f"demo-{first_job + i}", "", 1024, "{}", created[i], created[i], created[i], created[i], "{}",
                )

        bulk_insert(
            GenerationJob,
            ["id", "owner_id", "prompt", "duration_s", "resolution", "aspect_ratio", "style", "seed", "parent_job_id",
             "state", "state_reason", "progress", "attempts", "consent_pins", "video", "poster", "video_sha256",
             "content_sha256", "public_ref", "manifest_label", "size_bytes", "render_metrics", "created_at",
             "updated_at", "started_at", "finished_at", "state_times"],
            _json_cells(job_rows(), GenerationJob),
            total=posts,
            progress=bar("drafts", posts),
        )

        def post_rows():
            for i in range(posts):
                _, _, caption = pool[text_index[i]]
                blob = vectors[text_index[i]].tobytes() if vectors is not None else None
                yield (
                    first_post + i, int(user_ids[authors[i]]), first_job + i, caption, str(visibility[i]), True, None,
                    None, None, blob, int(like_counts[i]), int(comment_counts[i]), int(comment_counts[i]), 0, 0,
                    created[i], created[i],
                )

        bulk_insert(
            Post,
            ["id", "author_id", "job_id", "caption", "visibility", "allow_remix", "parent_id", "taken_down_at",
             "deleted_at", "embedding", "like_count", "comment_count", "commenter_count", "view_count", "remix_count",
             "created_at", "updated_at"],
            post_rows(),
            total=posts,
            progress=bar("posts", posts),
        )
        first_like = _next_id(Like)
        like_count = bulk_insert(
            Like,
            ["id", "user_id", "post_id", "created_at"],
            (
                (first_like + i, int(user_ids[pair % users]), first_post + int(pair // users), now)
                for i, pair in enumerate(like_pairs)
            ),
            total=len(like_pairs),
            progress=bar("likes", len(like_pairs)),
        )
        first_comment = _next_id(Comment)
        commenters = rng.integers(0, users, comments)
        comment_count = bulk_insert(
            Comment,
            ["id", "post_id", "author_id", "body", "client_id", "deleted_at", "created_at"],
            (
                (first_comment + i, first_post + int(post), int(user_ids[commenters[i]]), COMMENTS[i % len(COMMENTS)], "", None, now)
                for i, post in enumerate(comment_posts)
            ),
            total=comments,
            progress=bar("comments", comments),
        )
        _reset_sequences(User, Profile, Follow, GenerationJob, Post, Like, Comment)
    return SeedReport(
        users=users,
        follows=follow_count,
        posts=posts,
        likes=like_count,
        comments=comment_count,
        texts_embedded=len(pool) if vectors is not None else 0,
        first_user_id=first_user,
        first_post_id=first_post,
    )


def _json_cells(rows: Iterable[tuple], model: type[models.Model]) -> Iterable[tuple]:
    """JSON columns as text for COPY, as Python values for bulk_create."""
    if connection.vendor == "postgresql":
        yield from rows
        return
    for row in rows:
        yield tuple({} if cell == "{}" else cell for cell in row)
