from django.http import HttpResponseBadRequest


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
