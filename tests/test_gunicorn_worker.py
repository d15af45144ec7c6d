"""gunicorn.conf.py with a real gunicorn: slow clients do not hold up other requests.

A slow client sends its request head a byte at a time and holds a worker thread while
it does. Gunicorn runs here with 2 workers of 2 threads and 3 such clients: a request
must still be answered at once (by the worker with a free thread), every time.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "2",
        "GUNICORN_ACCESS_LOG": str(tmp_path / "access.log"),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = open(tmp_path / "gunicorn.log", "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(  # noqa: S603 (fixed arguments)
        [str(gunicorn), "-c", "gunicorn.conf.py", "tests.hello_wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=1).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail((tmp_path / "gunicorn.log").read_text())
        for _ in range(100):  # both workers are up, not just the first one
            if (tmp_path / "gunicorn.log").read_text().count("Booting worker") >= 2:
                break
            time.sleep(0.1)
        time.sleep(0.5)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def get(port, timeout):
    start = time.monotonic()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=timeout) as response:  # noqa: S310
        assert response.read() == b"ok"
    return time.monotonic() - start


def test_three_slow_clients_do_not_delay_other_requests(server):
    slow = []
    try:
        for _ in range(3):
            sock = socket.create_connection(("127.0.0.1", server), timeout=5)
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Lent: ")  # never finished
            slow.append(sock)
            time.sleep(0.2)  # accepted and handed to a thread
        durations = [get(server, timeout=3) for _ in range(8)]
    finally:
        for sock in slow:
            sock.close()
    # A request stuck behind a slow client would wait for the 3 s timeout.
    assert max(durations) < 2, durations


def test_configuration_file_settings():
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    out = subprocess.run(  # noqa: S603
        [gunicorn, "-c", "gunicorn.conf.py", "--print-config"],
        cwd=ROOT,
        env={**os.environ, "FORWARDED_ALLOW_IPS": "10.0.0.2"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    settings = {
        name.strip(): value.strip()
        for name, _, value in (line.partition("=") for line in out.splitlines())
    }
    assert settings["worker_class"] == "newsroom.gunicorn_worker.NewsroomThreadWorker"
    assert int(settings["threads"]) >= 2
    assert settings["forwarded_allow_ips"] == "['10.0.0.2']"
    assert int(settings["timeout"]) <= 60
    assert settings["control_socket_disable"] == "True"
