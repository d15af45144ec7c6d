import django.contrib.postgres.search
from django.db import migrations


def run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


def fill_title_terms(apps, schema_editor):
    """The existing rows get their title lexemes (from their head: weight A)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "UPDATE search_searchhead SET title_terms = strip(ts_filter(head, '{a}'))"
        " || array_to_tsvector(ARRAY(SELECT token FROM unnest(tsvector_to_array(head)) token"
        " WHERE token ~ '^[sta]='))"
    )
    schema_editor.execute("ANALYZE search_searchhead")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_ranking_heads"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchhead",
            name="title_terms",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(
            # Near titles: title_terms @@ (all the query's telling words but one) && filters.
            run_on_postgresql(
                ["CREATE INDEX search_head_title_terms_gin ON search_searchhead USING gin (title_terms)"]
            ),
            run_on_postgresql(["DROP INDEX IF EXISTS search_head_title_terms_gin"]),
        ),
        # After the index: built on rows just updated, PostgreSQL would not use it until
        # every transaction older than the build has ended.
        migrations.RunPython(fill_title_terms, migrations.RunPython.noop),
    ]
