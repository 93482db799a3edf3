import pytest

from tests.cameos.parental import mutuals


@pytest.fixture
def world(make_user, make_cameo):
    """A 15-year-old with a cameo open to mutuals, a friend they follow both ways, and mom (not linked yet)."""
    teen, friend, mom = make_user("teen_t", age=15), make_user("friend"), make_user("mom", age=45)
    cameo = make_cameo(teen, handle="teen_cam", level="mutuals")
    mutuals(teen, friend)
    return teen, friend, mom, cameo
