"""Resource files are served as downloads, with headers that stop browsers rendering them."""

from django.http import FileResponse, Http404
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from access import staff
from articles.models import Article, Resource
from articles.uploads import DOCUMENT_TYPES


@require_GET
def resource_download(request, pk):
    """Serve a resource's file as a download: never shown inline, never sniffed.

    Public for published articles; staff also get those of the unpublished articles
    the access policy lets them see (a journalist: their own), others a 404.
    """
    with_file = Resource.objects.exclude(file="").only("pk", "title", "file")
    resource = with_file.filter(pk=pk, article__in=Article.objects.published()).first()
    public = resource is not None
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
    # Drafts' files (staff only) must not sit in a shared cache.
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response
