import pytest

from tests.moderation.world import make_moderator


@pytest.fixture
def moderator(make_user):
    return make_moderator(make_user)


@pytest.fixture
def second_moderator(make_user):
    """Another moderator: an appeal is answered by someone other than the moderator who took the decision."""
    return make_moderator(make_user, handle="mod2")


@pytest.fixture
def operator(make_user):
    """A superuser: a moderator's own account (their ban, their suspension) is for an operator to act on."""
    return make_user("operator", is_staff=True, is_superuser=True)
