"""Registry pages: persons (search, detail), lists, versions with their diff, import and
export. Each view parses its input, calls the selectors or the one service of its use
case, and renders; who may see what is decided by the selectors (DESIGN.md section 4).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from homecoming.apps.accounts.actors import actor_of
from homecoming.apps.accounts.permissions import Permission, may, require
from homecoming.apps.accounts.selectors import parties
from homecoming.apps.jobs.models import Job
from homecoming.apps.jobs.selectors import jobs_visible_to
from homecoming.apps.registry import selectors, services
from homecoming.apps.registry.forms import (
    ListImportForm,
    PersonListForm,
    PersonSearchForm,
)
from homecoming.apps.registry.jobs import IMPORT
from homecoming.apps.registry.services import ImportResult
from homecoming.apps.registry.status import status_of
from homecoming.refusals import Hidden
from homecoming.site.pages import submit

PERSONS_PER_PAGE = 50
ROWS_PER_PAGE = 100
EXPORT_FORMATS = ("csv", "xlsx")
RECENT_JOBS = 20


@login_required
def persons(request: HttpRequest) -> HttpResponse:
    """Search the persons the caller may see: by name in any script, with filters."""
    by = actor_of(request)
    reads_all = may(by, Permission.REGISTRY_READ_ALL_PARTIES)
    person_lists = selectors.person_lists_visible_to(by=by)
    party_choices = [(p.code, p.name) for p in parties()] if reads_all else []
    form = PersonSearchForm(
        request.GET or None, person_lists=person_lists, parties=party_choices
    )
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.person_search_for_page(
        by=by,
        query=filters.get("q") or "",
        owner=filters.get("owner") or None,
        register=filters.get("register") or None,
        category=filters.get("category") or None,
        health=filters.get("health") or "",
        status=filters.get("status") or None,
        latest_event=filters.get("custody") or None,
        person_list_id=filters.get("list"),
    )
    page = Paginator(found, PERSONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/persons.html",
        {"form": form, "page": page, "show_owner": reads_all},
    )


@login_required
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's particulars, custody events, list rows and changes (404 if unseen)."""
    found = selectors.access_person(by=actor_of(request), person_id=person_id)
    return render(
        request,
        "registry/person.html",
        {
            "person": found,
            "status": status_of(found),
            "custody_events": selectors.custody_events_for(person=found),
            "changes": selectors.person_changes_for(person=found),
            "list_rows": selectors.person_list_rows_for(person=found)[:20],
        },
    )


@login_required
def lists(request: HttpRequest) -> HttpResponse:
    """Held and sought lists the caller may see; party members may open a new one."""
    by = actor_of(request)
    form = (
        PersonListForm(request.POST or None) if may(by, Permission.LIST_OPEN) else None
    )
    if request.method == "POST":
        require(by, Permission.LIST_OPEN)
        assert form is not None
        if form.is_valid() and (
            person_list := submit(
                form,
                lambda: services.person_list_create(
                    kind=form.cleaned_data["kind"],
                    title=form.cleaned_data["title"],
                    by=by,
                ),
            )
        ):
            messages.success(request, _("The list has been opened."))
            return redirect("registry:list", list_id=person_list.pk)
    return render(
        request,
        "registry/lists.html",
        {
            "person_lists": selectors.person_lists_visible_to(by=by),
            "form": form,
            "show_owner": may(by, Permission.REGISTRY_READ_ALL_PARTIES),
        },
    )


@login_required
def list_detail(request: HttpRequest, list_id: int) -> HttpResponse:
    """A list and its versions, newest first, with import and export."""
    by = actor_of(request)
    person_list = selectors.access_person_list(by=by, list_id=list_id)
    return render(
        request,
        "registry/list.html",
        {
            "person_list": person_list,
            "versions": selectors.list_versions_for(person_list=person_list),
            "may_import": may(by, Permission.LIST_WRITE, person_list),
            "export_formats": EXPORT_FORMATS,
        },
    )


def _import_message(result: ImportResult) -> str:
    assert result.version is not None
    message = _(
        "Version %(number)s imported: %(rows)s rows (%(added)s added, "
        "%(removed)s removed, %(changed)s changed)."
    ) % {
        "number": result.version.number,
        "rows": result.rows_imported,
        "added": result.added,
        "removed": result.removed,
        "changed": result.changed,
    }
    if result.encoding_name:
        message += " " + _("The file was read as %(encoding)s.") % {
            "encoding": result.encoding_name
        }
    if result.rows_skipped:
        message += " " + ngettext(
            "%(skipped)s row with problems was skipped.",
            "%(skipped)s rows with problems were skipped.",
            result.rows_skipped,
        ) % {"skipped": result.rows_skipped}
    return message


@login_required
def list_import(request: HttpRequest, list_id: int) -> HttpResponse:
    """Upload a file as the next version of a list of the caller's own party."""
    by = actor_of(request)
    person_list = selectors.access_person_list_for_write(by=by, list_id=list_id)
    form = ListImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        outcome = submit(
            form,
            lambda: services.list_upload_receive(
                person_list=person_list,
                file_bytes=upload.read(),
                filename=upload.name,
                by=by,
                mapping=form.cleaned_data["mapping"],
                only_good_rows=form.cleaned_data["only_good_rows"],
            ),
        )
        if isinstance(outcome, Job):
            return redirect("jobs:job", job_id=outcome.pk)
        if isinstance(outcome, ImportResult):
            if outcome.version is None:
                messages.info(
                    request,
                    _(
                        "Nothing changed: the latest version already holds exactly "
                        "these rows. No new version was made."
                    ),
                )
                return redirect("registry:list", list_id=person_list.pk)
            messages.success(request, _import_message(outcome))
            if outcome.problems:
                request.session["homecoming_skipped_problems"] = list(
                    outcome.problems[:200]
                )
            if outcome.warnings:
                request.session["homecoming_import_warnings"] = list(
                    outcome.warnings[:200]
                )
            return redirect("registry:version", version_id=outcome.version.pk)
    rejection = getattr(form, "rejection", None)
    return render(
        request,
        "registry/import.html",
        {
            "person_list": person_list,
            "form": form,
            "problems": rejection.problems if rejection else (),
            # A file refused as a whole: skipping rows cannot help; a mapping may.
            "file_level": getattr(rejection, "file_level", False),
            "mapping_help": getattr(rejection, "mapping_help", False),
        },
    )


@login_required
def version_detail(request: HttpRequest, version_id: int) -> HttpResponse:
    """A version: what it added, removed and changed since the last, and its rows."""
    version = selectors.access_list_version(by=actor_of(request), version_id=version_id)
    rows = Paginator(selectors.list_rows_for(version=version), ROWS_PER_PAGE)
    return render(
        request,
        "registry/version.html",
        {
            "version": version,
            "person_list": version.person_list,
            "diff": selectors.list_version_diff(version=version),
            "rows": rows.get_page(request.GET.get("page")),
            "skipped_problems": request.session.pop("homecoming_skipped_problems", []),
            "import_warnings": request.session.pop("homecoming_import_warnings", []),
            "export_formats": EXPORT_FORMATS,
        },
    )


@login_required
def imports(request: HttpRequest) -> HttpResponse:
    """The latest versions of the lists the caller may see, and recent background
    imports."""
    by = actor_of(request)
    versions = selectors.list_versions_visible_to(by=by).order_by(
        "-submitted_at", "-pk"
    )
    page = Paginator(versions, PERSONS_PER_PAGE).get_page(request.GET.get("page"))
    background = jobs_visible_to(by=by, kind=IMPORT.code)[:RECENT_JOBS]
    return render(request, "registry/imports.html", {"page": page, "jobs": background})


@login_required
@require_POST
def version_export(request: HttpRequest, version_id: int, format: str) -> HttpResponse:
    """Download a version as CSV or XLSX (recorded in the ledger)."""
    if format not in EXPORT_FORMATS:
        raise Hidden("No such format.")
    by = actor_of(request)
    version = selectors.access_list_version(by=by, version_id=version_id)
    exported = services.list_version_export(version=version, by=by, format=format)
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    response["Cache-Control"] = "no-store"
    return response
