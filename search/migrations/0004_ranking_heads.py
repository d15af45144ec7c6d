import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

# PostgreSQL only; skipped on SQLite (whose fallback engine does not read SearchHead).
CREATE_POSTGRES_OBJECTS = [
    # Head matches ranked over every match: head @@ (query && filters) (search.postgres).
    "CREATE INDEX search_head_gin ON search_searchhead USING gin (head)",
    # (No trigram index: on titles that share most of their words it reads thousands
    # of rows, 90-150 ms at 100 000 articles; near titles are found through this GIN
    # index, and pg_trgm's similarity() only scores the candidates.)
    "ALTER TABLE search_searchhead ALTER COLUMN head SET STORAGE MAIN",
]
DROP_POSTGRES_OBJECTS = [
    "DROP INDEX IF EXISTS search_head_gin",
]


def run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


# The heads as this migration knows them (frozen here: search.indexing writes later
# columns too).
FILL_HEADS_SQL = """
INSERT INTO search_searchhead (article_id, head, title_text, published_at)
SELECT e.article_id,
       e.head || array_to_tsvector(ARRAY(
           SELECT token FROM unnest(tsvector_to_array(e.terms)) token WHERE token ~ '^[sta]='
       )),
       e.title_text,
       e.published_at
FROM search_searchentry e
ORDER BY e.published_at DESC NULLS LAST, e.article_id DESC
"""


def fill_heads(apps, schema_editor):
    """Every existing entry gets its ranking row (one statement, from the entries)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FILL_HEADS_SQL)
    schema_editor.execute("ANALYZE search_searchhead")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_index_folded_titles"),
    ]

    operations = [
        TrigramExtension(),
        migrations.CreateModel(
            name="SearchHead",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        db_column="article_id",
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="ranking",
                        serialize=False,
                        to="search.searchentry",
                    ),
                ),
                (
                    "head",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                ("title_text", models.TextField(blank=True, default=" ")),
                ("published_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "verbose_name": "en-tête de l'index de recherche",
                "verbose_name_plural": "en-têtes de l'index de recherche",
                "indexes": [
                    models.Index(fields=["-published_at"], name="search_head_published_idx")
                ],
            },
        ),
        migrations.RunPython(
            run_on_postgresql(CREATE_POSTGRES_OBJECTS),
            run_on_postgresql(DROP_POSTGRES_OBJECTS),
        ),
        migrations.RunPython(fill_heads, migrations.RunPython.noop),
    ]
