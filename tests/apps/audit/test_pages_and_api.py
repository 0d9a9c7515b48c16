"""The ledger's pages and API answer each role as DESIGN.md section 4 says."""

import json

import pytest
from django.test import Client
from rest_framework.test import APIClient

from homecoming.apps.accounts.actors import SYSTEM
from homecoming.apps.audit.services import checkpoint_sign, ledger_append
from homecoming.engines.ledger import (
    generate_private_key,
    public_key_text,
    sign_document,
)
from tests.engines.ledger.samples import sample_manifest
from tests.factories import sign_in
from tests.ledger_notes import NOTE, acting_for

pytestmark = pytest.mark.django_db

SECRET_A = "Ааронович-Ledger-Secret"
SECRET_B = "Бобров-Ledger-Secret"


def _api(user):
    client = APIClient()
    client.force_authenticate(user=user)
    return client


def _page(user, url):
    client = Client()
    sign_in(client, user)
    return client.get(url)


@pytest.fixture
def entries(party_a, party_b, mediator):
    ledger_append(by=acting_for("ua"), action=NOTE, data={"s": SECRET_A})
    ledger_append(by=acting_for("ru"), action=NOTE, data={"s": SECRET_B})
    return checkpoint_sign(by=SYSTEM)


def test_api_entries_are_scoped_per_role(
    entries, a_officer, b_officer, mediator_officer, observer
):
    def body(user):
        return json.dumps(
            _api(user).get("/api/v1/ledger/entries/?limit=500").json(),
            ensure_ascii=False,
        )

    assert SECRET_A in body(a_officer) and SECRET_B not in body(a_officer)
    assert SECRET_B in body(b_officer) and SECRET_A not in body(b_officer)
    assert SECRET_A in body(mediator_officer) and SECRET_B in body(mediator_officer)
    assert _api(observer).get("/api/v1/ledger/entries/").json()["count"] == 0
    assert APIClient().get("/api/v1/ledger/entries/").status_code in (401, 403)


def test_pages_show_entries_scoped_and_never_the_other_partys(
    entries, a_officer, observer
):
    page = _page(a_officer, "/ledger/").content.decode()
    assert SECRET_A in page and SECRET_B not in page
    page = _page(observer, "/ledger/").content.decode()
    assert SECRET_A not in page and SECRET_B not in page


def test_every_member_fetches_the_latest_checkpoint_and_a_consistency_proof(
    entries, a_officer, observer
):
    kept = _api(a_officer).get("/api/v1/ledger/checkpoints/latest/").json()
    assert kept["document"]["size"] == entries.size
    ledger_append(by=acting_for("ua"), action=NOTE)
    checkpoint_sign(by=SYSTEM)
    answer = (
        _api(observer).get(f"/api/v1/ledger/consistency/?from={entries.size}").json()
    )
    assert answer["old_size"] == entries.size
    assert answer["old_root"] == kept["document"]["root_hash"]
    assert answer["new_checkpoint"]["document"]["size"] == entries.size + 1
    assert (
        _api(a_officer).get("/api/v1/ledger/consistency/?from=99999").status_code == 400
    )
    assert (
        _api(a_officer).get("/api/v1/ledger/checkpoints/987654321/").status_code == 404
    )


def test_only_the_mediator_signs_checkpoints_through_the_api(
    entries, a_officer, mediator_officer
):
    assert (
        _api(a_officer)
        .post("/api/v1/ledger/checkpoints/", {}, format="json")
        .status_code
        == 403
    )
    response = _api(mediator_officer).post(
        "/api/v1/ledger/checkpoints/", {"reason": "stage 1 closed"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["document"]["type"] == "homecoming-checkpoint/1"


def test_keys_register_and_list_as_a_key_file_and_signatures_upload(
    a_admin, b_officer, mediator
):
    private_key = generate_private_key()
    response = _api(a_admin).post(
        "/api/v1/keys/",
        {"public_key": public_key_text(private_key.public_key()), "name": "ua 2026"},
        format="json",
    )
    assert response.status_code == 201
    served = _api(b_officer).get("/api/v1/keys/").json()
    # signed by the mediator's key; the row ids sit outside the signed document
    assert set(served) == {"document", "signatures", "ids"}
    from homecoming.apps.audit.signing import checkpoint_private_key
    from homecoming.engines.ledger import (
        SIGNED_KEYS_TYPE,
        TrustAnchor,
        key_fingerprint,
        key_id,
        read_key_list,
    )

    assert served["document"]["type"] == SIGNED_KEYS_TYPE
    mediator_key = key_id(checkpoint_private_key().public_key())
    trusted = read_key_list(
        {k: served[k] for k in ("document", "signatures")},
        anchors=[
            TrustAnchor("icrc", key_fingerprint(mediator_key)),
            TrustAnchor("ua", key_fingerprint(key_id(private_key.public_key()))),
        ],
    )
    assert [k.owner for k in trusted.keys.keys.values()] == ["ua"]
    assert set(served["ids"]) == {key_id(private_key.public_key())}
    manifest = sample_manifest()
    envelope = sign_document(manifest, private_key).to_json()
    upload = _api(a_admin).post(
        "/api/v1/signatures/",
        {"document": manifest, "signature": envelope},
        format="json",
    )
    assert upload.status_code == 201
    again = _api(a_admin).post(
        "/api/v1/signatures/",
        {"document": manifest, "signature": envelope},
        format="json",
    )
    assert again.status_code == 409


def test_verification_page_is_for_the_mediator_and_auditors_only(
    entries, mediator_officer, observer, a_officer
):
    assert (
        "Every entry and every checkpoint holds"
        in _page(mediator_officer, "/ledger/verify/").content.decode()
    )
    assert _page(observer, "/ledger/verify/").status_code == 200
    assert _page(a_officer, "/ledger/verify/").status_code == 404


def test_consistency_page_says_whether_a_kept_root_still_holds(entries, a_officer):
    url = f"/ledger/consistency/?old_size={entries.size}&kept_root={entries.root_hash}"
    assert "Consistent" in _page(a_officer, url).content.decode()
    url = f"/ledger/consistency/?old_size={entries.size}&kept_root={'ab' * 32}"
    assert "NOT consistent" in _page(a_officer, url).content.decode()


def test_every_ledger_page_renders_for_every_member(
    entries, a_admin, mediator_admin, observer
):
    for user in (a_admin, mediator_admin, observer):
        for url in (
            "/ledger/",
            "/ledger/checkpoints/",
            f"/ledger/checkpoints/{entries.pk}/",
            "/ledger/consistency/",
            "/ledger/keys/",
            "/ledger/signatures/upload/",
        ):
            assert _page(user, url).status_code == 200, (user, url)


def test_history_snippet_shows_an_objects_entries_to_whom_may_see_them(
    a_officer, b_officer, party_a
):
    from django.template import Context, Template
    from django.test import RequestFactory

    ledger_append(
        by=acting_for("ua"),
        action=NOTE,
        subject=party_a,
        data={"s": SECRET_A},
    )
    template = Template("{% load ledger_history %}{% ledger_history subject %}")
    for user, visible in ((a_officer, True), (b_officer, False)):
        request = RequestFactory().get("/")
        request.user = user
        html = template.render(Context({"request": request, "subject": party_a}))
        assert (SECRET_A in html) is visible


def test_a_party_gets_an_inclusion_proof_only_for_entries_it_may_see(
    entries, a_officer, b_officer
):
    from homecoming.apps.audit.models import LedgerEntry
    from homecoming.engines.ledger import canonical_json, leaf_hash, verify_inclusion

    own = LedgerEntry.objects.get(data__s=SECRET_A)
    answer = _api(a_officer).get(f"/api/v1/ledger/entries/{own.seq}/proof/").json()
    leaf = leaf_hash(canonical_json(answer["hashed"]))
    assert verify_inclusion(
        leaf,
        own.seq - 1,
        entries.size,
        [bytes.fromhex(p) for p in answer["proof"]],
        bytes.fromhex(entries.root_hash),
    )
    assert (
        _api(b_officer).get(f"/api/v1/ledger/entries/{own.seq}/proof/").status_code
        == 404
    )


def _duplicated_manifest_bytes() -> bytes:
    """A manifest whose "persons" member appears twice: two readers, two manifests."""
    text = json.dumps({"document": sample_manifest(), "signature": {}})
    return text.replace('"persons":', '"persons": [], "persons":', 1).encode()


def test_an_uploaded_document_with_a_duplicate_member_is_refused_by_the_api(a_admin):
    body = _duplicated_manifest_bytes()
    assert json.loads(body)  # Python's reader takes it, the last member winning
    response = _api(a_admin).post(
        "/api/v1/signatures/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "duplicate" in json.dumps(response.json()).lower()


def test_an_uploaded_document_with_a_duplicate_member_is_refused_by_the_page(a_admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = json.dumps(sample_manifest())
    document = document.replace('"persons":', '"persons": [], "persons":', 1)
    client = Client()
    sign_in(client, a_admin)
    response = client.post(
        "/ledger/signatures/upload/",
        {
            "document": SimpleUploadedFile("m.json", document.encode()),
            "signature": SimpleUploadedFile("m.SIG.json", b"{}"),
        },
    )
    assert response.status_code == 200  # the form again, with the reason
    assert "not strict JSON" in response.content.decode()
    assert "duplicate" in response.content.decode().lower()
