"""Generated documents for the ledger tests (all names invented)."""


def sample_manifest(persons: int = 2) -> dict:
    """A valid manifest with ``persons`` generated people."""
    return {
        "type": "homecoming-manifest/1",
        "exchange": {"id": "ex-7", "title": "Exchange 7"},
        "stage": {
            "id": "st-1",
            "number": 1,
            "date": "2026-12-01",
            "place": "Border crossing point 3",
            "transport": "bus",
        },
        "side": {"releasing_party": "ru", "receiving_party": "ua"},
        "signatories": ["ua", "ru", "mediator"],
        "issued_at": "2026-11-25T13:00:00.000000Z",
        "persons": [
            {
                "record_ids": {"ua": f"UA-{i}", "ru": f"{4400 + i}"},
                "names_as_written": {
                    "surname": "ТКАЧЕНКО",
                    "given_name": "Олексій",
                    "patronymic": f"Петрович{i}",
                    "script": "Cyrl",
                },
                "names_transliterated": {
                    "surname": "TKACHENKO",
                    "given_name": "Oleksii",
                    "patronymic": f"Petrovych{i}",
                    "script": "Latn",
                    "scheme": "KMU 2010",
                },
                "birth_date": "1990-05-17",
                "category": "military",
                "gates": ["identity_verified", "consent_given", "medically_fit"],
            }
            for i in range(persons)
        ],
    }
