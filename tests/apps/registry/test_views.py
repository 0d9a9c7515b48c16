"""Registry pages: scoped search, person detail, lists, versions and their diff, import
and export through the page, each for the roles that may and may not."""

from __future__ import annotations

from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from homecoming.apps.accounts.models import Organisation
from homecoming.apps.registry.models import CustodyEvent, ListVersion
from homecoming.apps.registry.selectors import VersionDiff
from tests.factories import (
    ListRowFactory,
    ListVersionFactory,
    PersonFactory,
    PersonListFactory,
    sign_in,
)


def _as(client: Client, user: Any) -> Client:
    sign_in(client, user)
    return client


@pytest.fixture
def shevchenko(party_a: Organisation) -> Any:
    return PersonFactory(
        owner=party_a,
        record_id="UA-0001",
        surname="Шевченко",
        given_name="Олександр",
        patronymic="Іванович",
        name_script="cyrillic",
        health="поранений",
    )


@pytest.fixture
def ivanov(party_b: Organisation) -> Any:
    return PersonFactory(
        owner=party_b,
        record_id="RU-0001",
        surname="Иванов",
        given_name="Сергей",
        patronymic="Петрович",
        name_script="cyrillic",
    )


def test_party_officer_finds_own_person_by_cyrillic_name(
    client: Client, a_officer: Any, shevchenko: Any, ivanov: Any
) -> None:
    html = (
        _as(client, a_officer)
        .get(reverse("registry:persons"), {"q": "Шевченко"})
        .content.decode()
    )
    assert "Шевченко Олександр Іванович" in html
    assert "Cyrillic" in html  # the script is shown beside the name


def test_search_ignores_the_case_of_cyrillic_names(
    client: Client, a_officer: Any, shevchenko: Any
) -> None:
    html = (
        _as(client, a_officer)
        .get(reverse("registry:persons"), {"q": "шевченко"})
        .content.decode()
    )
    assert "UA-0001" in html


def test_search_in_latin_finds_a_name_written_in_cyrillic_through_its_keys(
    client: Client, a_officer: Any, party_a: Organisation
) -> None:
    PersonFactory(
        owner=party_a,
        record_id="UA-0003",
        surname="Шевченко",
        given_name="Олександр",
        surname_key="shevchenko",
        given_key="aleksandr",
    )
    _as(client, a_officer)
    by_surname = client.get(reverse("registry:persons"), {"q": "Shevchenko"}).content
    by_russian_given_name = client.get(
        reverse("registry:persons"), {"q": "Александр"}
    ).content
    assert b"UA-0003" in by_surname and b"UA-0003" in by_russian_given_name


def test_party_officer_never_sees_the_other_partys_persons(
    client: Client, a_officer: Any, shevchenko: Any, ivanov: Any
) -> None:
    _as(client, a_officer)
    html = client.get(reverse("registry:persons")).content.decode()
    assert "UA-0001" in html and "RU-0001" not in html
    other = client.get(reverse("registry:person", kwargs={"person_id": ivanov.pk}))
    assert other.status_code == 404
    assert "Иванов" not in other.content.decode()


def test_mediator_sees_every_partys_persons_with_the_party(
    client: Client, mediator_officer: Any, shevchenko: Any, ivanov: Any
) -> None:
    html = _as(client, mediator_officer).get(reverse("registry:persons")).content
    assert b"UA-0001" in html and b"RU-0001" in html
    filtered = client.get(reverse("registry:persons"), {"owner": "ru"}).content
    assert b"RU-0001" in filtered and b"UA-0001" not in filtered


def test_observer_sees_no_person(
    client: Client, observer: Any, shevchenko: Any
) -> None:
    _as(client, observer)
    assert b"UA-0001" not in client.get(reverse("registry:persons")).content
    response = client.get(
        reverse("registry:person", kwargs={"person_id": shevchenko.pk})
    )
    assert response.status_code == 404


def test_filters_by_category_health_and_custody_status(
    client: Client, a_officer: Any, party_a: Organisation, shevchenko: Any
) -> None:
    civilian = PersonFactory(owner=party_a, record_id="UA-0002", category="civilian")
    CustodyEvent.objects.create(person=shevchenko, kind="capture", year=2024)
    CustodyEvent.objects.create(person=shevchenko, kind="hospital_admission", year=2025)
    _as(client, a_officer)
    url = reverse("registry:persons")

    by_category = client.get(url, {"category": "civilian"}).content
    assert b"UA-0002" in by_category and b"UA-0001" not in by_category
    by_health = client.get(url, {"health": "поранений"}).content
    assert b"UA-0001" in by_health and b"UA-0002" not in by_health
    in_hospital = client.get(url, {"custody": "hospital_admission"}).content
    assert b"UA-0001" in in_hospital and civilian.record_id.encode() not in in_hospital
    captured_only = client.get(url, {"custody": "capture"}).content
    assert b"UA-0001" not in captured_only  # the latest event is the admission


def test_filter_by_list_keeps_persons_on_its_latest_version(
    client: Client, a_officer: Any, party_a: Organisation, shevchenko: Any
) -> None:
    other = PersonFactory(owner=party_a, record_id="UA-0009")
    version = ListVersionFactory(person_list=PersonListFactory(owner=party_a))
    ListRowFactory(version=version, person=shevchenko)
    html = (
        _as(client, a_officer)
        .get(reverse("registry:persons"), {"list": version.person_list_id})
        .content
    )
    assert b"UA-0001" in html and other.record_id.encode() not in html


def test_persons_page_paginates(
    client: Client, a_officer: Any, party_a: Organisation
) -> None:
    PersonFactory.create_batch(55, owner=party_a)
    _as(client, a_officer)
    first = client.get(reverse("registry:persons")).content.decode()
    assert "Page 1 of 2" in first
    second = client.get(reverse("registry:persons"), {"page": 2}).content.decode()
    assert second.count('class="id"') == 5


def test_persons_page_query_count_does_not_grow_with_rows(
    client: Client,
    a_officer: Any,
    party_a: Organisation,
    django_assert_max_num_queries: Any,
) -> None:
    people = PersonFactory.create_batch(50, owner=party_a)
    for person in people[:10]:
        CustodyEvent.objects.create(person=person, kind="capture", year=2024)
    PersonListFactory.create_batch(3, owner=party_a)
    _as(client, a_officer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("registry:persons"), {"q": "Testenko"})
    assert response.content.decode().count('class="id"') == 50


def test_person_page_shows_particulars_and_custody_timeline(
    client: Client, a_officer: Any, shevchenko: Any
) -> None:
    CustodyEvent.objects.create(
        person=shevchenko, kind="capture", year=2024, month=3, place="Н-ськ"
    )
    html = (
        _as(client, a_officer)
        .get(reverse("registry:person", kwargs={"person_id": shevchenko.pk}))
        .content.decode()
    )
    assert "Шевченко Олександр Іванович" in html
    assert "Capture" in html and "2024-03" in html and "Н-ськ" in html


def test_lists_page_scoped_and_mediator_sees_all(
    client: Client,
    a_officer: Any,
    mediator_officer: Any,
    party_a: Organisation,
    party_b: Organisation,
) -> None:
    PersonListFactory(owner=party_a, title="Held by A")
    PersonListFactory(owner=party_b, title="Held by B")
    own = _as(client, a_officer).get(reverse("registry:lists")).content
    assert b"Held by A" in own and b"Held by B" not in own
    everything = _as(Client(), mediator_officer).get(reverse("registry:lists")).content
    assert b"Held by A" in everything and b"Held by B" in everything


def test_party_officer_opens_a_list_and_mediator_may_not(
    client: Client, a_officer: Any, mediator_officer: Any
) -> None:
    response = _as(client, a_officer).post(
        reverse("registry:lists"), {"kind": "sought", "title": "Sought 2026"}
    )
    assert response.status_code == 302
    mediator = _as(Client(), mediator_officer)
    assert b"Open a new list" not in mediator.get(reverse("registry:lists")).content
    refused = mediator.post(
        reverse("registry:lists"), {"kind": "held", "title": "Not theirs"}
    )
    assert refused.status_code == 403


def test_duplicate_list_title_is_a_form_error(
    client: Client, a_officer: Any, party_a: Organisation
) -> None:
    PersonListFactory(owner=party_a, kind="held", title="Held")
    response = _as(client, a_officer).post(
        reverse("registry:lists"), {"kind": "held", "title": "Held"}
    )
    assert response.status_code == 200
    assert b"already has a list with this title" in response.content


def test_import_page_is_for_the_owning_party_only(
    client: Client,
    a_officer: Any,
    b_officer: Any,
    mediator_officer: Any,
    party_a: Organisation,
) -> None:
    person_list = PersonListFactory(owner=party_a)
    url = reverse("registry:import", kwargs={"list_id": person_list.pk})
    assert _as(client, a_officer).get(url).status_code == 200
    assert _as(Client(), b_officer).get(url).status_code == 404
    assert _as(Client(), mediator_officer).get(url).status_code == 403


def test_only_the_owning_party_is_offered_the_import_button(
    client: Client, a_officer: Any, mediator_officer: Any, party_a: Organisation
) -> None:
    # given a list of party A
    person_list = PersonListFactory(owner=party_a)
    detail = reverse("registry:list", kwargs={"list_id": person_list.pk})
    import_url = reverse("registry:import", kwargs={"list_id": person_list.pk})
    # when its owner and the mediator open the list page
    owner_html = _as(client, a_officer).get(detail).content.decode()
    mediator_html = _as(Client(), mediator_officer).get(detail).content.decode()
    # then only the owner is offered the import page the mediator may not open
    assert import_url in owner_html
    assert import_url not in mediator_html


def test_mapping_lines_that_name_no_canonical_field_are_refused(
    client: Client, a_officer: Any, party_a: Organisation
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    person_list = PersonListFactory(owner=party_a)
    response = _as(client, a_officer).post(
        reverse("registry:import", kwargs={"list_id": person_list.pk}),
        {
            "file": SimpleUploadedFile("list.csv", b"record_id\n1\n"),
            "mapping": "Колонка 7=service_number\nЖетон=dog_tag",
        },
    )
    assert response.status_code == 200
    assert "Line 2: dog_tag is not a canonical field" in response.content.decode()
    assert not ListVersion.objects.exists()


def test_version_page_shows_the_diff_field_by_field(
    client: Client, a_officer: Any, party_a: Organisation, shevchenko: Any
) -> None:
    person_list = PersonListFactory(owner=party_a)
    gone = PersonFactory(owner=party_a, record_id="UA-0005")
    new = PersonFactory(owner=party_a, record_id="UA-0007")
    first = ListVersionFactory(person_list=person_list, number=1)
    ListRowFactory(
        version=first,
        person=shevchenko,
        raw={"record_id": "UA-0001", "surname": "Шевченко", "rank": "солдат"},
    )
    ListRowFactory(version=first, person=gone)
    second = ListVersionFactory(person_list=person_list, number=2)
    ListRowFactory(
        version=second,
        person=shevchenko,
        raw={"record_id": "UA-0001", "surname": "Шевченко", "rank": "сержант"},
    )
    ListRowFactory(version=second, person=new)

    html = (
        _as(client, a_officer)
        .get(reverse("registry:version", kwargs={"version_id": second.pk}))
        .content.decode()
    )
    assert "Changes since version 1" in html
    added = html.split('id="diff-added"', 1)[1].split("</p>", 1)[0]
    removed = html.split('id="diff-removed"', 1)[1].split("</p>", 1)[0]
    changed = html.split('id="diff-changed"', 1)[1].split("</table>", 1)[0]
    assert "UA-0007" in added and "UA-0005" in removed
    assert "Rank" in changed and "солдат" in changed and "сержант" in changed


def test_other_partys_version_is_not_found(
    client: Client, b_officer: Any, party_a: Organisation
) -> None:
    version = ListVersionFactory(person_list=PersonListFactory(owner=party_a))
    _as(client, b_officer)
    url = reverse("registry:version", kwargs={"version_id": version.pk})
    assert client.get(url).status_code == 404
    export = reverse(
        "registry:export", kwargs={"version_id": version.pk, "format": "csv"}
    )
    assert client.post(export).status_code == 404


def test_export_needs_a_post(
    client: Client, a_officer: Any, party_a: Organisation
) -> None:
    version = ListVersionFactory(person_list=PersonListFactory(owner=party_a))
    url = reverse("registry:export", kwargs={"version_id": version.pk, "format": "csv"})
    assert _as(client, a_officer).get(url).status_code == 405


CSV_WITH_A_BAD_ROW = (
    "№ з/п,Прізвище,Ім'я,По батькові,Дата народження\n"
    "UA-1,Шевченко,Олександр,Іванович,17.05.1990\n"
    "UA-2,Коваленко,Петро,Миколайович,31.02.1985\n"
    "UA-3,Бондаренко,Андрій,Олексійович,1979\n"
).encode()


def test_import_with_a_bad_row_names_it_and_imports_nothing_then_good_rows(
    client: Client, a_officer: Any, party_a: Organisation
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    person_list = PersonListFactory(owner=party_a)
    url = reverse("registry:import", kwargs={"list_id": person_list.pk})
    _as(client, a_officer)

    rejected = client.post(
        url, {"file": SimpleUploadedFile("held.csv", CSV_WITH_A_BAD_ROW)}
    )
    assert rejected.status_code == 200
    report = rejected.content.decode().split('id="problems"', 1)[1]
    assert "3" in report and "birth_date" in report
    assert not ListVersion.objects.exists()

    accepted = client.post(
        url,
        {
            "file": SimpleUploadedFile("held.csv", CSV_WITH_A_BAD_ROW),
            "only_good_rows": "on",
        },
    )
    assert accepted.status_code == 302
    version = ListVersion.objects.get()
    assert version.row_count == 2 and version.skipped_count == 1

    again = client.post(
        url,
        {
            "file": SimpleUploadedFile("held.csv", CSV_WITH_A_BAD_ROW),
            "only_good_rows": "on",
        },
        follow=True,
    )
    assert "Nothing changed" in again.content.decode()
    assert ListVersion.objects.count() == 1


def test_a_file_without_a_header_points_to_the_pages_mapping_box(
    client: Client, a_officer: Any, party_a: Organisation
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    person_list = PersonListFactory(owner=party_a)
    url = reverse("registry:import", kwargs={"list_id": person_list.pk})
    _as(client, a_officer)
    odd = "Колонка;Інша\n1;2\n".encode()
    page = client.post(url, {"file": SimpleUploadedFile("odd.csv", odd)})
    report = page.content.decode().split('id="problems"', 1)[1].split("</section>")[0]
    assert "no header recognised" in report
    assert "mapping box" in report
    assert "--map" not in report and "good rows" not in report


def test_the_version_page_shows_the_imports_warnings(
    client: Client, a_officer: Any, party_a: Organisation
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    person_list = PersonListFactory(owner=party_a)
    url = reverse("registry:import", kwargs={"list_id": person_list.pk})
    _as(client, a_officer)
    data = CSV_WITH_A_BAD_ROW.replace(b"31.02.1985", b"1985")
    data = data.replace("Бондаренко".encode(), "Бондар?нко".encode())
    page = client.post(url, {"file": SimpleUploadedFile("held.csv", data)}, follow=True)
    text = page.content.decode()
    assert "worth a look" in text
    assert "held.csv, row 4, field surname" in text


def test_export_downloads_the_version_as_csv_and_xlsx(
    client: Client, a_officer: Any, party_a: Organisation, shevchenko: Any
) -> None:
    version = ListVersionFactory(person_list=PersonListFactory(owner=party_a))
    ListRowFactory(
        version=version,
        person=shevchenko,
        raw={"record_id": "UA-0001", "surname": "=Шевченко"},
    )
    _as(client, a_officer)
    csv = client.post(
        reverse("registry:export", kwargs={"version_id": version.pk, "format": "csv"})
    )
    assert csv.status_code == 200
    assert "attachment" in csv["Content-Disposition"]
    assert "=Шевченко" not in csv.content.decode("utf-8-sig").replace("'=", "")
    xlsx = client.post(
        reverse("registry:export", kwargs={"version_id": version.pk, "format": "xlsx"})
    )
    assert xlsx.content[:2] == b"PK"


def test_registry_pages_carry_no_inline_script_or_style(
    client: Client, a_officer: Any, party_a: Organisation, shevchenko: Any
) -> None:
    version = ListVersionFactory(person_list=PersonListFactory(owner=party_a))
    ListRowFactory(version=version, person=shevchenko)
    _as(client, a_officer)
    urls = [
        reverse("registry:persons"),
        reverse("registry:person", kwargs={"person_id": shevchenko.pk}),
        reverse("registry:lists"),
        reverse("registry:list", kwargs={"list_id": version.person_list_id}),
        reverse("registry:import", kwargs={"list_id": version.person_list_id}),
        reverse("registry:version", kwargs={"version_id": version.pk}),
        reverse("registry:imports"),
    ]
    for url in urls:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert "<script" not in html and "style=" not in html, url
        assert "<style" not in html, url


def test_not_found_page_says_nothing_about_the_object(
    client: Client, b_officer: Any, shevchenko: Any
) -> None:
    response = _as(client, b_officer).get(
        reverse("registry:person", kwargs={"person_id": shevchenko.pk})
    )
    html = response.content.decode()
    assert response.status_code == 404
    assert "Not found" in html
    assert "UA-0001" not in html and "Шевченко" not in html


def test_large_file_is_imported_by_a_background_job_with_a_progress_page(
    client: Client,
    a_officer: Any,
    b_officer: Any,
    party_a: Organisation,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from homecoming.apps.registry import services

    monkeypatch.setattr(services, "BACKGROUND_IMPORT_BYTES", 10)
    person_list = PersonListFactory(owner=party_a)
    url = reverse("registry:import", kwargs={"list_id": person_list.pk})
    _as(client, a_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "file": SimpleUploadedFile("held.csv", CSV_WITH_A_BAD_ROW),
                "only_good_rows": "on",
            },
        )
    assert response.status_code == 302
    job_page = client.get(response["Location"])
    html = job_page.content.decode()
    assert "Imported 2 rows (1 skipped)" in html
    assert "birth_date" in html
    assert ListVersion.objects.get().row_count == 2
    assert _as(Client(), b_officer).get(response["Location"]).status_code == 404


def test_background_job_page_reloads_itself_while_queued(
    client: Client,
    a_officer: Any,
    party_a: Organisation,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from homecoming.apps.registry import services

    monkeypatch.setattr(services, "BACKGROUND_IMPORT_BYTES", 10)
    person_list = PersonListFactory(owner=party_a)
    _as(client, a_officer)
    response = client.post(  # the job is queued: on_commit never runs in this test
        reverse("registry:import", kwargs={"list_id": person_list.pk}),
        {"file": SimpleUploadedFile("held.csv", CSV_WITH_A_BAD_ROW)},
    )
    html = client.get(response["Location"]).content.decode()
    # Without JavaScript the page refreshes itself; with it, job.js polls the API.
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert "homecoming/job.js" in html and "data-job-url" in html
    assert "Waiting" in html
    imports = client.get(reverse("registry:imports")).content.decode()
    assert "Background imports" in imports and response["Location"] in imports


def test_long_diffs_show_the_first_500_records_and_count_the_rest(
    party_a: Organisation,
) -> None:
    person_list = PersonListFactory(owner=party_a)
    version = ListVersionFactory(person_list=person_list, number=2)
    diff = VersionDiff(
        version_number=2,
        previous_number=1,
        added=tuple(f"UA-{n:05d}" for n in range(600)),
    )
    html = render_to_string(
        "registry/version.html",
        {
            "version": version,
            "person_list": person_list,
            "diff": diff,
            "rows": [],
            "export_formats": ("csv",),
        },
    )
    shown = html.split('id="diff-added"', 1)[1].split("</p>", 1)[0]
    assert "UA-00499" in shown and "UA-00500" not in shown
    assert "and 100 more" in shown


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("uk", "У файлі 1 проблема. Нічого не імпортовано."),
        ("ru", "В файле 1 проблема. Ничего не импортировано."),
    ],
)
def test_problems_report_speaks_the_readers_language(
    client: Client,
    a_officer: Any,
    party_a: Organisation,
    language: str,
    heading: str,
) -> None:
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile

    person_list = PersonListFactory(owner=party_a)
    _as(client, a_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(
        reverse("registry:import", kwargs={"list_id": person_list.pk}),
        {"file": SimpleUploadedFile("held.csv", CSV_WITH_A_BAD_ROW)},
    )
    assert heading in response.content.decode()


def test_every_canonical_column_has_a_translated_label() -> None:
    # given the columns the list reader knows and the labels the pages show
    from homecoming.apps.web.labels import FIELD_LABELS
    from homecoming.lists import CANONICAL_FIELDS

    # then a column added to the reader is not shown by its bare name on diff pages
    assert set(CANONICAL_FIELDS) <= set(FIELD_LABELS)
