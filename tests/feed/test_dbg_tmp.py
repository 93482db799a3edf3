import pytest
from feed.demo_seed import seed_demo
from feed.models import Post
pytestmark = pytest.mark.django_db

def test_dbg(make_user, client_for, settings):
    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0
    r = seed_demo(users=40, posts=200, likes=800, comments=50, days=2, texts=96, teen_share=0, seed=3)
    base = r.first_post_id
    v = make_user("viewer")
    from feed.feeds import for_you_candidates
    from django.utils import timezone
    c = for_you_candidates(v, now=timezone.now(), personalized=True)
    print("DBG", len(c), sorted((x.post_id - base) for x in c)[:30])
    body = client_for(v).get("/api/v1/feed/", {"page_size": 20}).json()
    print("DBG", [(i["post"]["id"] - base, i["reason"]) for i in body["results"]])
