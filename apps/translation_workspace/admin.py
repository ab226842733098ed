"""The translation workspace in the admin: per language every text missing or outdated,
side-by-side editing, and XLIFF export and import. Its pages hang on TranslationState
(no list of rows of its own); `use_workspace` opens them, and each text is saved only by
someone who may change its object."""

import base64
from collections import Counter

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import get_language_info, gettext, ngettext
from django.views.decorators.http import require_http_methods, require_safe

from apps.core.i18n import is_rtl, language_codes

from .fields import localized, model_by_label, source, text, text_fields, text_hash
from .forms import XliffUploadForm, translation_form_class
from .models import TranslationImport, TranslationState
from .services import translation_form_save, xliff_import_apply, xliff_import_plan
from .worklist import (
    MISSING,
    OUTDATED,
    gap_counts,
    object_label,
    outdated_states,
    translatable_models,
    translation_gaps,
)
from .xliff import MAX_BYTES, xliff_export


def _language_name(code: str) -> str:
    return str(get_language_info(code)["name_translated"])


@admin.register(TranslationState)
class TranslationWorkspaceAdmin(admin.ModelAdmin):
    def has_module_permission(self, request):
        return request.user.is_active and request.user.has_perm(
            "translation_workspace.use_workspace"
        )

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("", view(require_safe(self.changelist_view)), name=f"{name}_changelist"),
            path(
                "<str:language>/", view(require_safe(self.language_view)), name=f"{name}_language"
            ),
            path(
                "<str:language>/export.xlf",
                view(require_safe(self.export_view)),
                name=f"{name}_export",
            ),
            path(
                "<str:language>/import/",
                view(require_http_methods(["GET", "POST"])(self.import_view)),
                name=f"{name}_import",
            ),
            path(
                "<str:language>/<str:label>/<int:pk>/",
                view(require_http_methods(["GET", "POST"])(self.translate_view)),
                name=f"{name}_translate",
            ),
        ]

    # --- helpers ------------------------------------------------------------------

    def _check(self, request, language=None):
        if not self.has_module_permission(request):
            raise PermissionDenied
        if language is not None and language not in language_codes():
            raise Http404

    def _context(self, request, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Translation workspace"),
            **extra,
        }

    def _models(self, request):
        return translatable_models(request.user)

    def _chosen_models(self, request):
        models = self._models(request)
        label = request.GET.get("type", "")
        return [m for m in models if m._meta.label_lower == label] or models, label

    def _url(self, view, *args):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}", args=args)

    # --- pages --------------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        """Per language: how many texts are missing and outdated."""
        self._check(request)
        # Chinese too: it is missing where a text was written in English only.
        languages = language_codes()
        # Counted in the database: the page costs the same at any number of rows.
        counts = Counter()
        for (_model, code, status), number in gap_counts(
            languages, models=self._models(request)
        ).items():
            counts[code, status] += number
        rows = []
        for code in languages:
            rows.append(
                {
                    "code": code,
                    "name": _language_name(code),
                    "missing": counts[code, MISSING],
                    "outdated": counts[code, OUTDATED],
                    "url": self._url("language", code),
                }
            )
        imports = TranslationImport.objects.select_related("user")[:10]
        return TemplateResponse(
            request,
            "admin/translation_workspace/overview.html",
            self._context(request, rows=rows, imports=imports),
        )

    def language_view(self, request, language):
        """Every missing or outdated text of one language, with links to edit it."""
        self._check(request, language)
        models, chosen = self._chosen_models(request)
        status = request.GET.get("status", "")
        gaps = translation_gaps([language], models=models)
        if status in (MISSING, OUTDATED):
            gaps = [gap for gap in gaps if gap.status == status]
        else:
            status = ""
        groups = {}
        for gap in gaps:
            key = (type(gap.obj), gap.obj.pk)
            if key not in groups:
                groups[key] = {
                    "label": object_label(gap.obj),
                    "url": self._url("translate", language, gap.obj._meta.label_lower, gap.obj.pk),
                    "gaps": [],
                }
            groups[key]["gaps"].append(gap)
        query = urlencode({key: value for key, value in request.GET.items() if key in ("type",)})
        return TemplateResponse(
            request,
            "admin/translation_workspace/language.html",
            self._context(
                request,
                title=gettext("Texts to translate into %(language)s")
                % {"language": _language_name(language)},
                language=language,
                language_name=_language_name(language),
                rtl=is_rtl(language),
                groups=list(groups.values()),
                count=len(gaps),
                types=[
                    {"label": m._meta.label_lower, "name": m._meta.verbose_name_plural}
                    for m in self._models(request)
                ],
                chosen_type=chosen,
                status=status,
                export_url=self._url("export", language) + (f"?{query}" if query else ""),
                import_url=self._url("import", language),
                overview_url=self._url("changelist"),
            ),
        )

    def export_view(self, request, language):
        """The missing and outdated texts of a language as an XLIFF 1.2 file."""
        self._check(request, language)
        models, _chosen = self._chosen_models(request)
        gaps = translation_gaps([language], models=models)
        response = HttpResponse(
            xliff_export(gaps, language), content_type="application/x-xliff+xml; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="xicheng-{language}.xlf"'
        return response

    def import_view(self, request, language):
        """Upload → preview of every change (and every refusal) → confirm → saved."""
        self._check(request, language)
        context = {
            "language": language,
            "language_name": _language_name(language),
            "rtl": is_rtl(language),
            "language_url": self._url("language", language),
            "max_megabytes": MAX_BYTES // (1024 * 1024),
            "title": gettext("Import translations into %(language)s")
            % {"language": _language_name(language)},
        }
        form = XliffUploadForm()
        # The checked file waits in the session (not in the page: it may be larger than
        # a form field may be) for the confirmation, which checks it again and applies it
        # only if it still makes exactly the changes previewed.
        key = f"translation_workspace_import_{language}"
        if request.method == "POST" and "confirm" in request.POST:
            kept = request.session.get(key) or {}
            data = base64.b64decode(kept.get("data", ""))
            plan = xliff_import_plan(
                data=data, language=language, user=request.user, file_name=kept.get("file_name", "")
            )
            if not plan.error and plan.changes and plan.digest == request.POST.get("digest"):
                record = xliff_import_apply(plan=plan, user=request.user)
                del request.session[key]
                self.message_user(
                    request,
                    ngettext(
                        "%(count)s translated text imported.",
                        "%(count)s translated texts imported.",
                        record.changed,
                    )
                    % {"count": record.changed},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(self._url("language", language))
            self.message_user(
                request,
                gettext("The content changed since the preview; check the changes again."),
                messages.WARNING,
            )
            return self._preview(request, context, plan)
        if request.method == "POST":
            form = XliffUploadForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                data = upload.read(MAX_BYTES + 1)
                plan = xliff_import_plan(
                    data=data, language=language, user=request.user, file_name=upload.name
                )
                if plan.changes:
                    request.session[key] = {
                        "data": base64.b64encode(data).decode(),
                        "file_name": upload.name[:255],
                    }
                return self._preview(request, context, plan)
        return TemplateResponse(
            request,
            "admin/translation_workspace/import.html",
            self._context(request, form=form, **context),
        )

    def _preview(self, request, context, plan):
        return TemplateResponse(
            request,
            "admin/translation_workspace/preview.html",
            self._context(
                request,
                plan=plan,
                changes=[
                    {
                        "change": change,
                        "label": object_label(change.obj),
                        "field": change.obj._meta.get_field(change.field).verbose_name,
                    }
                    for change in plan.changes
                ],
                **context,
            ),
        )

    def translate_view(self, request, language, label, pk):
        """One object in one language: each source text read-only beside its translation."""
        self._check(request, language)
        model = model_by_label(label)
        if model is None or model not in self._models(request):
            raise Http404
        obj = model._default_manager.filter(pk=pk).first()
        if obj is None:
            raise Http404
        model_admin = self.admin_site._registry.get(model)
        if model_admin is not None and not model_admin.has_change_permission(request, obj):
            raise PermissionDenied
        fields = [
            name for name in text_fields(model) if source(obj, name)[0] not in (None, language)
        ]
        form_class = translation_form_class(model, fields, language)
        if request.method == "POST":
            form = form_class(request.POST, instance=obj)
            if form.is_valid():
                translation_form_save(form=form, language=language, user=request.user)
                self.message_user(
                    request, gettext("The translations were saved."), messages.SUCCESS
                )
                return HttpResponseRedirect(request.path)
        else:
            form = form_class(instance=obj)
        states = outdated_states([language], [model])
        type_id = ContentType.objects.get_for_model(model).pk
        rows = []
        for name in fields:
            source_language, source_text = source(obj, name)
            saved = states.get((type_id, str(obj.pk), name, language))
            current = text(obj, name, language)
            if not current.strip():
                status = MISSING
            elif saved is not None and saved != text_hash(source_language, source_text):
                status = OUTDATED
            else:
                status = ""
            rows.append(
                {
                    "name": name,
                    "field": form[localized(name, language)],
                    "source_language": source_language,
                    "source_language_name": _language_name(source_language),
                    "source_rtl": is_rtl(source_language),
                    "source_text": source_text,
                    "status": status,
                }
            )
        return TemplateResponse(
            request,
            "admin/translation_workspace/translate.html",
            self._context(
                request,
                title=gettext("%(object)s in %(language)s")
                % {"object": object_label(obj), "language": _language_name(language)},
                form=form,
                rows=rows,
                language=language,
                language_name=_language_name(language),
                rtl=is_rtl(language),
                language_url=self._url("language", language),
                languages=[
                    {
                        "code": code,
                        "name": _language_name(code),
                        "url": self._url("translate", code, label, pk),
                    }
                    for code in language_codes()
                    if code != language
                ],
            ),
        )
