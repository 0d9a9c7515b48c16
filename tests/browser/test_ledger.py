"""The ledger's pages in a real browser, for each role (DESIGN.md section 4).

The mediator signs a checkpoint and verifies the log; a party sees only its own and
shared entries, keeps a checkpoint and checks a consistency proof against it; a party
registers a key and uploads a signature made offline; an observer sees checkpoints but no
entries; a person's page shows the import that listed the person.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from homecoming.apps.accounts.actors import SYSTEM, actor_for
from homecoming.apps.accounts.models import Organisation, Role
from homecoming.apps.audit.models import (
    Checkpoint,
    DocumentSignature,
    LedgerEntry,
    PartyKey,
)
from homecoming.apps.audit.services import (
    checkpoint_sign,
    ledger_append,
    party_key_register,
)
from homecoming.engines.ledger import (
    document_sha256,
    generate_private_key,
    key_id,
    public_key_text,
    sign_document,
    verify_consistency,
)
from tests.browser.conftest import log_in
from tests.engines.ledger.samples import sample_manifest
from tests.factories import member
from tests.ledger_notes import NOTE, acting_for

pytestmark = pytest.mark.browser

# Generated markers, one per organisation, to look for on the pages.
SECRET_A = "Ааронович-browser-ledger-A"
SECRET_B = "Бобров-browser-ledger-B"
SECRET_SHARED = "Спільний-browser-ledger-shared"


@pytest.fixture(autouse=True)
def _checkpoint_key_in_tmp(settings: Any, tmp_path: Path) -> None:
    """The mediator's checkpoint key lives in this test's temporary directory."""
    settings.HOMECOMING_CHECKPOINT_KEY_FILE = str(tmp_path / "checkpoint.pem")


def _logged_in(page: Any, username: str) -> None:
    log_in(page, username)
    page.wait_for_url("**/")


def _sub_nav(page: Any, label: str) -> None:
    page.locator("nav.sub-nav").get_by_role("link", name=label, exact=True).click()
    page.wait_for_load_state()


def _history_seqs(page: Any) -> list[str]:
    """Sequence numbers in the history section of an object's page."""
    return list(page.locator("section.history tbody td.id").all_inner_texts())


def _ledger_size() -> int:
    last = LedgerEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    return int(last or 0)


def test_mediator_signs_a_checkpoint_on_demand_and_verification_finds_the_log_intact(
    page: Any,
    mediator_admin: Any,
    party_a: Organisation,
    party_b: Organisation,
) -> None:
    ledger_append(by=acting_for("ua"), action=NOTE, data={"s": SECRET_A})
    ledger_append(by=acting_for("ru"), action=NOTE, data={"s": SECRET_B})
    _logged_in(page, "m_admin")
    page.locator("nav.main-nav").get_by_role("link", name="Ledger").click()
    assert page.locator("h1").inner_text() == "Ledger"
    entries = page.locator("table.ledger").inner_text()
    assert SECRET_A in entries and SECRET_B in entries

    _sub_nav(page, "Checkpoints")
    assert "No checkpoint has been signed yet." in page.inner_text("main")
    page.fill("#id_reason", "before the meeting of 25 November")
    page.get_by_role("button", name="Sign a checkpoint now").click()
    page.wait_for_url("**/ledger/checkpoints/*/")

    checkpoint = Checkpoint.objects.get()
    assert checkpoint.reason == "before the meeting of 25 November"
    # Signing registered the server's key first (an entry), so it covers that entry too.
    assert checkpoint.size == _ledger_size()
    assert (
        checkpoint.root_hash == LedgerEntry.objects.get(seq=checkpoint.size).tree_root
    )
    assert PartyKey.objects.get(is_checkpoint_key=True).key_id == checkpoint.key_id
    assert (
        f"Checkpoint of size {checkpoint.size} signed."
        in page.locator(".messages").inner_text()
    )
    assert checkpoint.root_hash in page.inner_text("main")

    _sub_nav(page, "Verification")
    report = page.inner_text("main")
    assert (
        f"Every entry re-hashed: {checkpoint.size} entries, root {checkpoint.root_hash}; "
        "1 stored checkpoints checked." in " ".join(report.split())
    )
    assert page.locator("[role=status]").inner_text() == (
        "Every entry and every checkpoint holds."
    )
    assert page.locator("[role=alert]").count() == 0


def test_party_sees_own_and_shared_entries_keeps_a_checkpoint_and_proves_consistency(
    page: Any,
    a_officer: Any,
    party_a: Organisation,
    party_b: Organisation,
    mediator: Organisation,
) -> None:
    ledger_append(by=acting_for("ua"), action=NOTE, data={"s": SECRET_A})
    ledger_append(by=acting_for("ru"), action=NOTE, data={"s": SECRET_B})
    ledger_append(
        by=acting_for("ru"),
        action=NOTE,
        data={"s": SECRET_SHARED},
        audience=["ua"],
    )
    kept = checkpoint_sign(by=SYSTEM, reason="stage 1 closed")
    ledger_append(by=acting_for("ru"), action=NOTE, data={"s": "later"})
    newest = checkpoint_sign(by=SYSTEM, reason="stage 2 closed")
    assert newest.size > kept.size

    _logged_in(page, "a_officer")
    page.locator("nav.main-nav").get_by_role("link", name="Ledger").click()
    entries = page.locator("table.ledger").inner_text()
    assert SECRET_A in entries and SECRET_SHARED in entries
    assert SECRET_B not in page.content() and "later" not in entries
    shown = {
        int(seq) for seq in page.locator("table.ledger tbody td.id").all_inner_texts()
    }
    assert shown, "the party sees no entries"
    # Every row shown is party A's own or names it in its audience.
    for entry in LedgerEntry.objects.filter(seq__in=shown):
        assert "ua" in entry.visible_to.split("|"), entry.seq
    # Sign form is the mediator's only.
    _sub_nav(page, "Checkpoints")
    assert page.get_by_role("button", name="Sign a checkpoint now").count() == 0

    # Keep the older checkpoint.
    page.locator("main table").get_by_role(
        "link", name=str(kept.size), exact=True
    ).click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download this checkpoint (JSON) to keep").click()
    download = download_info.value
    assert download.suggested_filename == f"checkpoint-{kept.size}.json"
    kept_file = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert kept_file["document"]["size"] == kept.size
    assert kept_file["document"]["root_hash"] == kept.root_hash
    assert kept_file["document"]["root_hash"] == (
        LedgerEntry.objects.get(seq=kept.size).tree_root
    )
    assert kept_file["signature"]["key_id"] == newest.key_id

    # Later: is the ledger now an extension of the one kept?
    page.get_by_role("link", name="Check the ledger against it").click()
    heading = page.locator("main h2").inner_text()
    assert heading == f"From size {kept.size} to size {newest.size}"
    assert page.locator("[role=status]").inner_text().startswith("Consistent:")

    # A root that was never the ledger's is caught.
    page.fill("#id_kept_root", "0" * 64)
    page.get_by_role("button", name="Get the proof").click()
    assert page.locator("[role=alert]").inner_text().startswith("NOT consistent:")

    answer = page.request.get(f"/api/v1/ledger/consistency/?from={kept.size}").json()
    assert answer["old_size"] == kept.size and answer["new_size"] == newest.size
    assert verify_consistency(
        kept.size,
        newest.size,
        bytes.fromhex(kept_file["document"]["root_hash"]),
        bytes.fromhex(answer["new_root"]),
        [bytes.fromhex(h) for h in answer["proof"]],
    )


def _upload_signature(page: Any, document: Any, envelope: Any) -> None:
    page.goto("/ledger/signatures/upload/")
    page.set_input_files(
        "#id_document",
        {
            "name": "manifest.json",
            "mimeType": "application/json",
            "buffer": json.dumps(document, ensure_ascii=False).encode(),
        },
    )
    page.set_input_files(
        "#id_signature",
        {
            "name": "manifest.ua.sig.json",
            "mimeType": "application/json",
            "buffer": json.dumps(envelope).encode(),
        },
    )
    page.get_by_role("button", name="Upload and verify").click()
    page.wait_for_load_state()


def test_party_registers_a_key_and_uploads_an_offline_signature_which_verifies(
    page: Any,
    a_admin: Any,
    party_a: Organisation,
    party_b: Organisation,
    mediator: Organisation,
) -> None:
    private_key = generate_private_key()
    public_text = public_key_text(private_key.public_key())
    identifier = key_id(private_key.public_key())

    _logged_in(page, "a_admin")
    page.goto("/ledger/keys/")
    assert "No keys registered yet." in page.inner_text("main")
    page.fill("#id_public_key", public_text)
    page.fill("#id_label", "Kyiv office")
    page.get_by_role("button", name="Register").click()
    assert (
        f"Key {identifier[:16]} registered." in page.locator(".messages").inner_text()
    )
    key = PartyKey.objects.get(key_id=identifier)
    assert (key.organisation, key.status, key.public_key) == (
        "ua",
        "active",
        public_text,
    )
    assert identifier in page.locator("main table").inner_text()

    # Offline, as ``homecoming sign manifest.json --key ua.pem --signer ua`` does.
    manifest = sample_manifest()
    envelope = sign_document(manifest, private_key, signer="ua").to_json()
    digest = document_sha256(manifest)
    _upload_signature(page, manifest, envelope)
    assert (
        f"Signature of ua over document {digest[:16]} accepted."
        in page.locator(".messages").inner_text()
    )
    stored = DocumentSignature.objects.get(document_sha256=digest)
    assert (stored.organisation, stored.key_id) == ("ua", identifier)
    assert LedgerEntry.objects.filter(
        action="document.sign", data__document_sha256=digest
    ).exists()

    # The same signature over a document with one name changed is refused.
    changed = copy.deepcopy(manifest)
    changed["persons"][0]["names_as_written"]["surname"] = "ТКАЧЕНКА"
    _upload_signature(page, changed, envelope)
    assert page.locator("main .errorlist").inner_text() == (
        "the signature does not verify: signs a different document"
        " (its document_sha256 differs)"
    )
    assert not DocumentSignature.objects.filter(
        document_sha256=document_sha256(changed)
    ).exists()

    # A signature by the other party's key is not one of ours.
    b_admin = member(party_b, Role.PARTY_ADMIN, username="b_admin")
    foreign_key = generate_private_key()
    party_key_register(
        by=actor_for(b_admin), public_key=public_key_text(foreign_key.public_key())
    )
    other_document = sample_manifest(persons=3)
    foreign = sign_document(other_document, foreign_key, signer="ua").to_json()
    _upload_signature(page, other_document, foreign)
    assert page.locator("main .errorlist").inner_text() == (
        "the signature is not made with a key registered by your organisation"
    )
    # Nor by a key nobody registered.
    stranger = sign_document(other_document, generate_private_key()).to_json()
    _upload_signature(page, other_document, stranger)
    assert page.locator("main .errorlist").inner_text() == (
        "the signature is not made with a key registered by your organisation"
    )
    assert not DocumentSignature.objects.filter(
        document_sha256=document_sha256(other_document)
    ).exists()
    assert DocumentSignature.objects.count() == 1


def test_observer_sees_checkpoints_but_no_entries(
    page: Any,
    observer: Any,
    party_a: Organisation,
    mediator: Organisation,
) -> None:
    ledger_append(by=acting_for("ua"), action=NOTE, data={"s": SECRET_A})
    checkpoint = checkpoint_sign(by=SYSTEM, reason="stage 1 closed")

    _logged_in(page, "observer")
    page.locator("nav.main-nav").get_by_role("link", name="Ledger checkpoints").click()
    table = page.locator("main table").inner_text()
    assert checkpoint.root_hash in table and "stage 1 closed" in table
    assert page.get_by_role("button", name="Sign a checkpoint now").count() == 0

    _sub_nav(page, "Entries")
    assert "Observers see checkpoints, not entries." in page.inner_text("main")
    assert page.locator("table.ledger").count() == 0
    assert SECRET_A not in page.content()
    assert checkpoint.root_hash in page.inner_text("main")
    # Observers audit: the verification page is theirs too.
    _sub_nav(page, "Verification")
    assert page.locator("[role=status]").inner_text() == (
        "Every entry and every checkpoint holds."
    )
    assert page.request.get("/api/v1/ledger/entries/").json()["count"] == 0


CSV = (
    "№ з/п,Прізвище,Ім'я,По батькові,Дата народження\n"
    "UA-71,Мельниченко,Тарас,Богданович,03.04.1988\n"
    "UA-72,Гнатюк,Остап,Ярославович,1991\n"
).encode()


def test_person_page_history_shows_the_import_that_listed_the_person(
    page: Any,
    a_officer: Any,
    mediator_officer: Any,
    party_a: Organisation,
    party_b: Organisation,
) -> None:
    from homecoming.apps.registry.imports import list_version_import
    from homecoming.apps.registry.models import Person
    from homecoming.apps.registry.services import person_list_create

    held = person_list_create(
        kind="held", title="Held, November", by=actor_for(a_officer)
    )
    result = list_version_import(
        person_list=held,
        file_bytes=CSV,
        filename="held-november.csv",
        by=actor_for(a_officer),
    )
    assert result.version is not None
    entry = LedgerEntry.objects.get(
        action="list_version.import",
        subject_type="registry.listversion",
        subject_id=str(result.version.pk),
    )
    person = Person.objects.get(owner=party_a, record_id="UA-71")

    _logged_in(page, "a_officer")
    page.goto(f"/registry/persons/{person.pk}/")
    assert "Мельниченко Тарас Богданович" in page.inner_text("h1")
    history = page.locator("section.history")
    rows = history.locator("tbody tr")
    seqs = rows.locator("td.id").all_inner_texts()
    assert str(entry.seq) in seqs
    # The entry reads as a sentence, its subject a link to the version it made.
    row = rows.filter(has_text="imported version 1 of “Held, November”")
    text = row.inner_text()
    assert "held-november.csv" in text and "a_officer" in text
    assert "list_version.import" not in history.inner_text()
    link = row.get_by_role("link", name="version 1 of “Held, November”")
    assert link.get_attribute("href") == f"/registry/versions/{result.version.pk}/"

    # Nor does a person listed only in another list carry this import in its history.
    other_list = person_list_create(
        kind="sought", title="Sought", by=actor_for(a_officer)
    )
    other = list_version_import(
        person_list=other_list,
        file_bytes=CSV.replace(b"UA-71", b"UA-81").replace(b"UA-72", b"UA-82"),
        filename="sought.csv",
        by=actor_for(a_officer),
    )
    assert other.version is not None
    stranger = Person.objects.get(owner=party_a, record_id="UA-81")
    page.goto(f"/registry/persons/{stranger.pk}/")
    seqs = _history_seqs(page)
    assert seqs and str(entry.seq) not in seqs

    # The list's page shows the import too, and so does the mediator's view of both.
    page.goto(f"/registry/lists/{held.pk}/")
    assert str(entry.seq) in _history_seqs(page)
    page.context.clear_cookies()
    _logged_in(page, "m_officer")
    page.goto(f"/registry/persons/{person.pk}/")
    assert str(entry.seq) in _history_seqs(page)


@pytest.mark.parametrize(
    ("locale", "sentence", "link"),
    [
        (
            "en-GB",
            "imported version 1 of “Held, November”",
            "version 1 of “Held, November”",
        ),
        (
            "uk-UA",
            "імпортовано версію 1 списку «Held, November»",
            "версію 1 списку «Held, November»",
        ),
        (
            "ru-RU",
            "импортирована версия 1 списка «Held, November»",
            "версия 1 списка «Held, November»",
        ),
    ],
)
def test_the_ledger_reads_as_sentences_in_each_language(
    browser: Any,
    live_server: Any,
    a_officer: Any,
    party_a: Organisation,
    locale: str,
    sentence: str,
    link: str,
) -> None:
    from homecoming.apps.registry.imports import list_version_import
    from homecoming.apps.registry.services import person_list_create

    held = person_list_create(
        kind="held", title="Held, November", by=actor_for(a_officer)
    )
    result = list_version_import(
        person_list=held, file_bytes=CSV, filename="held.csv", by=actor_for(a_officer)
    )
    assert result.version is not None
    context = browser.new_context(base_url=live_server.url, locale=locale)
    page = context.new_page()
    try:
        _logged_in(page, "a_officer")
        page.goto("/ledger/")
        table = page.locator("table.ledger")
        row = table.locator("tbody tr").filter(has_text=sentence)
        assert "a_officer" in row.inner_text()
        anchor = row.get_by_role("link", name=link)
        assert (
            anchor.get_attribute("href") == f"/registry/versions/{result.version.pk}/"
        )
        text = table.inner_text()
        assert "list_version.import" not in text and "registry.listversion" not in text
        assert "{" not in text and "…" not in row.inner_text()
    finally:
        context.close()
