import base64
import io

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from PIL import Image

from cameos import biometrics, services
from cameos.models import (
    Appearance,
    Cameo,
    CameoAwaitingReview,
    CameoReview,
    ConsentDecision,
    Grant,
    ProtectedPerson,
    VerificationAttempt,
)
from cameos.verification import FaceCountError, UnreadableMediaError, face_encodings_from_image
from sora_social.admin_site import ViewOnlyModelAdmin


class AttemptInline(admin.TabularInline):
    model = VerificationAttempt
    extra = 0
    can_delete = False
    fields = ["status", "reasons", "matched", "mirrored", "metrics", "started_at", "finished_at"]
    readonly_fields = fields


class CameoAdminForm(forms.ModelForm):
    class Meta:
        model = Cameo
        fields = ["display_name"]  # the admin asks for the fields its page shows; this form adds the name's check

    def clean_display_name(self):
        """Held to the owner's rules: staff named a member's cameo "Taylor Swift", or with a writing-direction control,
        both of which the owner's own edit is refused (tests/test_admin_staff_attacks.py)."""
        display_name = self.cleaned_data.get("display_name") or ""
        if display_name != (self.instance.display_name or ""):
            try:
                services.check_display_name(display_name, cameo_id=self.instance.pk)
            except services.CameoError as exc:
                raise forms.ValidationError(exc.message, code=exc.code) from exc
        return display_name


@admin.register(Cameo)
class CameoAdmin(admin.ModelAdmin):
    form = CameoAdminForm
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

    def has_revoke_permission(self, request) -> bool:
        return request.user.has_perm("cameos.revoke_cameo")

    @admin.action(
        description="Revoke the selected cameos (nobody may use them; their videos disappear)", permissions=["revoke"]
    )
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
    readonly_fields = [
        "cameo",
        "challenge",
        "status",
        "reasons",
        "matched",
        "mirrored",
        "metrics",
        "started_at",
        "finished_at",
        "created_at",
    ]
    exclude = ["upload"]


@admin.register(Grant)
class GrantAdmin(ViewOnlyModelAdmin):
    """Read only: a grant is the owner's consent (or a parent's approval of it), given and withdrawn through the
    API, which re-checks the videos that depend on it."""

    list_display = ["cameo", "grantee", "status", "approved_at", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["cameo", "grantee", "approved_by"]


@admin.register(ConsentDecision)
class ConsentDecisionAdmin(ViewOnlyModelAdmin):
    """Read only, deletion included: the consent audit is the record of every decision of the door."""

    list_display = ["created_at", "cameo", "actor", "purpose", "allowed", "reason", "consent_version", "subject"]
    list_filter = ["allowed", "purpose", "reason"]
    search_fields = ["cameo__handle", "actor__handle", "subject"]
    raw_id_fields = ["cameo", "actor"]


@admin.register(Appearance)
class AppearanceAdmin(ViewOnlyModelAdmin):
    """Read only: an appearance's withdrawal is what hides its video (feed and media read it), so clearing
    `revoked_at` or deleting the row would bring back a video whose consent was withdrawn."""

    list_display = ["cameo", "job", "creator", "consent_version", "revoked_at", "removed_at", "created_at"]
    raw_id_fields = ["cameo", "job", "creator", "removed_by"]
    # Moderators remove an appearance from the reported video's case (moderation's REMOVE_APPEARANCE action),
    # which destroys its files and records who acted and why.
    actions = ["recheck_consent"]

    @admin.action(description="Re-check consent for the selected appearances")
    def recheck_consent(self, request, queryset):
        appearances = queryset.filter(cameo__isnull=False).select_related("cameo")
        revoked = sum(services.appearances_reconcile(cameo=a.cameo) for a in appearances)
        self.message_user(request, f"{revoked} appearance(s) revoked at {timezone.now():%H:%M:%S}.", messages.INFO)


class ProtectedPersonForm(forms.ModelForm):
    """A photo must show exactly one face; its encodings are read here, so a bad photo is a form error."""

    class Meta:
        model = ProtectedPerson
        fields = ["name", "aliases", "photo", "note", "own_cameo"]

    # The moderator saving the form (ProtectedPersonAdmin.get_form).
    moderator = None

    def clean_own_cameo(self):
        cameo = self.cleaned_data.get("own_cameo")
        asked = "own_cameo" in self.changed_data or getattr(self, "face_encodings", None) is not None
        if cameo is not None and asked and self.moderator is not None:
            # The photo is cleaned first (the fields' order): a new one is what the cameo's face is compared with.
            known = getattr(self, "face_encodings", None)
            if known is None and self.instance.encodings_encrypted:
                known = biometrics.decrypt_encodings(self.instance.encodings_encrypted)
            refusal = services.own_cameo_refusal(cameo=cameo, moderator=self.moderator, person_encodings=known)
            if refusal:
                raise forms.ValidationError(refusal)
        return cameo

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

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"moderator": request.user})

    @admin.display(boolean=True)
    def has_face(self, person: ProtectedPerson) -> bool:
        return bool(person.encodings_encrypted)

    def save_model(self, request, obj, form, change):
        paused = services.protected_person_save(
            person=obj, moderator=request.user, encodings=getattr(form, "face_encodings", None)
        )
        if paused:
            handles = ", ".join(f"@{cameo.handle}" for cameo in paused)
            self.message_user(
                request, f"{len(paused)} verified cameo(s) with this face now wait for review: {handles}.", messages.WARNING
            )


def _image_tag(png: bytes | None, caption: str) -> str:
    if not png:
        return format_html("<figure><p>(no image)</p><figcaption>{}</figcaption></figure>", caption)
    encoded = base64.b64encode(png).decode()
    return format_html(
        '<figure style="display:inline-block;margin:0 1em 0 0"><img src="data:image/png;base64,{}" width="220" '
        'height="220" alt=""><figcaption>{}</figcaption></figure>',
        encoded,
        caption,
    )


def _photo_png(person: ProtectedPerson) -> bytes | None:
    if not person.photo:
        return None
    person.photo.open("rb")
    try:
        image = Image.open(io.BytesIO(person.photo.read())).convert("RGB")
    finally:
        person.photo.close()
    image.thumbnail((256, 256))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


class CameoReviewForm(forms.ModelForm):
    decision = forms.ChoiceField(choices=[("", "---"), *CameoReview.Decision.choices], required=False)
    reason = forms.CharField(
        max_length=300,
        required=False,
        help_text="Shown to the person with a rejection: do not name whom the face resembled.",
    )

    class Meta:
        model = CameoAwaitingReview
        fields: list[str] = []

    def clean(self):
        data = super().clean()
        if data.get("decision") and not (data.get("reason") or "").strip():
            self.add_error("reason", "Say why: the decision and its reason are audited.")
        return data


@admin.register(CameoAwaitingReview)
class CameoAwaitingReviewAdmin(admin.ModelAdmin):
    """The review queue: the new face beside the faces it came close to; verify or reject it with a reason."""

    form = CameoReviewForm
    list_display = ["handle", "owner", "closest_match", "created_at"]
    readonly_fields = ["handle", "owner", "display_name", "faces_side_by_side", "why_in_queue", "created_at"]
    fields = ["handle", "owner", "display_name", "why_in_queue", "faces_side_by_side", "decision", "reason"]

    def get_queryset(self, request):
        # A moderator's own face is not theirs to judge: someone else reviews it (cameo_review_decide refuses too).
        pending = super().get_queryset(request).filter(status=Cameo.Status.PENDING_REVIEW).exclude(owner_id=request.user.pk)
        return pending.select_related("owner")

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @staticmethod
    def _matched(cameo: Cameo) -> list[dict]:
        if cameo.review_matches:
            return list(cameo.review_matches)
        attempt = cameo.attempts.order_by("-created_at", "-id").first()
        return list(attempt.matched) if attempt is not None else []

    @admin.display(description="closest match")
    def closest_match(self, cameo: Cameo) -> str:
        matched = self._matched(cameo)
        if not matched:
            return "-"
        first = matched[0]
        if first["distance"] is None:
            return f"{first['kind']} {first['ref_id']}"
        return f"{first['kind']} {first['ref_id']} at {first['distance']}"

    @admin.display(description="why it is here")
    def why_in_queue(self, cameo: Cameo) -> str:
        lines = []
        for entry in self._matched(cameo):
            if entry.get("cause") == "protected_person_added":
                lines.append(
                    (
                        f"Verified earlier; protected person {entry['ref_id']} was added since, at distance "
                        f"{entry['distance']} from this face. Nobody may use the cameo until you decide.",
                    )
                )
            elif entry["kind"] == "earlier_attempt":
                lines.append(
                    (f"An earlier upload of this person (attempt {entry['ref_id']}) was refused as someone else's face.",)
                )
            elif entry["kind"] == "review_rejected":
                lines.append((f"A moderator rejected this person's cameo {entry['ref_id']} in review.",))
            elif entry["kind"] == "revoked_cameo":
                lines.append((f"A moderator revoked this person's cameo {entry['ref_id']}.",))
            else:
                lines.append(
                    (
                        f"Close to {entry['kind']} {entry['ref_id']} (distance {entry['distance']}; a match is at "
                        "most 0.55, a review up to 0.65).",
                    )
                )
        return format_html_join("", "<p>{}</p>", lines) or "-"

    @admin.display(description="faces")
    def faces_side_by_side(self, cameo: Cameo) -> str:
        tags = [_image_tag(biometrics.reference_image_png(cameo), f"new: @{cameo.handle}")]
        for entry in self._matched(cameo)[:3]:
            if entry["kind"] == "cameo":
                other = Cameo.objects.filter(pk=entry["ref_id"]).first()
                png = biometrics.reference_image_png(other) if other is not None else None
                tags.append(_image_tag(png, f"cameo @{other.handle if other else '?'} ({entry['distance']})"))
            elif entry["kind"] == "protected":
                person = ProtectedPerson.objects.filter(pk=entry["ref_id"]).first()
                png = _photo_png(person) if person is not None else None
                tags.append(_image_tag(png, f"protected: {person.name if person else '?'} ({entry['distance']})"))
        return format_html("<div>{}</div>", format_html_join("", "{}", ((t,) for t in tags)))

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("decision")
        if decision:
            services.cameo_review_decide(
                cameo=obj, moderator=request.user, decision=decision, reason=form.cleaned_data["reason"]
            )
            self.message_user(request, f"@{obj.handle}: {decision}.", messages.SUCCESS)


@admin.register(CameoReview)
class CameoReviewAdmin(admin.ModelAdmin):
    """The audit of review decisions: who decided what, why, and what it did. Read only."""

    list_display = ["created_at", "cameo", "moderator", "decision", "outcome", "reason"]
    list_filter = ["decision", "outcome"]
    raw_id_fields = ["cameo", "attempt", "moderator"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
