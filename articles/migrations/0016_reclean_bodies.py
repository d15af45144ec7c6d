"""Clean every stored body again with today's sanitiser (articles.sanitize).

Bodies are cleaned on every write path, never on render: a rule tightened later (here,
images whose address a browser reads as another host, ``/\\host``) must reach the bodies
stored before it. Only the rows that change are written, in batches.
"""

from django.db import migrations

BATCH = 2000


def reclean(apps, schema_editor):
    from articles.sanitize import sanitize_body

    Article = apps.get_model("articles", "Article")
    rows = Article._base_manager.using(schema_editor.connection.alias)
    last = 0
    while True:
        batch = list(rows.filter(pk__gt=last).order_by("pk").values_list("pk", "body")[:BATCH])
        if not batch:
            return
        for pk, body in batch:
            cleaned = sanitize_body(body)
            if cleaned != body:
                rows.filter(pk=pk).update(body=cleaned)
        last = batch[-1][0]


class Migration(migrations.Migration):
    dependencies = [("articles", "0015_share_link_names")]

    operations = [migrations.RunPython(reclean, migrations.RunPython.noop, elidable=True)]
