from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest


class RejectNulBytesMiddleware:
    """A NUL byte in the path or the query string is never legitimate.

    PostgreSQL refuses NUL in text values, so letting one reach a lookup would turn a
    junk request into a 500; answer 400 before any view runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest("Requête invalide.", content_type="text/plain")
        return self.get_response(request)


def _plain(status, text):
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


class RequestBodyLimitMiddleware:
    """Refuse an oversized request body from its declared length, before reading it.

    Otherwise an anonymous client could make a worker read (and spool to disk) hundreds of
    megabytes before any view refuses them. The admin takes one upload at its cap plus the
    form's fields (REQUEST_MAX_BODY_BYTES); public pages take no upload at all
    (PUBLIC_MAX_BODY_BYTES). Must come before anything that reads request.POST/body
    (CSRF, sessions, views). Bodies without Content-Length are the proxy's and gunicorn's
    job (docs/deployment.md).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw = request.META.get("CONTENT_LENGTH") or ""
        if raw.strip():
            try:
                length = int(raw)
            except ValueError:
                length = -1
            if length < 0:
                return _plain(400, "Requête invalide : longueur du corps incorrecte.")
            limit = self.limit_for(request.path_info)
            if length > limit:
                return _plain(
                    413,
                    f"Requête trop volumineuse : {_human_size(limit)} au plus.",
                )
        elif "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            # Django reads no body without Content-Length: a form would look empty.
            return _plain(411, "Requête refusée : la longueur du corps doit être indiquée.")
        return self.get_response(request)

    @staticmethod
    def limit_for(path):
        if any(path.startswith(prefix) for prefix in settings.UPLOAD_PATH_PREFIXES):
            return settings.REQUEST_MAX_BODY_BYTES
        return settings.PUBLIC_MAX_BODY_BYTES


def _human_size(size):
    """French size for the error message: 27 Mo, 256 Ko."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} Mo"
    return f"{max(size // 1024, 1)} Ko"
