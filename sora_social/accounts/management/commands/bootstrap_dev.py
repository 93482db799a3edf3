import datetime
import secrets

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sora_social.accounts.models import InviteCode, User
from sora_social.accounts.services import invites_mint

OPERATOR_HANDLE = "operator"


class Command(BaseCommand):
    help = "For the embedded default: make an operator login once and print it with a fresh invite code."

    def handle(self, *args, **options):
        password_file = None
        operator = User.objects.filter(handle=OPERATOR_HANDLE).first()
        if operator is None:
            password = secrets.token_urlsafe(12)
            try:
                operator = User.objects.create_superuser(
                    OPERATOR_HANDLE, "operator@localhost", datetime.date(1990, 1, 1), password
                )
            except ValidationError as refused:
                raise CommandError(
                    f"No operator made: {'; '.join(refused.messages)} "
                    f"Make one with another handle: manage.py createsuperuser"
                ) from refused
            password_file = password
        invite = InviteCode.objects.filter(created_by=None, redeemed_at=None, note="bootstrap").first()
        if invite is None or invite.state != InviteCode.State.AVAILABLE:
            invite = invites_mint(count=1, note="bootstrap")[0]
        self.stdout.write("")
        self.stdout.write("  sora_social is running on the embedded default")
        self.stdout.write("  API           http://127.0.0.1:8000/api/v1/")
        self.stdout.write("  API docs      http://127.0.0.1:8000/api/v1/docs/")
        self.stdout.write("  OpenAPI       http://127.0.0.1:8000/api/v1/schema/")
        self.stdout.write("  App sign-in   http://127.0.0.1:8000/_allauth/app/v1/  (spec: /_allauth/openapi.html)")
        self.stdout.write("  WebSocket     ws://127.0.0.1:8000/ws/events/?session_token=...")
        self.stdout.write("  Admin         http://127.0.0.1:8000/admin/")
        if password_file:
            self.stdout.write(f"  Operator      {OPERATOR_HANDLE} / {password_file}   (shown once; change it in admin)")
        else:
            self.stdout.write(f"  Operator      {OPERATOR_HANDLE} (password shown on first run; reset: manage.py changepassword operator)")
        self.stdout.write(f"  Invite code   {invite.code}")
        self.stdout.write("")
