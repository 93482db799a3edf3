"""The Django admin's user change form, filled in as support fills it in (the fields a test changes given)."""


def user_change_form(user, **changes) -> dict:
    """The form's POST data for this person as they are, with `changes` (handle, birth_date...) applied."""
    data = {
        "handle": user.handle,
        "email": user.email,
        "birth_date": user.birth_date.isoformat(),
        "is_active": "on",
        "date_joined_0": user.date_joined.date().isoformat(),
        "date_joined_1": "00:00:00",
        "profile-TOTAL_FORMS": "1",
        "profile-INITIAL_FORMS": "1",
        "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1",
        "profile-0-id": str(user.profile.pk),
        "profile-0-user": str(user.pk),
        "profile-0-display_name": user.profile.display_name,
        "profile-0-bio": "",
    }
    data.update(changes)
    return data
