"""Gunicorn settings: `gunicorn -c gunicorn.conf.py newsroom.wsgi` (README, bin/demo, CI).

Gunicorn sits behind a reverse proxy that buffers requests and responses and limits
bodies (docs/deployment.md). Threaded workers (gthread) keep serving while a few
clients are slow: a connection waits in the worker's event loop, not in a thread,
until its request starts arriving. Every value can be set from the environment.
"""

import os


def _env_int(name, default):
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name}={raw!r} n'est pas un entier.") from None


_cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()

bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
wsgi_app = "newsroom.wsgi:application"
proc_name = "newsroom"

# Each thread keeps its own database connection: workers × threads connections at most,
# hence the cap (PostgreSQL allows 100 by default).
workers = _env_int("GUNICORN_WORKERS", _env_int("WEB_CONCURRENCY", min(2 * (_cpus or 1) + 1, 8)))
worker_class = "newsroom.gunicorn_worker.NewsroomThreadWorker"
threads = _env_int("GUNICORN_THREADS", 4)

# A request taking longer than this is a bug: the worker is restarted (and logged).
timeout = _env_int("GUNICORN_TIMEOUT", 30)
# On reload/stop, in-flight requests get this long to finish.
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Idle kept-alive connections from the proxy: keep the proxy's own timeout below this.
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then, staggered, so a slow leak cannot grow forever.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10

# Request head limits: longer lines or more headers are a 400 before Django sees them.
limit_request_line = 4094
limit_request_fields = 64
limit_request_field_size = 8190

# Only the proxy may tell gunicorn the client's scheme (X-Forwarded-Proto); Django reads
# it too when BEHIND_TLS_PROXY=1. Comma-separated addresses of the proxies.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Access log on stdout with the client address given by the proxy and the duration.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = (
    '%(h)s "%({x-forwarded-for}i)s" %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
)
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Worker heartbeat files on tmpfs: a slow disk must not make healthy workers look stuck.
if os.path.isdir("/dev/shm"):  # noqa: S108 (heartbeat files, not data)
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# The runtime control socket (gunicornc) is off unless a path is given: several
# instances on one machine would otherwise share $HOME/.gunicorn/gunicorn.ctl.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
