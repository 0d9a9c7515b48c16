"""Fill ``Person.search_text`` for persons imported before it existed.

Computed with the same function the import uses (registry.search.search_text_of), in
batches; the names as written are read, never changed.
"""

from django.db import migrations

BATCH = 2000
FIELDS = (
    "surname",
    "given_name",
    "patronymic",
    "full_name_as_written",
    "record_id",
    "service_number",
    "surname_key",
    "given_key",
    "patronymic_key",
)


def fill(apps, schema_editor):
    from homecoming.apps.registry.search import search_text_of

    person_model = apps.get_model("registry", "Person")
    pending = []
    for values in person_model.objects.order_by("pk").values("pk", *FIELDS).iterator(
        chunk_size=BATCH
    ):
        pending.append(person_model(pk=values["pk"], search_text=search_text_of(values)))
        if len(pending) >= BATCH:
            person_model.objects.bulk_update(pending, ["search_text"])
            pending = []
    if pending:
        person_model.objects.bulk_update(pending, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("registry", "0005_person_search_text")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
