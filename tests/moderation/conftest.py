import pytest

from tests.moderation.world import make_moderator


@pytest.fixture
def moderator(make_user):
    return make_moderator(make_user)
