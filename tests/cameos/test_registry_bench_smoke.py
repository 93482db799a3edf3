"""bench/bench_registry.py still runs, and measures what it says: tiny sizes, an exact index, no timing asserted."""

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"


def test_registry_bench_finds_every_planted_match_on_an_exact_index(capsys):
    # Given the bench at 2,000 identities (under ANN_MIN_VECTORS, so the index is exact)
    sys.path.insert(0, str(BENCH))
    try:
        import bench_registry
    finally:
        sys.path.remove(str(BENCH))

    # When it runs
    figures = bench_registry.main(["--identities", "2000", "--planted", "100", "--strangers", "20", "--linear", "500"])

    # Then every planted match within 0.55 is found, no decoy just beyond it is, and the linear scan agrees
    assert figures["approximate"] is False
    assert figures["recall"] == 1.0
    assert figures["decoys_returned"] == 0
    assert figures["strangers_returned"] == 0
    printed = capsys.readouterr().out
    assert "same match as the registry" in printed
    assert "MATCHES DIFFER" not in printed
