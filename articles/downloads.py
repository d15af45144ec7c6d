"""Resource files are served as downloads, with headers that stop browsers rendering them."""

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from access import readers, staff
from articles.models import Article, Resource
from articles.uploads import DOCUMENT_TYPES


@require_GET
def resource_download(request, pk):
    """Serve a resource's file as a download: never shown inline, never sniffed.

    Public for published free articles; those of a published subscriber article go to
    whoever may read it in full (access.readers: the login for anonymous readers, a 403
    for others); staff also get those of the unpublished articles the staff policy lets
    them see (a journalist: their own), others a 404.
    """
    with_file = Resource.objects.exclude(file="").only("pk", "title", "file", "article_id")
    resource = with_file.filter(pk=pk, article__in=Article.objects.published()).first()
    public = resource is not None
    if public:
        article = (
            Article.objects.select_related("section").defer("body").get(pk=resource.article_id)
        )
        if not readers.may_read_in_full(request, article):
            if readers.session_user(request) is None:
                return redirect_to_login(request.get_full_path(), "account_login")
            return render(request, "articles/reserved.html", {"article": article}, status=403)
        public = not article.for_subscribers
    if resource is None and staff.is_staff_member(request.user):
        resource = staff.downloadable_resources(request.user, with_file).filter(pk=pk).first()
    if resource is None:
        raise Http404("Document introuvable.")
    extension = resource.file.name.rsplit(".", 1)[-1].lower() if "." in resource.file.name else ""
    content_type = DOCUMENT_TYPES.get(extension, ("application/octet-stream", ""))[0]
    filename = (slugify(resource.title)[:80] or "document") + (f".{extension}" if extension else "")
    try:
        handle = resource.file.open("rb")
    except OSError:  # FileNotFoundError included: the row outlived its file
        raise Http404("Document introuvable.") from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Drafts' and subscriber articles' files must not sit in a shared cache.
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response
