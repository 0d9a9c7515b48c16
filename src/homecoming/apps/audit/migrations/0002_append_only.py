from django.db import migrations

# Append-only, enforced by the database itself so that no code path (a bulk update(), a
# raw query, the admin) can change history. TRUNCATE is refused too on PostgreSQL; the
# tables are unmanaged (below) so that `flush` never tries to empty them.
EMPTY_ROOT = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

SQLITE_FORWARD = [
    """CREATE TRIGGER audit_ledgerentry_no_update BEFORE UPDATE ON audit_ledgerentry
       BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: UPDATE refused'); END""",
    """CREATE TRIGGER audit_ledgerentry_no_delete BEFORE DELETE ON audit_ledgerentry
       BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: DELETE refused'); END""",
    """CREATE TRIGGER audit_ledgerhead_no_delete BEFORE DELETE ON audit_ledgerhead
       BEGIN SELECT RAISE(ABORT, 'the ledger head cannot be deleted'); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS audit_ledgerentry_no_update",
    "DROP TRIGGER IF EXISTS audit_ledgerentry_no_delete",
    "DROP TRIGGER IF EXISTS audit_ledgerhead_no_delete",
]
POSTGRESQL_FORWARD = [
    """CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger
       LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'ledger entries are append-only: % refused on %', TG_OP, TG_TABLE_NAME
           USING ERRCODE = 'integrity_constraint_violation';
       END $$""",
    """CREATE TRIGGER audit_ledgerentry_append_only BEFORE UPDATE OR DELETE
       ON audit_ledgerentry FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()""",
    """CREATE TRIGGER audit_ledgerentry_no_truncate BEFORE TRUNCATE
       ON audit_ledgerentry FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()""",
    """CREATE TRIGGER audit_ledgerhead_no_delete BEFORE DELETE
       ON audit_ledgerhead FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()""",
    """CREATE TRIGGER audit_ledgerhead_no_truncate BEFORE TRUNCATE
       ON audit_ledgerhead FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()""",
]
POSTGRESQL_BACKWARD = [
    "DROP TRIGGER IF EXISTS audit_ledgerentry_append_only ON audit_ledgerentry",
    "DROP TRIGGER IF EXISTS audit_ledgerentry_no_truncate ON audit_ledgerentry",
    "DROP TRIGGER IF EXISTS audit_ledgerhead_no_delete ON audit_ledgerhead",
    "DROP TRIGGER IF EXISTS audit_ledgerhead_no_truncate ON audit_ledgerhead",
    "DROP FUNCTION IF EXISTS audit_refuse_change()",
]


def _run(schema_editor, statements_by_vendor):
    vendor = schema_editor.connection.vendor
    if vendor not in statements_by_vendor:
        raise RuntimeError(f"the ledger supports SQLite and PostgreSQL, not {vendor}")
    with schema_editor.connection.cursor() as cursor:
        for statement in statements_by_vendor[vendor]:
            cursor.execute(statement)  # no parameters: "%" in plpgsql stays as written


def forward(apps, schema_editor):
    schema_editor.execute(
        "INSERT INTO audit_ledgerhead (id, size, frontier, root) VALUES (1, 0, %s, %s)",
        ["[]", EMPTY_ROOT],
    )
    _run(schema_editor, {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD})


def backward(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD})
    schema_editor.execute("DELETE FROM audit_ledgerhead")


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0001_ledger'),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        # From here on Django leaves these tables alone (no flush, no DDL).
        migrations.AlterModelOptions(
            name='ledgerentry',
            options={'managed': False, 'ordering': ['seq'], 'verbose_name': 'ledger entry', 'verbose_name_plural': 'ledger entries'},
        ),
        migrations.AlterModelOptions(
            name='ledgerhead',
            options={'managed': False},
        ),
    ]
