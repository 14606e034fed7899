"""The administrator sets up the issuing institution (names, seal, which one issues) and reads
the certificates; a certificate is never edited or deleted here, only reissued with a reason.
Django's admin permissions apply: superusers, or staff given the permission."""

from __future__ import annotations

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from people.admin_base import ReadOnlyAdmin

from .forms import InstitutionForm, ReissueForm
from .models import Certificate, CertificateArchive, Institution
from .services import (
    CertificateError,
    active_institution,
    issue_missing,
    reissue,
    without_certificate,
)


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    form = InstitutionForm
    list_display = ["name_zh", "name_en", "is_active", "has_seal"]
    readonly_fields = ["seal_preview"]
    fields = ["name_zh", "name_en", "is_active", "seal_preview", "seal_upload", "remove_seal"]
    actions = ["issue_missing_certificates"]

    @admin.display(boolean=True, description=gettext_lazy("seal"))
    def has_seal(self, obj: Institution) -> bool:
        return obj.seal_id is not None

    @admin.display(description=gettext_lazy("current seal"))
    def seal_preview(self, obj: Institution) -> str:
        if not obj.seal_id:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" width="120" height="120">', obj.seal.data_uri, obj.name_zh
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        # An institution that issued certificates is named by them: kept.
        return obj is None or not obj.certificate_set.exists()

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            self._say_why(request)
        return super().changelist_view(request, extra_context)

    def _say_why(self, request) -> None:
        """Why cadres get no certificate, where the administrator who can change it looks."""
        if active_institution() is None:
            messages.warning(
                request,
                _(
                    "No institution issues certificates: tick “issues certificates” on one. "
                    "Until then completions credit their hours but get no certificate, and "
                    "cadres are told so. Certificates are issued only in the name of an "
                    "institution set up here, never in the name of a course's author."
                ),
            )
            return
        missing = without_certificate().count()
        if missing:
            messages.info(
                request,
                _(
                    "%(count)d completions have no certificate (completed before an institution "
                    "issued them): select the institution and run “Issue the missing "
                    "certificates”."
                )
                % {"count": missing},
            )

    @admin.action(description=gettext_lazy("Issue the missing certificates"))
    def issue_missing_certificates(self, request, queryset) -> None:
        count = issue_missing()
        self.message_user(request, _("%(count)d certificates issued.") % {"count": count})


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["code", "full_name", "unit_name", "course", "hours", "issued_at", "status"]
    list_filter = ["status", "institution"]
    list_select_related = ["course"]
    search_fields = ["code", "full_name", "user__username"]
    exclude = ["seal"]
    actions = ["reissue_selected"]

    def has_reissue_permission(self, request) -> bool:
        return request.user.has_perm("certificates.reissue_certificate")

    @admin.action(
        description=gettext_lazy("Reissue (after a correction of name or unit)"),
        permissions=["reissue"],
    )
    def reissue_selected(self, request, queryset):
        form = ReissueForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            done = 0
            for item in queryset:
                try:
                    reissue(item, reason=form.cleaned_data["reason"], by=request.user)
                    done += 1
                except CertificateError as error:
                    self.message_user(request, f"{item.code}: {error}", messages.ERROR)
            self.message_user(request, _("%(count)d certificates reissued.") % {"count": done})
            return None
        return TemplateResponse(
            request,
            "admin/certificates/reissue.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Reissue certificates"),
                "certificates": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(CertificateArchive)
class CertificateArchiveAdmin(ReadOnlyAdmin):
    """Who took which units' certificates, and when: kept after the file is deleted."""

    list_display = ["requested_at", "requested_by", "unit", "course", "year", "status", "total"]
    list_filter = ["status"]
    list_select_related = ["requested_by", "unit", "course"]
