"""The admin's page titles in natural French, for every model, in one place.

Django builds them from the model's name: « Ajout de article », « Sélectionnez l'objet
article à changer ». Here each model says « Nouvel article » and « Choisir un article à
modifier ». NewsroomAdminSite.register mixes FrenchTitlesMixin into every model admin;
a model missing from TITLES keeps Django's wording.
"""

# label: (add page, list page for someone who may change)
TITLES = {
    "articles.article": ("Nouvel article", "Choisir un article à modifier"),
    "articles.section": ("Nouvelle rubrique", "Choisir une rubrique à modifier"),
    "articles.calltoaction": ("Nouvel encadré", "Choisir un encadré à modifier"),
    "authors.author": ("Nouvel auteur", "Choisir un auteur à modifier"),
    "images.image": ("Nouvelle image", "Choisir une image à modifier"),
    "redirects.redirect": ("Nouvelle redirection", "Choisir une redirection à modifier"),
    "taggit.tag": ("Nouveau mot-clé", "Choisir un mot-clé à modifier"),
    "subscriptions.subscription": (
        "Nouvel abonnement individuel",
        "Choisir un abonnement à modifier",
    ),
    "subscriptions.organisation": (
        "Nouvelle organisation abonnée",
        "Choisir une organisation à modifier",
    ),
    "auth.user": ("Nouvel utilisateur", "Choisir un utilisateur à modifier"),
    "auth.group": ("Nouveau groupe", "Choisir un groupe à modifier"),
}


class FrenchTitlesMixin:
    def _titles(self):
        return TITLES.get(self.model._meta.label_lower, (None, None))

    def add_view(self, request, form_url="", extra_context=None):
        add_title, _ = self._titles()
        if add_title:
            extra_context = {"title": add_title, **(extra_context or {})}
        return super().add_view(request, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        _, list_title = self._titles()
        if list_title and self.has_change_permission(request):
            extra_context = {"title": list_title, **(extra_context or {})}
        return super().changelist_view(request, extra_context)
