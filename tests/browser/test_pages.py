"""The pages in a real browser: login, navigation by role, languages, the registry,
and a party officer's import from upload to search, detail and export."""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path
from typing import Any

import pytest

from homecoming.apps.accounts.models import Organisation
from tests.browser.conftest import log_in
from tests.factories import PersonFactory, PersonListFactory

# Screenshots are for a person to look at, never committed.
SCREENSHOT_DIR = Path(tempfile.gettempdir()) / "homecoming-screenshots"
needs_list_reader = pytest.mark.skipif(
    importlib.util.find_spec("homecoming.lists") is None,
    reason="the list-file reader (homecoming.lists) is not installed yet",
)


def _nav(page: Any) -> str:
    return str(page.locator("nav.main-nav").inner_text())


def test_wrong_password_is_refused_then_the_right_one_logs_in(
    page: Any, a_officer: Any
) -> None:
    log_in(page, "a_officer", "not the password")
    assert page.locator("[role=alert]").is_visible()
    assert "correct username and password" in page.inner_text("[role=alert]")
    log_in(page, "a_officer")
    page.wait_for_url("**/")
    assert page.locator("h1").inner_text() == "Dashboard"
    assert "Party officer" in page.inner_text("header")


@pytest.mark.parametrize(
    ("username_fixture", "present", "absent"),
    [
        ("a_officer", ["Registry", "Lists", "Imports"], ["All parties"]),
        ("mediator_officer", ["Registry", "All parties' lists"], ["Imports"]),
        ("observer", ["Dashboard"], ["Registry", "Lists"]),
    ],
)
def test_navigation_follows_the_role(
    page: Any,
    request: pytest.FixtureRequest,
    username_fixture: str,
    present: list[str],
    absent: list[str],
) -> None:
    user = request.getfixturevalue(username_fixture)
    log_in(page, user.username)
    page.wait_for_url("**/")
    nav = _nav(page)
    for label in present:
        assert label in nav
    for label in absent:
        assert label not in nav


def test_language_switch_shows_ukrainian_and_russian(page: Any, a_officer: Any) -> None:
    log_in(page, "a_officer")
    page.wait_for_url("**/")
    page.get_by_role("button", name="Українська").click()
    page.wait_for_load_state()
    assert "Реєстр" in _nav(page) and "Огляд" in page.inner_text("h1")
    assert page.locator("html").get_attribute("lang") == "uk"
    page.get_by_role("button", name="Русский").click()
    page.wait_for_load_state()
    assert "Реестр" in _nav(page) and "Обзор" in page.inner_text("h1")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert "Registry" in _nav(page)


def test_search_by_cyrillic_name_opens_the_person_and_the_other_party_gets_404(
    page: Any,
    browser: Any,
    live_server: Any,
    a_officer: Any,
    b_officer: Any,
    party_a: Organisation,
) -> None:
    shevchenko = PersonFactory(
        owner=party_a,
        record_id="UA-0001",
        surname="Шевченко",
        given_name="Олександр",
        patronymic="Іванович",
        name_script="cyrillic",
    )
    PersonFactory(owner=party_a, record_id="UA-0002", surname="Kovalenko")
    log_in(page, "a_officer")
    page.wait_for_url("**/")
    page.locator("nav.main-nav").get_by_role("link", name="Registry").click()
    page.fill("#id_q", "Шевченко")
    page.get_by_role("button", name="Search").click()
    table = page.locator("#persons")
    assert "Шевченко Олександр Іванович" in table.inner_text()
    assert "UA-0002" not in table.inner_text()
    page.get_by_role("link", name="UA-0001").click()
    assert "Шевченко Олександр Іванович" in page.inner_text("h1")
    person_url = page.url

    other = browser.new_context(base_url=live_server.url)
    other_tab = other.new_page()
    log_in(other_tab, "b_officer")
    other_tab.wait_for_url("**/")
    response = other_tab.goto(person_url)
    assert response.status == 404
    assert "Шевченко" not in other_tab.content()
    assert str(shevchenko.pk) in person_url
    other.close()


def test_persons_list_screenshot(
    page: Any, mediator_officer: Any, party_a: Organisation, party_b: Organisation
) -> None:
    """Not an assertion of looks: leaves a screenshot for a person to check by eye."""
    names = [
        ("Шевченко", "Олександр", "Іванович", "cyrillic", party_a),
        ("Коваленко", "Петро", "Миколайович", "cyrillic", party_a),
        ("Shevchenko", "Oleksandr", "Ivanovych", "latin", party_a),
        ("Иванов", "Сергей", "Петрович", "cyrillic", party_b),
        ("Кузнецов", "Дмитрий", "Алексеевич", "cyrillic", party_b),
        ("Khmelnitskii", "Iurii", "", "latin", party_b),
    ]
    for number, (surname, given, patronymic, script, owner) in enumerate(names):
        PersonFactory(
            owner=owner,
            record_id=f"{owner.code.upper()}-{number:04d}",
            surname=surname,
            given_name=given,
            patronymic=patronymic,
            name_script=script,
            rank="солдат" if script == "cyrillic" else "private",
            health="поранений" if number % 2 else "",
        )
    log_in(page, "m_officer")
    page.wait_for_url("**/")
    page.goto("/registry/persons/")
    assert page.locator("#persons tbody tr").count() == len(names)
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / "persons.png"), full_page=True)
    page.get_by_role("button", name="Українська").click()
    page.wait_for_load_state()
    assert "Реєстр осіб" in page.inner_text("h1")
    page.screenshot(path=str(SCREENSHOT_DIR / "persons-uk.png"), full_page=True)
    page.locator("#persons a.id, #persons td.id a").first.click()
    page.screenshot(path=str(SCREENSHOT_DIR / "person-uk.png"), full_page=True)


CSV_WITH_A_BAD_ROW = (
    "№ з/п,Прізвище,Ім'я,По батькові,Дата народження,Звання\n"
    "UA-1,Шевченко,Олександр,Іванович,17.05.1990,солдат\n"
    "UA-2,Коваленко,Петро,Миколайович,31.02.1985,сержант\n"
    "UA-3,Бондаренко,Андрій,Олексійович,1979,солдат\n"
).encode()


@needs_list_reader
def test_party_officer_imports_good_rows_searches_and_exports(
    page: Any,
    browser: Any,
    live_server: Any,
    a_officer: Any,
    b_officer: Any,
    party_a: Organisation,
) -> None:
    person_list = PersonListFactory(owner=party_a, kind="held", title="Held list")
    upload = {"name": "held.csv", "mimeType": "text/csv", "buffer": CSV_WITH_A_BAD_ROW}
    log_in(page, "a_officer")
    page.wait_for_url("**/")
    page.goto(f"/registry/lists/{person_list.pk}/")
    page.get_by_role("link", name="Import a new version").click()

    page.set_input_files("#id_file", upload)
    page.get_by_role("button", name="Upload and import").click()
    report = page.locator("#problems").inner_text()
    assert "3" in report and "birth_date" in report
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / "import-problems.png"), full_page=True)

    page.set_input_files("#id_file", upload)
    page.check("#id_only_good_rows")
    page.get_by_role("button", name="Upload and import").click()
    assert "Version 1 imported: 2 rows" in page.inner_text(".messages")
    page.screenshot(path=str(SCREENSHOT_DIR / "version.png"), full_page=True)

    # Importing the same file again changes nothing.
    page.goto(f"/registry/lists/{person_list.pk}/import/")
    page.set_input_files("#id_file", upload)
    page.check("#id_only_good_rows")
    page.get_by_role("button", name="Upload and import").click()
    assert "Nothing changed" in page.inner_text(".messages")

    page.goto("/registry/persons/?q=Бондаренко")
    page.get_by_role("link", name="UA-3").click()
    assert "Бондаренко Андрій Олексійович" in page.inner_text("h1")
    person_path = page.url.removeprefix(live_server.url)

    page.goto(f"/registry/lists/{person_list.pk}/")
    with page.expect_download() as download_info:
        page.locator("button[data-export=csv]").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    content = Path(download.path()).read_bytes().decode("utf-8-sig")
    assert "Бондаренко" in content and "Коваленко" not in content

    other = browser.new_context(base_url=live_server.url)
    other_tab = other.new_page()
    log_in(other_tab, "b_officer")
    other_tab.wait_for_url("**/")
    assert other_tab.goto(person_path).status == 404
    assert "Бондаренко" not in other_tab.content()
    other.close()
