"""Drop rest_framework.authtoken's table: it held every API token in plain text.

Those tokens stop working (their app is no longer installed); their users make new
ones on the account page, which are stored as digests (``ApiToken``). The table goes
with its rows so that no plain-text token survives in the database or its backups
taken from now on. Its migration records go too, so a later install of the app would
start clean.
"""

from django.db import migrations

PLAIN_TEXT_TABLE = "authtoken_token"


def drop_plain_text_tokens(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if PLAIN_TEXT_TABLE in tables:
            cursor.execute(
                f"DROP TABLE {connection.ops.quote_name(PLAIN_TEXT_TABLE)}"
            )
        if "django_migrations" in tables:
            cursor.execute("DELETE FROM django_migrations WHERE app = %s", ["authtoken"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_api_tokens_and_security_keys")]

    operations = [
        migrations.RunPython(drop_plain_text_tokens, migrations.RunPython.noop),
    ]
