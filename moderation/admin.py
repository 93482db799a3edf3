"""The moderator's workplace: the queue, the review page with its actions, decisions, appeals, the audit log and
the content policy. Every action goes through moderation.services; a refused one is a form error, never a 500.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from cameos.admin import CameoAdmin, ProtectedPersonAdmin
from cameos.models import Cameo, ProtectedPerson
from moderation import selectors, services
from moderation.forms import OVERTURN, UPHOLD, CaseActionForm, ContentRuleForm
from moderation.media import stored_file_response
from moderation.models import (
    Appeal,
    AuditEvent,
    ModerationAction,
    ModerationCase,
    Report,
    TargetKind,
)
from moderation.models.case import REASON_SEVERITY
from sora_social.content_policy.models import ContentRule
from sora_social.errors import ServiceError

SEVERITY_LABELS = {4: "critical", 3: "high", 2: "medium", 1: "low", 0: "—"}


class ReadOnlyAdmin(admin.ModelAdmin):
    """A log: viewable, never edited or deleted from admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class QueueFilter(admin.SimpleListFilter):
    """The queue shows what needs review unless asked otherwise."""

    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("review", "Needs review"), ("appealed", "Appealed"), ("closed", "Closed"), ("all", "All")]

    def queryset(self, request, queryset):
        value = self.value() or "review"
        if value == "review":
            return queryset.exclude(status=ModerationCase.Status.CLOSED)
        if value == "appealed":
            return queryset.filter(status=ModerationCase.Status.APPEALED)
        if value == "closed":
            return queryset.filter(status=ModerationCase.Status.CLOSED)
        return queryset

    def choices(self, changelist):
        current = self.value() or "review"
        for lookup, title in self.lookup_choices:
            yield {
                "selected": current == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


def _pending_appeal(case: ModerationCase) -> Appeal | None:
    return (
        Appeal.objects.filter(
            status=Appeal.Status.PENDING,
            action__case__target_kind=case.target_kind,
            action__case__target_id=case.target_id,
        )
        .select_related("action", "appellant")
        .order_by("created_at")
        .first()
    )


@admin.register(ModerationCase)
class ModerationCaseAdmin(ReadOnlyAdmin):
    list_display = ["target", "severity_label", "report_count", "reasons", "target_owner", "status", "last_reported_at"]
    list_display_links = ["target"]
    list_filter = [QueueFilter, "target_kind", "severity"]
    list_select_related = ["target_owner"]
    search_fields = ["target_owner__handle"]
    ordering = ["-severity", "-report_count", "-last_reported_at", "-id"]
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("reports")

    @admin.display(description="target", ordering="target_kind")
    def target(self, case: ModerationCase) -> str:
        return f"{case.get_target_kind_display()} #{case.target_id}"

    @admin.display(description="severity", ordering="severity")
    def severity_label(self, case: ModerationCase) -> str:
        return SEVERITY_LABELS.get(case.severity, str(case.severity))

    @admin.display(description="reasons")
    def reasons(self, case: ModerationCase) -> str:
        counts: dict[str, int] = {}
        for report in case.reports.all():
            if report.status == Report.Status.OPEN:
                counts[report.reason] = counts.get(report.reason, 0) + 1
        ordered = sorted(counts.items(), key=lambda item: (-REASON_SEVERITY[item[0]], -item[1]))
        return ", ".join(f"{reason} ×{count}" for reason, count in ordered) or "—"

    def has_act_permission(self, request) -> bool:
        return request.user.has_perm(services.ACT_PERMISSION)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/media/<str:which>/",
                self.admin_site.admin_view(self.media_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_media",
            ),
            *super().get_urls(),
        ]

    def media_view(self, request, object_id: str, which: str):
        """The reported video or its poster, for moderators only."""
        case = self.get_object(request, unquote(object_id))
        if case is None or not self.has_view_permission(request, case) or which not in ("video", "poster"):
            raise Http404
        preview = selectors.case_preview(case)
        if preview.job is None:
            raise Http404
        field = preview.job.video if which == "video" else preview.job.poster
        return stored_file_response(request, field.name)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The review page: the target with its video, prompt and cameos, the author's history, and the actions."""
        case = self.get_object(request, unquote(object_id))
        if case is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_permission(request, case):
            raise PermissionDenied
        preview = selectors.case_preview(case)
        appeal = _pending_appeal(case)
        form = CaseActionForm(request.POST or None, case=case, preview=preview, appeal=appeal)
        if request.method == "POST":
            if not self.has_act_permission(request):
                raise PermissionDenied
            if form.is_valid():
                try:
                    action = self._act(request, case, appeal, form.cleaned_data)
                except ServiceError as refusal:
                    form.add_error(None, refusal.message)
                else:
                    self.message_user(
                        request, f"Done: {action.get_kind_display()} on {case.get_target_kind_display()} #{case.target_id}.",
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(reverse("admin:moderation_moderationcase_changelist"))
        media = f"admin:{self.opts.app_label}_{self.opts.model_name}_media"
        context = {
            **self.admin_site.each_context(request),
            "title": f"Review {case.get_target_kind_display().lower()} #{case.target_id}",
            "subtitle": None,
            "opts": self.opts,
            "case": case,
            "preview": preview,
            "history": selectors.author_history(case.target_owner, excluding_case=case),
            "reports": case.reports.select_related("reporter").order_by("-created_at"),
            "actions_taken": ModerationAction.objects.filter(
                case__target_kind=case.target_kind, case__target_id=case.target_id
            ).select_related("moderator").order_by("-created_at"),
            "appeal": appeal,
            "form": form,
            "can_act": self.has_act_permission(request),
            "severity_label": SEVERITY_LABELS.get(case.severity, ""),
            "video_url": reverse(media, args=[case.pk, "video"]) if preview.has_video else None,
            "poster_url": reverse(media, args=[case.pk, "poster"]) if preview.has_poster else None,
            "is_post": case.target_kind == TargetKind.POST,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/moderation/moderationcase/review.html", context)

    def _act(self, request, case: ModerationCase, appeal: Appeal | None, data: dict) -> ModerationAction:
        kind = data["action"]
        if kind in (OVERTURN, UPHOLD):
            if appeal is None:
                raise services.ModerationError("appeal_missing", "There is no pending appeal on this case.")
            return services.appeal_decide(
                appeal=appeal, moderator=request.user, overturn=kind == OVERTURN, reason=data["reason"]
            )
        return services.case_act(
            case=case,
            moderator=request.user,
            kind=kind,
            reason=data["reason"],
            days=data.get("days"),
            cameo_id=data.get("cameo"),
            policy=data.get("policy") or "",
        )


def _case_link(case: ModerationCase) -> str:
    url = reverse("admin:moderation_moderationcase_change", args=[case.pk])
    return format_html('<a href="{}">{} #{}</a>', url, case.get_target_kind_display(), case.target_id)


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "reason", "case_link", "reporter", "status", "short_text"]
    list_filter = ["status", "reason", "target_kind"]
    list_select_related = ["reporter", "case"]
    search_fields = ["reporter__handle", "text"]

    @admin.display(description="case")
    def case_link(self, report: Report) -> str:
        return _case_link(report.case)

    @admin.display(description="text")
    def short_text(self, report: Report) -> str:
        return report.text[:80]


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "case_link", "subject", "moderator", "policy", "reason", "suspended_until"]
    list_filter = ["kind", "policy"]
    list_select_related = ["case", "subject", "moderator"]
    search_fields = ["subject__handle", "moderator__handle", "reason"]

    @admin.display(description="case")
    def case_link(self, action: ModerationAction) -> str:
        return _case_link(action.case)


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "status", "appellant", "decision", "case_link", "text"]
    list_filter = ["status"]
    list_select_related = ["appellant", "action", "action__case"]
    search_fields = ["appellant__handle", "text"]
    ordering = ["-status", "created_at"]

    @admin.display(description="decision")
    def decision(self, appeal: Appeal) -> str:
        return f"{appeal.action.get_kind_display()}: {appeal.action.reason[:60]}"

    @admin.display(description="review")
    def case_link(self, appeal: Appeal) -> str:
        return _case_link(appeal.action.case)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "verb", "actor", "target_kind", "target_id", "reason"]
    list_filter = ["verb", "target_kind"]
    list_select_related = ["actor"]
    search_fields = ["actor__handle", "target_id", "reason"]


# ---- cameos' admin, where a moderator's act is a decision --------------------------------------------------------
# cameos sits below moderation, so its admin pages cannot record a decision; moderation registers them again here.

BULK_REVOKE_REASON = "Taken down by a moderator from the cameo list."


class ModeratedCameoAdmin(CameoAdmin):
    def revoke_cameos(self, request, queryset):
        """Each revocation is a take-down decision, as from the queue: recorded with a reason, audited, told to the
        owner, and appealable. The bulk action revoked with none of these (tests/test_admin_staff_attacks.py)."""
        done, refused = 0, []
        for cameo in queryset.filter(status=Cameo.Status.VERIFIED):
            try:
                case = services.case_for_target(target_kind=TargetKind.CAMEO, target_id=cameo.pk)
                services.content_take_down(case=case, moderator=request.user, reason=BULK_REVOKE_REASON)
            except ServiceError as exc:
                refused.append(f"@{cameo.handle}: {exc.message}")
                continue
            done += 1
        self.message_user(request, f"Took down {done} cameo(s).", messages.SUCCESS)
        if refused:
            self.message_user(request, "Not taken down: " + "; ".join(refused), messages.ERROR)

    revoke_cameos.allowed_permissions = ("revoke",)
    revoke_cameos.short_description = "Take the selected cameos down (nobody may use them; their videos disappear)"


class AuditedProtectedPersonAdmin(ProtectedPersonAdmin):
    """Adding, changing and removing a protected person is policy, audited as a content rule's change is."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.audit_record(
            actor=request.user,
            verb="protected_person.changed" if change else "protected_person.created",
            target_kind="protected_person",
            target_id=obj.pk,
            data={"fields": list(form.changed_data), "name": obj.name},
        )

    def delete_model(self, request, obj):
        self._audit_deleted(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._audit_deleted(request, list(queryset))
        super().delete_queryset(request, queryset)

    @staticmethod
    def _audit_deleted(request, people) -> None:
        for person in people:
            services.audit_record(
                actor=request.user, verb="protected_person.deleted", target_kind="protected_person", target_id=person.pk,
                data={"name": person.name, "aliases": person.aliases},
            )


for _model, _audited in ((Cameo, ModeratedCameoAdmin), (ProtectedPerson, AuditedProtectedPersonAdmin)):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _audited)


@admin.register(ContentRule)
class ContentRuleAdmin(admin.ModelAdmin):
    """The content policy, editable without a deploy; a rule that cannot work is refused on save."""

    form = ContentRuleForm
    list_display = ["code", "kind", "short_value", "severity", "threshold", "strict_threshold", "enabled", "updated_at"]
    list_filter = ["enabled", "kind", "code", "severity"]
    search_fields = ["code", "value", "description"]

    @admin.display(description="value")
    def short_value(self, rule: ContentRule) -> str:
        return rule.value if len(rule.value) <= 60 else rule.value[:57] + "..."

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.audit_record(
            actor=request.user,
            verb="content_rule.changed" if change else "content_rule.created",
            target_kind="content_rule",
            target_id=obj.pk,
            data={"fields": list(form.changed_data), "code": obj.code, "kind": obj.kind, "enabled": obj.enabled},
        )

    def delete_model(self, request, obj):
        services.audit_record(
            actor=request.user, verb="content_rule.deleted", target_kind="content_rule", target_id=obj.pk,
            data={"code": obj.code, "kind": obj.kind, "value": obj.value},
        )
        super().delete_model(request, obj)
