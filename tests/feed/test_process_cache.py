"""The per-process cache For You ranks from: values live between one and two `ttl`s, and a size bound."""

from feed import process_cache
from feed.process_cache import GenerationalCache


def test_a_value_is_found_until_two_generations_have_turned(monkeypatch):
    clock = {"now": 1000.0}
    monkeypatch.setattr(process_cache.time, "monotonic", lambda: clock["now"])
    cache = GenerationalCache(size=100, ttl=30)
    cache.put_many({1: "one", 2: None})

    clock["now"] += 29
    assert cache.get_many([1, 2, 3]) == {1: "one", 2: None}  # None is a value (a post known to be gone)
    clock["now"] += 2  # one turn: still found, in the previous generation
    assert cache.get_many([1]) == {1: "one"}
    cache.put_many({4: "four"})
    clock["now"] += 31  # a second turn: gone, the newer value stays one more turn
    assert cache.get_many([1, 2, 4]) == {4: "four"}


def test_the_cache_turns_early_when_full_so_it_holds_at_most_twice_its_size():
    cache = GenerationalCache(size=3)
    cache.put_many({1: "a", 2: "b"})
    cache.put_many({3: "c"})  # full: turns
    cache.put_many({4: "d", 5: "e", 6: "f"})  # full again: the first three are dropped
    assert cache.get_many(range(1, 7)) == {4: "d", 5: "e", 6: "f"}
    cache.clear()
    assert cache.get_many([4]) == {}
