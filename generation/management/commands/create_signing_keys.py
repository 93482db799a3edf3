from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from generation.provenance.keys import create_dev_signing_keys


class Command(BaseCommand):
    help = (
        "Create development C2PA signing keys (an ES256 root CA and a signer certificate) once. "
        "Production sets C2PA_CHAIN_PATH and C2PA_KEY_PATH to keys from its own CA instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(settings.C2PA_KEY_DIR))
        parser.add_argument("--overwrite", action="store_true")

    def handle(self, *args, dir: str, overwrite: bool, **options):
        paths = create_dev_signing_keys(Path(dir), overwrite=overwrite)
        self.stdout.write(f"chain: {paths.chain_pem}\nkey: {paths.signer_key}\ntrust anchor: {paths.root_pem}")
