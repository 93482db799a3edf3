"""`manage.py train_restriction_classifier`: retrain the restriction categories' classifier from
cameos/restriction_categories.toml and save it beside it (commit the .npz with the data).

`--restamp` instead checks whether the edit since the saved weights changed what the machines are fitted on
(restriction_classifier.training_sets_hash): when it did not (a lexicon word that no training negative contains), the
saved machines are exactly what an hour of training would give again, and only their record of the data is renewed.
"""

import dataclasses
import time

from django.core.management.base import BaseCommand, CommandError

from cameos.restriction_classifier import (
    WEIGHTS_FILE,
    CategoryClassifier,
    restriction_categories,
    train_classifier,
    training_data_hash,
    training_sets_hash,
)


class Command(BaseCommand):
    help = "Train the restriction categories' classifier from restriction_categories.toml and save its weights."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--restamp",
            action="store_true",
            help="Renew the saved weights' data hash without training, when the training sets did not change.",
        )

    def handle(self, *args, **options) -> None:
        if options["restamp"]:
            self._restamp()
            return
        started = time.perf_counter()
        classifier = train_classifier()
        classifier.save(WEIGHTS_FILE)
        self.stdout.write(f"trained {len(classifier.keys)} categories in {time.perf_counter() - started:.1f} s")
        for key, threshold in zip(classifier.keys, classifier.thresholds, strict=True):
            self.stdout.write(f"  {key:<12} threshold {threshold:.3f}")
        self.stdout.write(f"saved {WEIGHTS_FILE}")

    def _restamp(self) -> None:
        saved = CategoryClassifier.load(WEIGHTS_FILE)
        data_hash = training_data_hash()
        sets_hash = training_sets_hash()
        if saved.keys != tuple(restriction_categories()):
            raise CommandError("the categories changed since the weights were trained: train them again")
        if saved.data_hash == data_hash and not saved.sets_hash:
            # Weights trained before the training sets' hash was recorded, and current: record it now.
            dataclasses.replace(saved, sets_hash=sets_hash).save(WEIGHTS_FILE)
            self.stdout.write(f"the weights are current; recorded their training sets' hash in {WEIGHTS_FILE}")
            return
        if saved.sets_hash != sets_hash:
            raise CommandError(
                "the training sets changed since the weights were trained (a text, or a word that decides a training "
                "negative): train them again, without --restamp"
            )
        dataclasses.replace(saved, data_hash=data_hash).save(WEIGHTS_FILE)
        self.stdout.write(f"the training sets are unchanged: renewed the data hash in {WEIGHTS_FILE}, no training")
