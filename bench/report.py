"""The bench's table (pure, tested in tests/test_bench.py)."""

from dataclasses import dataclass

from bench.wrk import WrkResult

CEILING_PREFIX = "plafond"


@dataclass(frozen=True)
class Row:
    label: str
    path: str
    loaded: WrkResult  # at --connections
    alone: WrkResult  # at one connection
    queries: int


def share(requests_per_second, ceiling):
    """Throughput as a percentage of the ceiling's."""
    return 100 * requests_per_second / ceiling if ceiling else 0.0


def ceiling_rate(rows):
    """Mean req/s of the ceiling runs (the bench measures it first and last)."""
    rates = [r.loaded.requests_per_second for r in rows if r.label.startswith(CEILING_PREFIX)]
    if not rates:
        raise ValueError("aucune mesure du plafond")
    return sum(rates) / len(rates)


def _ms(value):
    return "—" if value is None else f"{value:.1f}"


def markdown_table(rows):
    ceiling = ceiling_rate(rows)
    lines = [
        "| Page | Adresse | req/s | p50 ms | p99 ms | % du plafond | p50 ms (1 conn.) "
        "| p99 ms (1 conn.) | requêtes SQL | erreurs |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        lines.append(
            f"| {row.label} | `{row.path}` | {row.loaded.requests_per_second:.0f} "
            f"| {_ms(row.loaded.p50_ms)} | {_ms(row.loaded.p99_ms)} "
            f"| {share(row.loaded.requests_per_second, ceiling):.1f} % "
            f"| {_ms(row.alone.p50_ms)} | {_ms(row.alone.p99_ms)} | {row.queries} "
            f"| {row.loaded.errors + row.alone.errors} |"
        )
    return "\n".join(lines)
