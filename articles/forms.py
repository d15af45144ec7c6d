"""Admin forms for articles.

Two forms: journalists get ``ArticleAdminForm``; users who may publish get
``ArticlePublisherForm``, which adds the "signal an update" checkbox. Which form a
user gets is decided by the admin (``ArticleAdmin.get_form``); the publication
fields themselves are removed from the journalists' form by ``get_readonly_fields``,
so a forged POST value for them never reaches the model.
"""

from django import forms
from django.utils.text import capfirst

from articles.models import Article
from articles.slugs import french_slugify

SLUG_FIELD = Article._meta.get_field("slug")


class ArticleAdminForm(forms.ModelForm):
    # A plain text field rather than a SlugField: whatever is typed ("Le numérique",
    # "l’hôpital") is normalised by clean_slug() instead of being rejected.
    slug = forms.CharField(
        label=capfirst(SLUG_FIELD.verbose_name),
        # Same limit as the model: the prefill (URLify) truncates to it as well.
        max_length=SLUG_FIELD.max_length,
        required=False,
        help_text=SLUG_FIELD.help_text,
    )

    class Meta:
        model = Article
        fields = [
            "title", "slug", "standfirst", "body", "section", "tags",
            "status", "published_at", "featured", "home_position",
        ]  # fmt: skip

    def clean_slug(self):
        # "" when nothing usable was typed: clean() then derives the slug from the title.
        wanted = self.cleaned_data.get("slug")
        return french_slugify(wanted, max_length=SLUG_FIELD.max_length, fallback="")

    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.fields:
            cleaned_data["slug"] = self._available_slug(cleaned_data)
        return cleaned_data

    def _available_slug(self, cleaned_data):
        """A slug no other article, nor a sister section of the article, uses.

        Needs the section, hence done in clean() rather than clean_slug(). The check
        runs on a throwaway copy so an invalid form leaves the instance untouched.
        """
        section = cleaned_data.get("section")
        probe = Article(
            pk=self.instance.pk,
            title=cleaned_data.get("title") or self.instance.title,
            section_id=section.pk if section else self.instance.section_id,
        )
        return probe.available_slug(cleaned_data.get("slug") or None)


class ArticlePublisherForm(ArticleAdminForm):
    signal_update = forms.BooleanField(
        label="Signaler une mise à jour (affiche « Mis à jour le »)",
        required=False,
        help_text="À cocher pour une modification de fond : les lecteurs verront la date "
        "de mise à jour. Inutile pour corriger une coquille.",
    )
