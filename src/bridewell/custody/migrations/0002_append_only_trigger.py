"""On PostgreSQL, refuse UPDATE and DELETE on events and offences in the database itself.

The code never updates or deletes them; the trigger makes that true for anyone with a database
connection too. SQLite (development and tests) relies on the model and queryset guards.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

TABLES = ("custody_event", "custody_offence")

CREATE = """
CREATE OR REPLACE FUNCTION bridewell_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'custody records are append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION bridewell_append_only()"
        )


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS bridewell_append_only()")


class Migration(migrations.Migration):
    dependencies = [("custody", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
