from django.apps import AppConfig


class RedirectsConfig(AppConfig):
    name = "redirects"
    verbose_name = "Redirections"

    def ready(self):
        from redirects import signals

        signals.connect()
