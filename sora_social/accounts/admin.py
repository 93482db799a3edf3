from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from sora_social.accounts import services
from sora_social.accounts.models import Block, Follow, InviteCode, ParentalLink, ParentalLinkCode, Profile, User
from sora_social.accounts.validators import validate_handle_not_reserved
from sora_social.admin_site import ViewOnlyModelAdmin


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


class HandleLooksTakenMixin:
    """An operator gives out a handle by the rules a sign-up meets: not one that looks like another person's or a
    live cameo's ("a1ice_vv" for "alice_w"), nor a reserved one; the person's own cameos do not count. The admin's
    form is cleaned inside its transaction, so the claim's lock holds until the save commits.

    A handle kept as it is is not asked again: one taken before a name was reserved ("sorasocial", reserved with
    dots and underscores since) made every save of its account fail, a ban included
    (tests/accounts/test_account_mends_attacks_round6.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "handle" in self.fields:
            field = self.fields["handle"]
            field.validators = [validator for validator in field.validators if validator is not validate_handle_not_reserved]

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        if self.instance.pk is not None and "handle" not in self.changed_data:
            exclude.add("handle")
        return exclude

    def clean_handle(self):
        handle = self.cleaned_data["handle"].lower()
        if self.instance.pk is None or handle != self.instance.handle:
            validate_handle_not_reserved(handle)
            try:
                services.handle_claim(handle, user=self.instance)
            except services.HandleUnavailable as exc:
                raise forms.ValidationError(
                    "This handle is taken, or looks like one that is, so people could mistake them.",
                    code=exc.code,
                ) from exc
        return handle


class AddressNotHeldElsewhereMixin:
    """An address given in the admin is claimed as one added through the app is: not one another account holds as its
    own address or an added one (the unique index covers accounts' own addresses only, so an address another member
    had added and verified was saved on a second account: tests/test_admin_staff_attacks.py)."""

    def clean_email(self):
        email = self.cleaned_data.get("email") or ""
        if email and (self.instance.pk is None or email.lower() != (self.instance.email or "").lower()):
            try:
                services.email_address_claim(user_id=self.instance.pk, email=email)
            except services.EmailUnavailable as exc:
                raise forms.ValidationError("Another account holds this address.", code=exc.code) from exc
        return email


class UserAdminChangeForm(AddressNotHeldElsewhereMixin, HandleLooksTakenMixin, UserChangeForm):
    pass


class UserAdminCreationForm(AddressNotHeldElsewhereMixin, HandleLooksTakenMixin, AdminUserCreationForm):
    pass


# Personal data a moderator does not need to judge a case: shown, searched and filtered by operators only. Moderators
# see whether an account is a teen's, which is what their decisions turn on.
PERSONAL_FIELDS = ("email", "birth_date")
# Who may run the admin: granted and changed by operators only.
POWER_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserAdminChangeForm
    add_form = UserAdminCreationForm
    ordering = ["handle"]
    list_display = ["handle", "email", "birth_date", "is_staff", "is_active", "suspended_until", "banned_at", "date_joined"]
    list_filter = ["is_staff", "is_active", "is_superuser", "groups"]
    search_fields = ["handle", "email"]
    readonly_fields = ["date_joined", "last_login", "updated_at"]
    inlines = [ProfileInline]
    fieldsets = [
        (None, {"fields": ["handle", "email", "password", "birth_date"]}),
        ("Moderation", {"fields": ["is_active", "suspended_until", "banned_at"]}),
        ("Permissions", {"fields": ["is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined", "updated_at"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["handle", "email", "birth_date", "password1", "password2"]}),
    ]

    # ---- what staff below an operator see and change ----------------------------------------------------------------

    def get_list_display(self, request):
        if request.user.is_superuser:
            return super().get_list_display(request)
        handle, *rest = [field for field in super().get_list_display(request) if field not in PERSONAL_FIELDS]
        return [handle, "is_teen", *rest]

    def get_search_fields(self, request):
        fields = super().get_search_fields(request)
        return fields if request.user.is_superuser else [field for field in fields if field not in PERSONAL_FIELDS]

    def lookup_allowed(self, lookup, value, request=None):
        if request is not None and not request.user.is_superuser:
            if lookup.split("__")[0] in PERSONAL_FIELDS:
                return False
        return super().lookup_allowed(lookup, value, request)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser or obj is None:
            return fieldsets
        shown = []
        for name, options in fieldsets:
            fields = [field for field in options["fields"] if field not in PERSONAL_FIELDS]
            shown.append((name, {**options, "fields": fields + ["is_teen"] if name is None else fields}))
        return shown

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += [*POWER_FIELDS, "is_teen"]
        return fields

    def has_change_permission(self, request, obj=None):
        # An operator's or another staff member's account is changed by an operator only: staff who may change members
        # made themselves superuser, set an operator's password and banned them (tests/test_admin_staff_attacks.py).
        if obj is not None and (obj.is_superuser or obj.is_staff) and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # As for a change: staff who may delete members deleted an operator and a fellow moderator, from the delete page
        # and by the list's bulk delete (which asks this of every row).
        if obj is not None and (obj.is_superuser or obj.is_staff) and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        target = self.get_object(request, id)
        if target is not None and (target.is_superuser or target.is_staff) and not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    @admin.display(boolean=True, description="teen")
    def is_teen(self, user: User) -> bool:
        return user.is_teen

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "birth_date" in form.changed_data:
            # Who is a teen decides consent: what rested on the old date is asked about again.
            services.user_birth_date_corrected(user_id=obj.pk)


@admin.register(InviteCode)
class InviteCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "state", "created_by", "redeemed_by", "created_at", "expires_at", "note"]
    search_fields = ["code", "created_by__handle", "redeemed_by__handle", "note"]
    list_filter = ["created_at"]
    raw_id_fields = ["created_by", "redeemed_by"]
    readonly_fields = ["redeemed_at", "created_at"]
    actions = ["mint_ten_operator_codes", "expire_now"]

    # Operator codes are the ones the teen-lineage rule trusts: minting needs the add permission, expiring the change
    # one (Django offers a plain action to anyone who may view the list).
    @admin.action(description="Mint 10 new operator invite codes", permissions=["add"])
    def mint_ten_operator_codes(self, request, queryset):
        codes = services.invites_mint(count=10, note=f"minted in admin by {request.user}")
        self.message_user(request, "Minted: " + ", ".join(c.code for c in codes), messages.SUCCESS)

    @admin.action(description="Expire the selected codes now", permissions=["change"])
    def expire_now(self, request, queryset):
        changed = queryset.filter(redeemed_at__isnull=True).update(expires_at=timezone.now())
        self.message_user(request, f"Expired {changed} code(s).", messages.SUCCESS)


@admin.register(ParentalLink)
class ParentalLinkAdmin(ViewOnlyModelAdmin):
    list_display = [
        "parent", "teen", "created_at", "ended_at", "personalized_feed", "continuous_scroll", "daily_feed_videos_cap",
        "daily_generation_cap", "mutuals_may_use_cameo",
    ]
    search_fields = ["parent__handle", "teen__handle"]
    raw_id_fields = ["parent", "teen", "ended_by"]
    # The link and its controls are the parent's and the teen's (accounts.services: parental_link_redeem,
    # parental_link_end, the cooling-off and its contest, parental_controls_update, which keeps the controls only ever
    # stricter than the default and has the videos re-checked when mutuals are turned off), not an operator's: the
    # admin shows them and changes none. Its parent, teen, cooling-off and end were editable here.


@admin.register(ParentalLinkCode)
class ParentalLinkCodeAdmin(ViewOnlyModelAdmin):
    list_display = ["code", "created_by", "expires_at", "used_at"]
    raw_id_fields = ["created_by"]


@admin.register(Follow)
class FollowAdmin(ViewOnlyModelAdmin):
    list_display = ["follower", "followee", "created_at"]
    raw_id_fields = ["follower", "followee"]
    search_fields = ["follower__handle", "followee__handle"]


@admin.register(Block)
class BlockAdmin(ViewOnlyModelAdmin):
    list_display = ["blocker", "blocked", "created_at"]
    raw_id_fields = ["blocker", "blocked"]
    search_fields = ["blocker__handle", "blocked__handle"]
