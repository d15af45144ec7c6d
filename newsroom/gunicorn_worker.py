"""Gunicorn's threaded worker, accepting a connection only when one of its threads is free.

All workers share one listening socket and the same worker tends to win each accept. The
stock gthread worker keeps accepting while all its threads are held by slow clients (a
request head trickling in byte by byte): the new connection then waits in its queue though
another worker is idle. Measured on this project: 5 slow clients against 5 workers of 4
threads left 3 requests out of 10 unanswered after 20 s. This worker stops accepting while
every thread has a connection, so new ones stay in the kernel's backlog for a worker that
can serve them at once. Tested in tests/test_gunicorn_worker.py against the pinned gunicorn.
"""

from gunicorn.workers.gthread import ThreadWorker


class NewsroomThreadWorker(ThreadWorker):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Connections handed to the thread pool and not finished yet (main thread only).
        self.in_pool = 0

    def enqueue_req(self, conn):
        self.in_pool += 1
        super().enqueue_req(conn)
        if self.in_pool >= self.cfg.threads:
            super().set_accept_enabled(False)

    def finish_request(self, conn, fs):
        # The main loop re-enables accepting on its next turn (set_accept_enabled below).
        self.in_pool -= 1
        super().finish_request(conn, fs)

    def set_accept_enabled(self, enabled):
        super().set_accept_enabled(enabled and self.in_pool < self.cfg.threads)
