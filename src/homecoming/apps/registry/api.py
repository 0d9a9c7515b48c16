"""REST API of the registry: one APIView per operation, each with its own serializers.

Views parse input, call one selector or service, and render. Objects the caller may not
see answer 404 (the ``access_*`` selectors), never 403.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from homecoming.apps.accounts.actors import actor_of
from homecoming.apps.accounts.idempotency import idempotent
from homecoming.apps.jobs.api import JobOutputSerializer
from homecoming.apps.registry import selectors, services
from homecoming.apps.registry.mapping import parse_mapping
from homecoming.apps.registry.models import Category, ListKind
from homecoming.refusals import Rejected
from homecoming.site.api import (
    IDEMPOTENCY_PARAMETER,
    id_field,
    page_of,
    paginated,
)


class PersonOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    owner = serializers.CharField(source="owner.code")
    register = serializers.CharField()
    record_id = serializers.CharField()
    category = serializers.CharField()
    sex = serializers.CharField()
    surname = serializers.CharField()
    given_name = serializers.CharField()
    patronymic = serializers.CharField()
    full_name_as_written = serializers.CharField()
    name_script = serializers.CharField()
    rank = serializers.CharField()
    service_number = serializers.CharField()
    birth_date = serializers.SerializerMethodField()
    birth_place = serializers.CharField()
    unit = serializers.CharField()
    health = serializers.CharField()

    def get_birth_date(self, person: Any) -> str | None:
        return person.birth_date.isoformat() if person.birth_date else None


class PersonsApi(APIView):
    """Persons the caller may see, searched and filtered, paginated."""

    class PersonsFilterSerializer(serializers.Serializer[Any]):
        q = serializers.CharField(required=False, allow_blank=True, default="")
        owner = serializers.CharField(required=False)
        register = serializers.ChoiceField(choices=ListKind.choices, required=False)
        category = serializers.ChoiceField(choices=Category.choices, required=False)
        birth_year = serializers.IntegerField(
            required=False, min_value=1, max_value=9999
        )
        list = id_field(required=False)

    @extend_schema(
        parameters=[PersonsFilterSerializer],
        operation_id="persons_list",
        responses=page_of(PersonOutputSerializer),
    )
    def get(self, request: Request) -> Response:
        filters = self.PersonsFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        persons = selectors.person_search(
            by=actor_of(request),
            query=data.get("q", ""),
            owner=data.get("owner"),
            register=data.get("register"),
            category=data.get("category"),
            birth_year=data.get("birth_year"),
            person_list_id=data.get("list"),
        )
        return paginated(request, self, persons, PersonOutputSerializer)


class PersonDetailApi(APIView):
    class PersonDetailOutputSerializer(PersonOutputSerializer):
        mother_maiden_name = serializers.CharField()
        person_to_inform = serializers.CharField()
        nationality = serializers.CharField()
        address = serializers.CharField()
        identity_document = serializers.CharField()
        place_of_internment = serializers.CharField()
        extra = serializers.DictField(child=serializers.CharField())
        custody_events = serializers.SerializerMethodField()

        def get_custody_events(self, person: Any) -> list[dict[str, Any]]:
            return [
                {
                    "kind": event.kind,
                    "date": event.date.isoformat() if event.date else None,
                    "place": event.place,
                    "source": event.source,
                }
                for event in selectors.custody_events_for(person=person)
            ]

    @extend_schema(responses=PersonDetailOutputSerializer)
    def get(self, request: Request, person_id: int) -> Response:
        person = selectors.access_person(by=actor_of(request), person_id=person_id)
        return Response(self.PersonDetailOutputSerializer(person).data)


class PersonListOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    owner = serializers.CharField(source="owner.code")
    kind = serializers.CharField()
    title = serializers.CharField()
    created_at = serializers.DateTimeField()


class PersonListsApi(APIView):
    """The lists the caller may see; a party member opens a new list with POST."""

    class PersonListsInputSerializer(serializers.Serializer[Any]):
        kind = serializers.ChoiceField(choices=ListKind.choices)
        title = serializers.CharField(max_length=200)

    @extend_schema(
        operation_id="lists_list", responses=page_of(PersonListOutputSerializer)
    )
    def get(self, request: Request) -> Response:
        lists = selectors.person_lists_visible_to(by=actor_of(request))
        return paginated(request, self, lists, PersonListOutputSerializer)

    @extend_schema(
        request=PersonListsInputSerializer,
        responses={201: PersonListOutputSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        payload = self.PersonListsInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        person_list = services.person_list_create(
            kind=payload.validated_data["kind"],
            title=payload.validated_data["title"],
            by=actor_of(request),
        )
        return Response(
            PersonListOutputSerializer(person_list).data, status=status.HTTP_201_CREATED
        )


class PersonListDetailApi(APIView):
    @extend_schema(responses=PersonListOutputSerializer)
    def get(self, request: Request, list_id: int) -> Response:
        person_list = selectors.access_person_list(
            by=actor_of(request), list_id=list_id
        )
        return Response(PersonListOutputSerializer(person_list).data)


class ListVersionOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    list_id = serializers.IntegerField(source="person_list_id")
    number = serializers.IntegerField()
    submitted_at = serializers.DateTimeField()
    submitted_by = serializers.CharField(source="submitted_by.username")
    source_filename = serializers.CharField()
    source_sha256 = serializers.CharField()
    source_format = serializers.CharField()
    row_count = serializers.IntegerField()
    added_count = serializers.IntegerField()
    removed_count = serializers.IntegerField()
    changed_count = serializers.IntegerField()
    skipped_count = serializers.IntegerField()


class ListVersionsApi(APIView):
    """Versions of a list; POST a CSV or XLSX file (multipart, field ``file``) to
    import it as the next version."""

    parser_classes = (MultiPartParser, FormParser, JSONParser)

    class ListVersionsImportInputSerializer(serializers.Serializer[Any]):
        file = serializers.FileField()
        only_good_rows = serializers.BooleanField(required=False, default=False)
        mapping = serializers.ListField(
            child=serializers.CharField(),
            required=False,
            default=list,
            help_text='Extra header mappings, each "Column=canonical".',
        )

    class ListVersionsImportOutputSerializer(serializers.Serializer[Any]):
        version = ListVersionOutputSerializer(allow_null=True)
        unchanged = serializers.BooleanField()
        message = serializers.CharField()
        rows_read = serializers.IntegerField()
        rows_imported = serializers.IntegerField()
        rows_skipped = serializers.IntegerField()
        problems = serializers.ListField(child=serializers.CharField())
        warnings = serializers.ListField(
            child=serializers.CharField(),
            help_text="Rows imported but worth a look: implausible ages, names that "
            "look damaged (mojibake, '?', formula-like text).",
        )
        encoding = serializers.CharField(
            allow_null=True, help_text="The text encoding a CSV was read in."
        )

    @extend_schema(responses=page_of(ListVersionOutputSerializer))
    def get(self, request: Request, list_id: int) -> Response:
        person_list = selectors.access_person_list(
            by=actor_of(request), list_id=list_id
        )
        versions = selectors.list_versions_for(person_list=person_list)
        return paginated(request, self, versions, ListVersionOutputSerializer)

    @extend_schema(
        request={"multipart/form-data": ListVersionsImportInputSerializer},
        responses={
            201: ListVersionsImportOutputSerializer,
            200: ListVersionsImportOutputSerializer,
        },
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent
    def post(self, request: Request, list_id: int) -> Response:
        result = services.list_version_import(
            **_import_arguments(request, list_id), by=actor_of(request)
        )
        body = {
            "version": result.version,
            "unchanged": result.unchanged,
            "message": result.message,
            "rows_read": result.rows_read,
            "rows_imported": result.rows_imported,
            "rows_skipped": result.rows_skipped,
            "problems": list(result.problems),
            "warnings": list(result.warnings),
            "encoding": result.encoding,
        }
        return Response(
            self.ListVersionsImportOutputSerializer(body).data,
            status=status.HTTP_200_OK if result.unchanged else status.HTTP_201_CREATED,
        )


def _import_arguments(request: Request, list_id: int) -> dict[str, Any]:
    """The list (writable by the caller) and the parsed upload, for an import service."""
    person_list = selectors.access_person_list_for_write(
        by=actor_of(request), list_id=list_id
    )
    payload = ListVersionsApi.ListVersionsImportInputSerializer(data=request.data)
    payload.is_valid(raise_exception=True)
    upload = payload.validated_data["file"]
    try:
        mapping = parse_mapping(payload.validated_data["mapping"])
    except ValueError as exc:
        raise Rejected(str(exc), field="mapping") from exc
    return {
        "person_list": person_list,
        "file_bytes": upload.read(),
        "filename": upload.name or "upload",
        "mapping": mapping,
        "only_good_rows": payload.validated_data["only_good_rows"],
    }


class ImportJobsApi(APIView):
    """Queue a large import to run in the background (multipart, field ``file``); follow
    it at ``/api/v1/jobs/{id}/``."""

    parser_classes = (MultiPartParser, FormParser)

    @extend_schema(
        request={
            "multipart/form-data": ListVersionsApi.ListVersionsImportInputSerializer
        },
        responses={202: JobOutputSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent
    def post(self, request: Request, list_id: int) -> Response:
        job = services.list_version_import_submit(
            **_import_arguments(request, list_id), by=actor_of(request)
        )
        job.refresh_from_db()
        return Response(JobOutputSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class ListVersionDetailApi(APIView):
    @extend_schema(responses=ListVersionOutputSerializer)
    def get(self, request: Request, version_id: int) -> Response:
        version = selectors.access_list_version(
            by=actor_of(request), version_id=version_id
        )
        return Response(ListVersionOutputSerializer(version).data)


class ListVersionDiffApi(APIView):
    """What a version added, removed and changed since the previous version."""

    class ListVersionDiffOutputSerializer(serializers.Serializer[Any]):
        version_number = serializers.IntegerField()
        previous_number = serializers.IntegerField(allow_null=True)
        added = serializers.ListField(child=serializers.CharField())
        removed = serializers.ListField(child=serializers.CharField())
        changed = serializers.ListField(
            child=inline_serializer(
                "ChangedRow",
                {
                    "record_id": serializers.CharField(),
                    "person_id": serializers.IntegerField(),
                    "fields": serializers.DictField(
                        child=serializers.ListField(child=serializers.CharField())
                    ),
                },
            )
        )

    @extend_schema(responses=ListVersionDiffOutputSerializer)
    def get(self, request: Request, version_id: int) -> Response:
        version = selectors.access_list_version(
            by=actor_of(request), version_id=version_id
        )
        diff = selectors.list_version_diff(version=version)
        body = {
            "version_number": diff.version_number,
            "previous_number": diff.previous_number,
            "added": list(diff.added),
            "removed": list(diff.removed),
            "changed": [
                {
                    "record_id": row.record_id,
                    "person_id": row.person_id,
                    "fields": {k: list(v) for k, v in row.fields.items()},
                }
                for row in diff.changed
            ],
        }
        return Response(self.ListVersionDiffOutputSerializer(body).data)


class ListVersionExportApi(APIView):
    """The version's rows as received, as CSV or XLSX (formulas neutralised).

    A POST, as on the page: an export of personal data is recorded in the ledger.
    """

    class ListVersionExportInputSerializer(serializers.Serializer[Any]):
        file_format = serializers.ChoiceField(choices=["csv", "xlsx"], default="csv")

    @extend_schema(
        request=ListVersionExportInputSerializer,
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def post(self, request: Request, version_id: int) -> HttpResponse:
        by = actor_of(request)
        version = selectors.access_list_version(by=by, version_id=version_id)
        payload = self.ListVersionExportInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        exported = services.list_version_export(
            version=version, by=by, format=payload.validated_data["file_format"]
        )
        response = HttpResponse(exported.content, content_type=exported.content_type)
        response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
        response["Cache-Control"] = "no-store"
        return response


class RegistryCountsApi(APIView):
    """How many lists and persons each party has (what observers may see)."""

    class RegistryCountsOutputSerializer(serializers.Serializer[Any]):
        organisation = serializers.CharField()
        register = serializers.CharField()
        lists = serializers.IntegerField()
        persons = serializers.IntegerField()

    @extend_schema(responses=RegistryCountsOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        counts = selectors.registry_counts(by=actor_of(request))
        return Response(self.RegistryCountsOutputSerializer(counts, many=True).data)
