"""Operator commands: minting invites, and the first-run bootstrap that `make run` prints."""

import io

import pytest
from django.core.management import CommandError, call_command

from sora_social.accounts.models import InviteCode, User

pytestmark = pytest.mark.django_db


def test_mint_invites_prints_fresh_operator_codes():
    out = io.StringIO()
    call_command("mint_invites", "3", "--ttl-days", "0", stdout=out)
    codes = out.getvalue().split()
    assert len(codes) == 3
    minted = InviteCode.objects.filter(code__in=codes)
    assert minted.count() == 3
    assert all(invite.created_by is None and invite.expires_at is None for invite in minted)


def test_mint_invites_refuses_a_silly_count():
    with pytest.raises(CommandError):
        call_command("mint_invites", "0", stdout=io.StringIO())


def test_bootstrap_makes_the_operator_once_and_prints_a_usable_invite():
    first, second = io.StringIO(), io.StringIO()
    call_command("bootstrap_dev", stdout=first)
    call_command("bootstrap_dev", stdout=second)
    operator = User.objects.get(handle="operator")
    assert operator.is_superuser and operator.is_staff
    assert "operator / " in first.getvalue()  # the password is shown on the first run only
    assert "operator / " not in second.getvalue()
    code = next(line.split()[-1] for line in second.getvalue().splitlines() if "Invite code" in line)
    assert InviteCode.objects.get(code=code).state == InviteCode.State.AVAILABLE
    assert "/api/v1/schema/" in first.getvalue()
