"""`manage.py train_restriction_classifier`: retrain the restriction categories' classifier from
cameos/restriction_categories.toml and save it beside it (commit the .npz with the data)."""

import time

from django.core.management.base import BaseCommand

from cameos.restriction_classifier import WEIGHTS_FILE, train_classifier


class Command(BaseCommand):
    help = "Train the restriction categories' classifier from restriction_categories.toml and save its weights."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        classifier = train_classifier()
        classifier.save(WEIGHTS_FILE)
        self.stdout.write(f"trained {len(classifier.keys)} categories in {time.perf_counter() - started:.1f} s")
        for key, threshold in zip(classifier.keys, classifier.thresholds, strict=True):
            self.stdout.write(f"  {key:<12} threshold {threshold:.3f}")
        self.stdout.write(f"saved {WEIGHTS_FILE}")
