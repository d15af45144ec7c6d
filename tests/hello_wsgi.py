"""A minimal WSGI app for tests that run a real gunicorn (no Django, no database)."""


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]
