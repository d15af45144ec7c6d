from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from articles import autocomplete_ids, listing_signals, tag_slugs
        from articles.revisions import register_models

        register_models()
        tag_slugs.connect()
        autocomplete_ids.install()
        listing_signals.connect()
