"""Body figures stored as <figure data-image="42"> placeholders become the editor's
<figure><img … data-file="42"></figure>: the rich-text editor cannot read a
placeholder and would drop the image the next time the article is edited.
Readers see the same figure before and after (images/embed.py)."""

from django.db import migrations

from images.embed import image_ids, upgrade_legacy_figures


def upgrade(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Image = apps.get_model("images", "Image")
    using = schema_editor.connection.alias
    articles = Article.objects.using(using).filter(body__contains='data-image="')
    for article in articles.only("pk", "body").iterator(chunk_size=200):
        library = Image.objects.using(using).in_bulk(image_ids(article.body))
        body = upgrade_legacy_figures(article.body, images=library)
        if body != article.body:
            Article.objects.using(using).filter(pk=article.pk).update(body=body)


class Migration(migrations.Migration):
    dependencies = [
        ("images", "0002_roles"),
        ("articles", "0007_related_articles"),
    ]

    operations = [migrations.RunPython(upgrade, migrations.RunPython.noop)]
