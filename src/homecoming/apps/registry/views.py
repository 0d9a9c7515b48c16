"""Registry pages: persons (search, detail), lists, versions with their diff, import and
export. Each view parses its input, calls the selectors or the one service of its use
case, and renders; who may see what is decided by the selectors (DESIGN.md section 4).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from homecoming.apps.accounts.selectors import membership_for, parties, viewer_for
from homecoming.apps.registry import jobs, selectors, services
from homecoming.apps.registry.forms import (
    ListImportForm,
    PersonListForm,
    PersonSearchForm,
)
from homecoming.apps.registry.services import ImportRejected, ImportResult

PERSONS_PER_PAGE = 50
ROWS_PER_PAGE = 100
EXPORT_FORMATS = ("csv", "xlsx")
#: Files at least this large are imported by a background job (a page that follows
#: its progress) rather than within the request; smaller ones answer at once.
BACKGROUND_IMPORT_BYTES = 2 * 1024 * 1024
RECENT_JOBS = 20


@login_required
def persons(request: HttpRequest) -> HttpResponse:
    """Search the persons the caller may see: by name in any script, with filters."""
    viewer = viewer_for(request.user)
    person_lists = selectors.person_lists_visible_to(user=request.user)
    party_choices = (
        [(p.code, p.name) for p in parties()] if viewer.may_read_all_registries else []
    )
    form = PersonSearchForm(
        request.GET or None, person_lists=person_lists, parties=party_choices
    )
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.person_search_for_page(
        user=request.user,
        query=filters.get("q") or "",
        owner=filters.get("owner") or None,
        register=filters.get("register") or None,
        category=filters.get("category") or None,
        health=filters.get("health") or "",
        custody_status=filters.get("custody") or None,
        person_list_id=filters.get("list"),
    )
    page = Paginator(found, PERSONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/persons.html",
        {"form": form, "page": page, "show_owner": viewer.may_read_all_registries},
    )


@login_required
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's particulars, custody events, list rows and changes (404 if unseen)."""
    found = selectors.access_person(user=request.user, person_id=person_id)
    return render(
        request,
        "registry/person.html",
        {
            "person": found,
            "custody_events": selectors.custody_events_for(person=found),
            "changes": selectors.person_changes_for(person=found),
            "list_rows": selectors.person_list_rows_for(person=found)[:20],
        },
    )


@login_required
def lists(request: HttpRequest) -> HttpResponse:
    """Held and sought lists the caller may see; party members may open a new one."""
    viewer = viewer_for(request.user)
    form = (
        PersonListForm(request.POST or None) if viewer.may_write_own_registry else None
    )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            membership = membership_for(user=request.user)
            assert membership is not None  # a party member has one
            try:
                person_list = services.person_list_create(
                    owner=membership.organisation,
                    kind=form.cleaned_data["kind"],
                    title=form.cleaned_data["title"],
                    by=request.user,
                )
            except IntegrityError:
                form.add_error(
                    "title", _("Your party already has a list with this title.")
                )
            else:
                messages.success(request, _("The list has been opened."))
                return redirect("registry:list", list_id=person_list.pk)
    return render(
        request,
        "registry/lists.html",
        {
            "person_lists": selectors.person_lists_visible_to(user=request.user),
            "form": form,
            "show_owner": viewer.may_read_all_registries,
        },
    )


@login_required
def list_detail(request: HttpRequest, list_id: int) -> HttpResponse:
    """A list and its versions, newest first, with import and export."""
    person_list = selectors.access_person_list(user=request.user, list_id=list_id)
    return render(
        request,
        "registry/list.html",
        {
            "person_list": person_list,
            "versions": selectors.list_versions_for(person_list=person_list),
            "may_import": selectors.person_list_writable_by(
                user=request.user, person_list=person_list
            ),
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
    person_list = selectors.access_person_list_for_write(
        user=request.user, list_id=list_id
    )
    form = ListImportForm(request.POST or None, request.FILES or None)
    problems: tuple[str, ...] = ()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size >= BACKGROUND_IMPORT_BYTES:
            job = jobs.import_job_submit(
                person_list=person_list,
                file_bytes=upload.read(),
                filename=upload.name,
                by=request.user,
                mapping=form.cleaned_data["mapping"],
                only_good_rows=form.cleaned_data["only_good_rows"],
            )
            return redirect("registry:job", job_id=job.pk)
        try:
            result = services.list_version_import(
                person_list=person_list,
                file_bytes=upload.read(),
                filename=upload.name,
                by=request.user,
                mapping=form.cleaned_data["mapping"],
                only_good_rows=form.cleaned_data["only_good_rows"],
            )
        except ImportRejected as rejected:
            problems = rejected.problems
        else:
            if result.version is None:
                messages.info(
                    request,
                    _(
                        "Nothing changed: the latest version already holds exactly "
                        "these rows. No new version was made."
                    ),
                )
                return redirect("registry:list", list_id=person_list.pk)
            messages.success(request, _import_message(result))
            if result.problems:
                request.session["homecoming_skipped_problems"] = list(
                    result.problems[:200]
                )
            return redirect("registry:version", version_id=result.version.pk)
    return render(
        request,
        "registry/import.html",
        {"person_list": person_list, "form": form, "problems": problems},
    )


@login_required
def import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    """The progress of a background import; the page reloads itself until it ends."""
    job = selectors.access_import_job(user=request.user, job_id=job_id)
    return render(
        request,
        "registry/job.html",
        {"job": job, "person_list": job.person_list, "result": job.result or {}},
    )


@login_required
def version_detail(request: HttpRequest, version_id: int) -> HttpResponse:
    """A version: what it added, removed and changed since the last, and its rows."""
    version = selectors.access_list_version(user=request.user, version_id=version_id)
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
            "export_formats": EXPORT_FORMATS,
        },
    )


@login_required
def imports(request: HttpRequest) -> HttpResponse:
    """The latest versions of the lists the caller may see, and recent background
    imports."""
    versions = selectors.list_versions_visible_to(user=request.user).order_by(
        "-submitted_at", "-pk"
    )
    page = Paginator(versions, PERSONS_PER_PAGE).get_page(request.GET.get("page"))
    background = selectors.import_jobs_visible_to(user=request.user)[:RECENT_JOBS]
    return render(request, "registry/imports.html", {"page": page, "jobs": background})


@login_required
@require_POST
def version_export(request: HttpRequest, version_id: int, format: str) -> HttpResponse:
    """Download a version as CSV or XLSX (recorded in the ledger)."""
    if format not in EXPORT_FORMATS:
        raise Http404("No such format.")
    version = selectors.access_list_version(user=request.user, version_id=version_id)
    exported = services.list_version_export(
        version=version, by=request.user, format=format
    )
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    response["Cache-Control"] = "no-store"
    return response
