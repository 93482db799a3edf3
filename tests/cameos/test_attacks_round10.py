# ruff: noqa: F811 - pytest fixtures imported from tests.feed.conftest are parameters of the tests
"""Round 10 of attacks: the round-9 fixes to protected names, invite codes, former parents and the teen's daily cap.

Protected names: the skeleton (sora_social.content_policy.normalize.text_skeleton) now reads small capitals,
parenthesized letters, 8 for b, ¡ for i and a word-final @, drops variation selectors and trademark signs, joins a
word hyphenated across a line break and leaves a run of 3+ digits ending a word a number; a name (screening.
name_regex) may have a middle initial, may be followed by digits and is looked for in hashtags' words. Attacked both
ways: ordinary prompts the widened patterns now refuse ("a rose a Leslie planted", handles, emails, "gr8"), and
disguises the fix does not read (Latin letters with hooks, two digits run into a name, a hyphen with a space or an
en dash before the line break, a middle initial in the inverted form).

Invite codes (accounts.services._invite_spendable): a code whose maker was corrected to a teen is refused; is it
still refused once that account is deleted (its created_by becomes NULL, like an operator's code), and does the
refusal tell a teen's code from one that does not exist?

Former parents (accounts.selectors.former_parent_ids): one corrected to a teen and back to an adult must not get a
contest against a link made while they had no say.

The daily cap (generation.quotas.daily_cap_counts_from): a teen's last 24 hours to the second, a parent's cap lowered
mid-window, cancelled jobs, remixes, and concurrent submits whose earlier jobs lie before the server's midnight.

Each test is one attack, named as the product rule it must not break, and asserts the safe outcome (for an ordinary
prompt: that it is allowed). An attack that gets through is kept, marked ``xfail(strict=True)`` with what got
through and the code path responsible. The door, the screening and the classifier are real, never mocked; only the
clock is set where the attack is about time.

When written, 6 of these 15 attacks got through (10 of 29 cases): an article between two words that make a name refused
as a middle initial, Latin letters with hooks, two digits run into a name, a hyphen with a space before it or an en
dash across a line break, a middle initial in the inverted form, and a deleted corrected-to-teen account's codes.
All 6 are fixed: an initial is a letter with its full stop, or a letter that is not a word of its own (not a or i);
Latin letters with a hook, stroke or tail are read by their Unicode names; names are also looked for with the digits
that end a word cut off; any dash, spaced or not, before a line break joins the word; the inverted form takes an
initial; and a code is spent only if an operator made it or its maker is an adult now.
"""

import datetime
import threading

import pytest
from django.test import Client

from generation.models import GenerationJob
from generation.services import generation_cancel, generation_submit
from sora_social.accounts.models import InviteCode, ParentalLink, User
from sora_social.content_policy.models import ContentRule
from sora_social.errors import ServiceError
from tests.cameos.test_attacks_round2 import SIGNUP, first_invite_of, years_ago
from tests.cameos.test_attacks_round6 import (  # noqa: F401 - _defaults is a fixture
    _defaults,
    linked,
    set_controls,
    unlink,
)
from tests.cameos.test_attacks_round9 import (  # noqa: F401 - famous is a fixture
    famous,
    name_refused,
    refused_as_a_public_figure,
    submit,
)
from tests.feed.conftest import make_draft, publish  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.django_db

SECOND = datetime.timedelta(seconds=1)
HOUR = datetime.timedelta(hours=1)
CAT = "a cat rides a skateboard"


# ---- helpers -----------------------------------------------------------------------------------------------


def name_allowed(client_for, make_user, prompt: str) -> bool:
    """Whether a creator's generation request with this ordinary prompt is let in (202, a job queued)."""
    creator = make_user("creator")
    response = submit(client_for(creator), prompt)
    assert response.status_code == 202 or refused_as_a_public_figure(response), response.content
    return response.status_code == 202 and GenerationJob.objects.filter(owner=creator).exists()


def signup_with(code: str, handle: str = "stranger_x"):
    return Client().post(
        SIGNUP,
        {
            "username": handle,
            "email": f"{handle}@example.org",
            "password": "a-long-enough-pass-123",
            "invite_code": code,
            "birth_date": "1980-03-03",
        },
        content_type="application/json",
    )


def teen_with_cap(make_user, client_for, cap: int):
    teen, mom = make_user("teen_t", age=15), make_user("mom", age=45)
    link_id = linked(client_for, teen, mom)
    assert set_controls(client_for, mom, link_id, daily_generation_cap=cap).status_code == 200
    return teen, mom, link_id


def submit_as(owner: User) -> str:
    try:
        generation_submit(owner=User.objects.get(pk=owner.pk), prompt=CAT, duration_s=2, resolution="360p")
    except ServiceError as exc:
        return exc.code
    return "queued"


# ==== 1. protected names: ordinary prompts the widened patterns must not refuse ===============================


def test_an_article_between_two_ordinary_words_that_make_a_protected_name_is_allowed(
    famous, make_user, client_for, no_dispatch
):
    assert name_allowed(client_for, make_user, "she picks a rose a Leslie from next door planted")


@pytest.mark.parametrize(
    "prompt",
    [
        "email rose.leslie@example.com asks for a cat video",  # an email: @ not word-final, no name
        "a gr8 skater does a sk8 trick, no h8",  # 8 for b in ordinary slang
        "Barack is 8 years old and flies a kite",  # a first name and a number
        "a swift tailor sews 2024 buttons",  # ordinary words near a name's, a number after them
        "Taylor, swift as ever, runs 100 metres",  # a first name, a comma, then the surname's word
    ],
)
def test_ordinary_prompts_near_a_protected_names_words_are_allowed(famous, make_user, client_for, no_dispatch, prompt):
    assert name_allowed(client_for, make_user, prompt), prompt


# ==== 2. protected names: disguises after the fix ==============================================================


@pytest.mark.parametrize(
    "prompt",
    [
        "ᵀᵃʸˡᵒʳ ˢʷᶦᶠᵗ sings on a stage",  # modifier letters
        "Tₐylor Swiᶠt sings on a stage",  # subscript and modifier letters mixed in
        "Tayl⁰r Swift sings on a stage",  # a superscript zero for o
        "Taʏlor Swift sings on a stage",  # a small capital y
        "#TaylorSwift89 on a stage",  # two digits run into a hashtag
        "Tay-  \n  lor Swift sings on a stage",  # spaces on both sides of the line break
        "Tay\u00adlor Swift sings on a stage",  # a soft hyphen
    ],
)
def test_a_protected_name_in_letters_the_fix_reads_is_refused(famous, make_user, client_for, no_dispatch, prompt):
    assert name_refused(client_for, make_user, prompt), prompt


@pytest.mark.parametrize("prompt", ["Ƭaylor Swift sings on a stage", "ɾose ɭeslie waves", "Taylor Ꞩwift sings"])
def test_a_protected_name_in_latin_letters_with_hooks_is_refused(famous, make_user, client_for, no_dispatch, prompt):
    assert name_refused(client_for, make_user, prompt), prompt


@pytest.mark.parametrize("prompt", ["TaylorSwift89 sings on a stage", "taylor swift88 sings on a stage"])
def test_a_protected_name_run_into_two_digits_is_refused(famous, make_user, client_for, no_dispatch, prompt):
    assert name_refused(client_for, make_user, prompt), prompt


@pytest.mark.parametrize("prompt", ["Tay -\nlor Swift sings on a stage", "Tay\u2013\nlor Swift sings on a stage"])
def test_a_protected_name_cut_by_a_spaced_or_en_dash_across_a_line_break_is_refused(
    famous, make_user, client_for, no_dispatch, prompt
):
    assert name_refused(client_for, make_user, prompt), prompt


def test_a_protected_name_inverted_with_an_initial_before_the_given_name_is_refused(
    famous, make_user, client_for, no_dispatch
):
    assert name_refused(client_for, make_user, "Obama, H. Barack gives a speech")


# ==== 3. invite codes of an account corrected to a teen =======================================================


def test_deleting_an_account_corrected_to_a_teen_does_not_make_its_codes_spendable_again(make_user):
    was_adult = make_user("was_adult", age=30)
    code = first_invite_of(was_adult)
    User.objects.filter(pk=was_adult.pk).update(birth_date=years_ago(15))
    assert signup_with(code, "first_try").status_code == 400

    User.objects.get(pk=was_adult.pk).delete()
    response = signup_with(code)

    assert response.status_code != 200, response.content
    assert not User.objects.filter(handle="stranger_x").exists()
    assert InviteCode.objects.get(code=code).redeemed_at is None


def test_a_refused_teens_code_and_a_code_that_does_not_exist_get_the_same_answer(make_user):
    was_adult = make_user("was_adult", age=30)
    code = first_invite_of(was_adult)
    User.objects.filter(pk=was_adult.pk).update(birth_date=years_ago(15))
    made_up = "ZZZZZZZZZZ"
    assert not InviteCode.objects.filter(code=made_up).exists()

    teens, nobodys = signup_with(code, "one_x"), signup_with(made_up, "two_x")

    assert teens.status_code == nobodys.status_code == 400
    assert teens.json()["errors"] == nobodys.json()["errors"]


# ==== 4. a former parent corrected to a teen and back ==========================================================


def test_a_former_parent_corrected_to_a_teen_and_back_after_the_cooling_off_cannot_contest_the_link(
    make_user, client_for, clock
):
    start = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)
    clock(start)
    teen, puppet, mom = make_user("teen_t", age=15), make_user("puppet", age=40), make_user("mom", age=45)
    unlink(client_for, teen, linked(client_for, teen, puppet))
    User.objects.filter(pk=puppet.pk).update(birth_date=years_ago(16))
    mom_link = linked(client_for, teen, mom)  # the puppet, a teen now, is not told and cannot contest
    assert client_for(puppet).post(f"/api/v1/parental/links/{mom_link}/contest/").status_code == 404

    clock(start + 7 * datetime.timedelta(days=1) + SECOND)  # the cooling-off is over
    User.objects.filter(pk=puppet.pk).update(birth_date=years_ago(40))  # corrected back
    contest = client_for(User.objects.get(pk=puppet.pk)).post(f"/api/v1/parental/links/{mom_link}/contest/")

    assert contest.status_code == 403 and contest.json()["code"] == "contest_window_closed", contest.content
    link_row = ParentalLink.objects.get(pk=mom_link)
    assert link_row.ended_at is None and link_row.contested_at is None


# ==== 5. the teen's daily cap ==================================================================================


@pytest.fixture
def cap_only(settings, db):
    """Only the daily cap can stop a submit: the in-flight limit is out of the way, category rules off."""
    settings.MAX_JOBS_IN_FLIGHT = 100
    ContentRule.objects.filter(kind="category").update(enabled=False)


def test_a_teens_cap_holds_until_exactly_24_hours_after_the_first_job(
    make_user, client_for, clock, cap_only, no_dispatch
):
    start = datetime.datetime(2026, 12, 5, 15, 0, tzinfo=datetime.UTC)
    clock(start)
    teen, _, _ = teen_with_cap(make_user, client_for, 1)
    assert submit_as(teen) == "queued"

    clock(start + 24 * HOUR - SECOND)
    assert submit_as(teen) == "daily_cap_reached"
    clock(start + 24 * HOUR + SECOND)
    assert submit_as(teen) == "queued"
    assert GenerationJob.objects.filter(owner=teen).count() == 2


def test_a_cap_lowered_by_the_parent_mid_window_refuses_the_next_submit(
    make_user, client_for, clock, cap_only, no_dispatch
):
    start = datetime.datetime(2026, 12, 5, 20, 0, tzinfo=datetime.UTC)
    clock(start)
    teen, mom, link_id = teen_with_cap(make_user, client_for, 5)
    assert [submit_as(teen) for _ in range(2)] == ["queued"] * 2

    clock(start + 6 * HOUR)  # past the server's midnight, inside the teen's 24 hours
    assert set_controls(client_for, mom, link_id, daily_generation_cap=2).status_code == 200

    assert submit_as(teen) == "daily_cap_reached"
    assert GenerationJob.objects.filter(owner=teen).count() == 2


def test_cancelling_a_job_does_not_give_a_teen_their_cap_back(make_user, client_for, cap_only, no_dispatch):
    teen, _, _ = teen_with_cap(make_user, client_for, 2)
    for _ in range(2):
        assert submit_as(teen) == "queued"
    for job in GenerationJob.objects.filter(owner=teen):
        generation_cancel(job=job, actor=teen)

    assert submit_as(teen) == "daily_cap_reached"
    assert GenerationJob.objects.filter(owner=teen).count() == 2


def test_a_remix_counts_against_a_teens_cap(make_user, client_for, publish, cap_only, no_dispatch):
    teen, _, _ = teen_with_cap(make_user, client_for, 1)
    parent = publish(make_user("alice"), prompt="a dog surfs a wave")
    assert submit_as(teen) == "queued"

    response = client_for(teen).post(
        f"/api/v1/posts/{parent.pk}/remix/", {"prompt": "the same, at night"}, format="json"
    )

    assert response.status_code == 429 and response.json()["code"] == "daily_cap_reached", response.content
    assert GenerationJob.objects.filter(owner=teen).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_after_the_servers_midnight_count_the_teens_jobs_from_before_it(
    make_user, client_for, clock, cap_only, no_dispatch, require_postgres, in_another_request
):
    evening = datetime.datetime(2026, 12, 5, 22, 0, tzinfo=datetime.UTC)
    clock(evening)
    teen, _, _ = teen_with_cap(make_user, client_for, 3)
    assert [submit_as(teen) for _ in range(2)] == ["queued"] * 2
    clock(evening + 3 * HOUR)  # 01:00 the next day on the server
    starting_line = threading.Barrier(5)
    outcomes: list[str] = []

    def race():
        starting_line.wait(timeout=30)
        outcomes.append(submit_as(teen))

    threads = [in_another_request(race) for _ in range(5)]
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["daily_cap_reached"] * 4 + ["queued"]
    assert GenerationJob.objects.filter(owner=teen).count() == 3
