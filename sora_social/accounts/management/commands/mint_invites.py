from django.core.management.base import BaseCommand, CommandError

from sora_social.accounts.services import invites_mint


class Command(BaseCommand):
    help = "Mint operator invite codes and print them, one a line."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, nargs="?", default=1)
        parser.add_argument("--ttl-days", type=int, default=None, help="Days until the codes expire (0: never).")
        parser.add_argument("--note", default="minted with manage.py")

    def handle(self, *args, count: int, ttl_days: int | None, note: str, **options):
        try:
            codes = invites_mint(count=count, ttl_days=ttl_days, note=note)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for invite in codes:
            self.stdout.write(invite.code)
