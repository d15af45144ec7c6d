import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations, models

# PostgreSQL only; every statement below is skipped on SQLite.
CREATE_POSTGRES_OBJECTS = [
    # Accent-insensitive French: "sante" finds "santé", "hôpitaux" finds "hôpital".
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION french_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END $$""",
    # The search query: terms @@ websearch_to_tsquery('french_unaccent', …) [&& filters].
    "CREATE INDEX search_entry_terms_gin ON search_searchentry USING gin (terms)",
    # Match and rank columns stay in the row, uncompressed up to half a page, so that
    # checking a candidate costs no TOAST lookup; the whole vector (read for phrases
    # only) and the fallback's text (not read on PostgreSQL) go out of line first.
    "ALTER TABLE search_searchentry SET (toast_tuple_target = 4080)",
    "ALTER TABLE search_searchentry ALTER COLUMN terms SET STORAGE MAIN",
    "ALTER TABLE search_searchentry ALTER COLUMN head SET STORAGE MAIN",
    "ALTER TABLE search_searchentry ALTER COLUMN vector SET STORAGE EXTERNAL",
    "ALTER TABLE search_searchentry ALTER COLUMN text SET STORAGE EXTERNAL",
]
DROP_POSTGRES_OBJECTS = [
    "DROP INDEX IF EXISTS search_entry_terms_gin",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent",
]


def run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0004_workflow"),
    ]

    operations = [
        UnaccentExtension(),
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="articles.article",
                    ),
                ),
                (
                    "vector",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                (
                    "terms",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                (
                    "head",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                ("text", models.TextField(blank=True, default=" ")),
                ("title_text", models.TextField(blank=True, default=" ")),
                ("published_at", models.DateTimeField(blank=True, null=True)),
                ("section_id", models.BigIntegerField(blank=True, null=True)),
            ],
            options={
                "verbose_name": "entrée de l'index de recherche",
                "verbose_name_plural": "entrées de l'index de recherche",
                "indexes": [
                    models.Index(fields=["-published_at"], name="search_entry_published_idx")
                ],
            },
        ),
        migrations.RunPython(
            run_on_postgresql(CREATE_POSTGRES_OBJECTS),
            run_on_postgresql(DROP_POSTGRES_OBJECTS),
        ),
    ]
