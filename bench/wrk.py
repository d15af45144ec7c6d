"""Run wrk against the local server and read its report (parsing tested in tests/test_bench.py).

wrk (Debian package ``wrk``) runs in its own process, so the load generator never shares
the interpreter of the server it measures. Only loopback addresses are accepted: the bench
must never load a machine it does not own.
"""

import re
import subprocess
from dataclasses import dataclass
from urllib.parse import urlsplit

LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}

# wrk prints durations with these units (its format_time).
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_DURATION = re.compile(r"([0-9]+(?:\.[0-9]+)?)(us|ms|s|m|h)")


@dataclass(frozen=True)
class WrkResult:
    requests: int
    requests_per_second: float
    # None when no request completed within the run (wrk then prints zeros).
    p50_ms: float | None
    p99_ms: float | None
    # Responses outside 2xx/3xx, plus socket errors (connect, read, write, timeout).
    errors: int


def duration_ms(text):
    """'512.00us' → 0.512, '10.52ms' → 10.52, '1.20s' → 1200.0."""
    match = _DURATION.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"durée wrk illisible : {text!r}")
    return float(match[1]) * _UNIT_MS[match[2]]


def _search(pattern, output, what):
    match = re.search(pattern, output, re.MULTILINE)
    if match is None:
        raise ValueError(f"rapport wrk sans {what} (lancé sans --latency, ou en échec ?)")
    return match


def parse(output):
    """A WrkResult from wrk's text report (run with --latency)."""
    rps = float(_search(r"^Requests/sec:\s+([0-9.]+)", output, "Requests/sec")[1])
    requests = int(_search(r"^\s*([0-9]+) requests in ", output, "nombre de requêtes")[1])
    p50 = duration_ms(_search(r"^\s+50%\s+(\S+)", output, "percentile 50 %")[1])
    p99 = duration_ms(_search(r"^\s+99%\s+(\S+)", output, "percentile 99 %")[1])
    errors = 0
    non_2xx = re.search(r"^\s*Non-2xx or 3xx responses:\s+([0-9]+)", output, re.MULTILINE)
    if non_2xx:
        errors += int(non_2xx[1])
    sockets = re.search(
        r"Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)",
        output,
    )
    if sockets:
        errors += sum(int(n) for n in sockets.groups())
    if requests == 0:
        p50 = p99 = None
    return WrkResult(requests, rps, p50, p99, errors)


def command(url, *, connections, seconds, threads=2, timeout_seconds=10):
    """wrk's argument list; refuses any address that is not on this machine's loopback."""
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK_HOSTS:
        raise ValueError(f"wrk ne vise que la boucle locale (http://127.0.0.1…) : {url!r}")
    if connections < 1 or seconds < 1:
        raise ValueError("au moins une connexion et une seconde")
    return [
        "wrk",
        f"--threads={min(threads, connections)}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        f"--timeout={timeout_seconds}s",
        "--latency",
        url,
    ]


def run(url, *, connections, seconds, threads=2):
    """Load url for a bounded time; the subprocess is killed if wrk overruns it."""
    completed = subprocess.run(  # noqa: S603 (wrk, arguments built by command())
        command(url, connections=connections, seconds=seconds, threads=threads),
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"wrk a échoué ({completed.returncode}) : {completed.stderr.strip()}")
    return parse(completed.stdout)
