"""Owner restrictions: what one check of a text costs, the way a request makes it (one thread, nothing cached).

Every text is new to the embedding cache, as a fresh prompt is. The texts are the categories' own training
examples and near misses, each read against its category's restriction ("no drugs"): the whole check
(find_restriction_conflicts) and, apart, the classifier's scoring of the clauses it reads.

Run: .venv/bin/python bench/bench_restrictions.py [--texts 600]
"""

import argparse
import random
import time

from django_env import percentile, setup


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=600)
    args = parser.parse_args()
    setup(postgres=False)

    from cameos.restriction_classifier import category_classifier, restriction_categories
    from cameos.restrictions import clauses_read_for_meaning, find_restriction_conflicts
    from sora_social import text_embedding

    started = time.perf_counter()
    classifier = category_classifier()
    text_embedding.warm_up()
    print(
        f"classifier and sentence model loaded in {time.perf_counter() - started:.1f} s "
        f"({len(classifier.vectors)} support vectors, {len(classifier.keys)} categories)"
    )

    categories = restriction_categories()
    pairs = [
        (f"no {key}", text)
        for key, category in categories.items()
        for text in (*category.examples, *category.near_misses)
    ]
    random.Random(7).shuffle(pairs)
    pairs = pairs[: args.texts]

    checks, scorings, clause_counts = [], [], []
    for restriction, text in pairs:
        began = time.perf_counter()
        find_restriction_conflicts([restriction], text)
        checks.append((time.perf_counter() - began) * 1000)
        # The same clauses again, now cached: the scoring alone.
        vectors = text_embedding.embed_texts(clauses_read_for_meaning(text))
        clause_counts.append(len(vectors))
        began = time.perf_counter()
        classifier.scores(vectors)
        scorings.append((time.perf_counter() - began) * 1000)

    print(
        f"find_restriction_conflicts over {len(checks)} new texts (mean {sum(clause_counts) / len(clause_counts):.1f} "
        f"clauses each): p50 {percentile(checks, 0.5):.1f} ms, p95 {percentile(checks, 0.95):.1f} ms, "
        f"max {max(checks):.1f} ms"
    )
    print(
        f"  of which scoring the clauses: p50 {percentile(scorings, 0.5):.2f} ms, "
        f"p95 {percentile(scorings, 0.95):.2f} ms"
    )


if __name__ == "__main__":
    main()
