from django.db import migrations

# Checkpoints are append-only like the entries they sign (issue 12): a checkpoint the
# server deleted or edited is a view of the ledger it can deny having given. The table is
# unmanaged from here on, as the entries are, so that `flush` leaves it alone
# (docs/decisions/ledger-unmanaged-tables.md).
SQLITE_FORWARD = [
    """CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
       BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only: UPDATE refused'); END""",
    """CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
       BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only: DELETE refused'); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS audit_checkpoint_no_update",
    "DROP TRIGGER IF EXISTS audit_checkpoint_no_delete",
]
# audit_refuse_change() is migration 0002's function.
POSTGRESQL_FORWARD = [
    """CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE
       ON audit_checkpoint FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()""",
    """CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE
       ON audit_checkpoint FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()""",
]
POSTGRESQL_BACKWARD = [
    "DROP TRIGGER IF EXISTS audit_checkpoint_append_only ON audit_checkpoint",
    "DROP TRIGGER IF EXISTS audit_checkpoint_no_truncate ON audit_checkpoint",
]


def _run(schema_editor, statements_by_vendor):
    vendor = schema_editor.connection.vendor
    if vendor not in statements_by_vendor:
        raise RuntimeError(f"the ledger supports SQLite and PostgreSQL, not {vendor}")
    with schema_editor.connection.cursor() as cursor:
        for statement in statements_by_vendor[vendor]:
            cursor.execute(statement)


def forward(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD})


def backward(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD})


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0003_keys_checkpoints_signatures"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.AlterModelOptions(
            name="checkpoint",
            options={
                "managed": False,
                "ordering": ("-size", "-time"),
                "get_latest_by": "size",
                "verbose_name": "checkpoint",
                "verbose_name_plural": "checkpoints",
            },
        ),
    ]
