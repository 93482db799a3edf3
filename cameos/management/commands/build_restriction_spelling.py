"""`manage.py build_restriction_spelling`: write the dictionary words one slip from a restriction head word
(cameos/restriction_spelling_known.txt; commit it with the head words)."""

from django.core.management.base import BaseCommand

from cameos.restriction_spelling import KNOWN_WORDS_FILE, build_known_words, known_words_file_text


class Command(BaseCommand):
    help = "Write the words the restriction typo mender must never mend, from pyspellchecker's dictionaries."

    def handle(self, *args, **options) -> None:
        words = build_known_words()
        KNOWN_WORDS_FILE.write_text(known_words_file_text(words), encoding="utf-8")
        self.stdout.write(f"wrote {len(words)} words to {KNOWN_WORDS_FILE}")
