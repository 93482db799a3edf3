from django import forms
from django.contrib import admin, messages
from django.utils import timezone

from cameos import biometrics, services
from cameos.models import Appearance, Cameo, ConsentDecision, Grant, ProtectedPerson, VerificationAttempt
from cameos.verification import FaceCountError, UnreadableMediaError, face_encodings_from_image


class AttemptInline(admin.TabularInline):
    model = VerificationAttempt
    extra = 0
    can_delete = False
    fields = ["status", "reasons", "metrics", "started_at", "finished_at"]
    readonly_fields = fields


@admin.register(Cameo)
class CameoAdmin(admin.ModelAdmin):
    list_display = ["handle", "owner", "kind", "status", "level", "consent_version", "created_at"]
    list_filter = ["status", "kind", "level"]
    search_fields = ["handle", "owner__handle", "display_name"]
    # Consent is the owner's to give: who may use the cameo changes only through the owner's API and
    # cameos.services (which bump the consent version and re-check existing videos), never by editing it here.
    readonly_fields = [
        "owner",
        "kind",
        "handle",
        "level",
        "preferences",
        "restrictions",
        "status",
        "consent_version",
        "rejection_reasons",
        "verified_at",
        "deleted_at",
        "has_biometrics",
        "created_at",
        "updated_at",
    ]
    exclude = ["encodings_encrypted", "reference_image_encrypted", "voice_profile_encrypted"]
    inlines = [AttemptInline]
    actions = ["revoke_cameos"]

    def has_add_permission(self, request) -> bool:
        return False  # a cameo comes from a verification video

    @admin.action(description="Revoke the selected cameos (nobody may use them; their videos disappear)")
    def revoke_cameos(self, request, queryset):
        count = 0
        for cameo in queryset.filter(status=Cameo.Status.VERIFIED):
            services.cameo_revoke_by_moderator(cameo=cameo, moderator=request.user, reason="admin action")
            count += 1
        self.message_user(request, f"Revoked {count} cameo(s).", messages.SUCCESS)

    @admin.display(boolean=True)
    def has_biometrics(self, cameo: Cameo) -> bool:
        return cameo.has_biometrics


@admin.register(VerificationAttempt)
class VerificationAttemptAdmin(admin.ModelAdmin):
    list_display = ["cameo", "status", "reasons", "created_at", "finished_at"]
    list_filter = ["status"]
    raw_id_fields = ["cameo", "challenge"]
    readonly_fields = ["cameo", "challenge", "status", "reasons", "metrics", "started_at", "finished_at", "created_at"]
    exclude = ["upload"]


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin):
    """Read only: a grant is the owner's consent (or a parent's approval of it), given and withdrawn through the
    API, which re-checks the videos that depend on it."""

    list_display = ["cameo", "grantee", "status", "approved_at", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["cameo", "grantee", "approved_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ConsentDecision)
class ConsentDecisionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "cameo", "actor", "purpose", "allowed", "reason", "consent_version", "subject"]
    list_filter = ["allowed", "purpose", "reason"]
    search_fields = ["cameo__handle", "actor__handle", "subject"]
    raw_id_fields = ["cameo", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Appearance)
class AppearanceAdmin(admin.ModelAdmin):
    list_display = ["cameo", "job", "creator", "consent_version", "revoked_at", "removed_at", "created_at"]
    raw_id_fields = ["cameo", "job", "creator", "removed_by"]
    # Moderators remove an appearance from the reported video's case (moderation's REMOVE_APPEARANCE action),
    # which destroys its files and records who acted and why.
    actions = ["recheck_consent"]

    @admin.action(description="Re-check consent for the selected appearances")
    def recheck_consent(self, request, queryset):
        revoked = sum(services.appearances_reconcile(cameo=a.cameo) for a in queryset.select_related("cameo"))
        self.message_user(request, f"{revoked} appearance(s) revoked at {timezone.now():%H:%M:%S}.", messages.INFO)


class ProtectedPersonForm(forms.ModelForm):
    """A photo must show exactly one face; its encodings are read here, so a bad photo is a form error."""

    class Meta:
        model = ProtectedPerson
        fields = ["name", "aliases", "photo", "note", "own_cameo"]

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        self.face_encodings = None
        if photo and "photo" in self.changed_data:
            photo.seek(0)
            try:
                self.face_encodings = face_encodings_from_image(photo.read())
            except FaceCountError as exc:
                raise forms.ValidationError(f"The photo must show exactly one face; it shows {exc.count}.") from exc
            except UnreadableMediaError as exc:
                raise forms.ValidationError("This file is not an image that can be read.") from exc
            finally:
                photo.seek(0)
        return photo


@admin.register(ProtectedPerson)
class ProtectedPersonAdmin(admin.ModelAdmin):
    form = ProtectedPersonForm
    list_display = ["name", "aliases", "has_face", "own_cameo", "updated_at"]
    search_fields = ["name", "note"]
    raw_id_fields = ["own_cameo"]

    @admin.display(boolean=True)
    def has_face(self, person: ProtectedPerson) -> bool:
        return bool(person.encodings_encrypted)

    def save_model(self, request, obj, form, change):
        if getattr(form, "face_encodings", None):
            obj.encodings_encrypted = biometrics.encrypt_encodings(form.face_encodings)
        super().save_model(request, obj, form, change)
