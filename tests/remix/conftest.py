from tests.feed.conftest import follow, make_draft, publish  # noqa: F401 - shared fixtures
