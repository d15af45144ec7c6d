"""Mutation testing of the rules that matter: break one rule, check that a test notices.

Each mutant is a named, hand-written change to one rule (file, exact original snippet,
replacement, the test files that should catch it). For each one the working tree is
copied to a temporary directory (without .venv, .git, var, media, caches), the change
is applied *to the copy*, and pytest runs there with ``-x``. The live checkout is never
written to, so nothing mutated can be left behind, even on Ctrl-C or a crash; the
copies are deleted when each mutant is done.

The project is installed in editable mode (a finder pointing at the original tree):
pytest runs with ``cwd`` and ``PYTHONPATH`` set to the copy, whose modules come first
on ``sys.path`` (the editable finder is only consulted after the normal path finder).
The run checks that, and a ``sanity`` mutant that breaks everything must be killed.

Usage (see docs/mutation-testing.md):

    .venv/bin/python scripts/mutate.py                 # every mutant
    .venv/bin/python scripts/mutate.py version-lock-update form-version-check
    .venv/bin/python scripts/mutate.py --list
    .venv/bin/python scripts/mutate.py --jobs 2 --markdown   # the table for the docs

Exit status: 0 when every mutant was killed, 1 when some survived (or a run failed).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
IGNORED = {".venv", ".git", "var", "media", "staticfiles", "node_modules", "__pycache__",
           ".pytest_cache", ".ruff_cache", "db.sqlite3", "newsroom.egg-info"}  # fmt: skip
TIMEOUT = 300  # seconds per mutant; a hung run is reported as an error, not a kill

# Test files shared by several mutants.
RULES = "tests/test_rules_caught.py"
PUBLIC = [RULES, "tests/test_published.py", "tests/test_public_pages.py",
          "tests/test_scheduling.py", "tests/security/test_embargo.py"]  # fmt: skip
STAFF = [RULES, "tests/test_journalist_role_trash.py", "tests/security/test_trash_access.py",
         "tests/test_admin_permissions.py", "tests/security/test_access_table.py"]  # fmt: skip
SANITIZER = [RULES, "tests/test_sanitize.py", "tests/security/test_stored_xss.py"]
CONFLICTS = [RULES, "tests/test_conflicts.py", "tests/test_revisions.py"]
READERS = [RULES, "tests/subscribers/test_paywall.py", "tests/subscribers/test_access_matrix.py",
           "tests/test_access_levels.py"]  # fmt: skip
UPLOADS = [RULES, "tests/test_resource_uploads.py", "tests/security/test_upload_abuse.py"]
IMAGES = [RULES, "tests/test_images_uploads.py", "tests/security/test_upload_abuse.py"]
FEEDS = [RULES, "tests/test_feeds.py", "tests/security/test_feed_payloads.py",
         "tests/test_plaintext.py"]  # fmt: skip
PAGES = [RULES, "tests/test_public_pages.py", "tests/test_bad_input.py"]


@dataclass
class Mutant:
    name: str
    path: str  # relative to the project root
    original: str  # must occur exactly once in the file
    replacement: str
    tests: list = field(default_factory=list)  # empty: the whole suite
    why: str = ""


# fmt: off
MUTANTS = [
    Mutant(
        "sanity", "articles/sanitize.py",
        'def sanitize_body(html):\n',
        'def sanitize_body(html):\n    raise RuntimeError("sanity mutant")\n',
        ["tests/test_sanitize.py"],
        "Breaks every save: proves the copy's code is the one under test.",
    ),
    # --- The five breaks of issue 13 ------------------------------------------------
    Mutant(
        "staff-delete-under-review", "access/staff.py",
        "DELETABLE_BY_CREATOR = frozenset({Status.DRAFT})",
        "DELETABLE_BY_CREATOR = frozenset({Status.DRAFT, Status.REVIEW})",
        STAFF, "Issue 13 break 1: the creator deletes an article under review.",
    ),
    Mutant(
        "sanitize-data-scheme", "articles/sanitize.py",
        'ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}',
        'ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "data"}',
        SANITIZER, "Issue 13 break 2a: data: links allowed.",
    ),
    Mutant(
        "sanitize-protocol-relative-img", "articles/sanitize.py",
        'return url if url.startswith("/") and not url.startswith("//") else None',
        'return url if url.startswith("/") else None',
        SANITIZER, "Issue 13 break 2b: <img src=\"//host/…\"> let through.",
    ),
    Mutant(
        "form-version-check", "articles/admin/revisions.py",
        "if locked or stale or base != current:",
        "if locked or stale:",
        CONFLICTS, "Issue 13 break 3: the form-level stale-version check removed "
        "(the UPDATE guard stays).",
    ),
    Mutant(
        "home-featured-unpublished", "articles/listings.py",
        "    published = Article.objects.published(now)\n    featured_ids",
        "    published = Article.objects.all()\n    featured_ids",
        PUBLIC, "Issue 13 break 4: « À la une » loses published().",
    ),
    Mutant(
        "resource-file-validator", "articles/models/resources.py",
        "validators=[validate_resource_file],",
        "validators=[],",
        UPLOADS, "Issue 13 break 5: the resource file field loses its validator.",
    ),
    # --- published() ----------------------------------------------------------------
    Mutant(
        "published-lte-lt", "articles/models/articles.py",
        "models.Q(published_at__lte=now)", "models.Q(published_at__lt=now)",
        PUBLIC, "An article is not visible at its exact publication instant.",
    ),
    Mutant(
        "published-no-unpublish", "articles/models/articles.py",
        "(models.Q(unpublish_at__isnull=True) | models.Q(unpublish_at__gt=now))\n        & ",
        "",
        PUBLIC, "Expired articles stay public.",
    ),
    Mutant(
        "published-unpublish-gte", "articles/models/articles.py",
        "models.Q(unpublish_at__gt=now)", "models.Q(unpublish_at__gte=now)",
        PUBLIC, "Still visible at the exact unpublish instant.",
    ),
    Mutant(
        "published-no-status", "articles/models/articles.py",
        "        & models.Q(status__in=LIVE_STATUSES)\n",
        "",
        PUBLIC, "Drafts with a past publication date become public.",
    ),
    Mutant(
        "is-public-no-unpublish", "articles/models/articles.py",
        "            and (self.unpublish_at is None or self.unpublish_at > now)\n        )",
        "        )",
        PUBLIC, "The Python twin of published() ignores unpublish_at.",
    ),
    # --- The staff access policy ------------------------------------------------------
    Mutant(
        "staff-change-scheduled", "access/staff.py",
        "EDITABLE_BY_CREATOR = frozenset({Status.DRAFT, Status.REVIEW, Status.CHANGES_REQUESTED})",
        "EDITABLE_BY_CREATOR = frozenset({Status.DRAFT, Status.REVIEW, Status.CHANGES_REQUESTED, "
        "Status.SCHEDULED})",
        STAFF, "A journalist changes their scheduled article.",
    ),
    Mutant(
        "staff-sees-colleagues-reviews", "access/staff.py",
        "return queryset.filter(published_q() | _own_work_q(user))",
        "return queryset.filter(published_q() | _own_work_q(user) | Q(status=Status.REVIEW))",
        STAFF, "A journalist sees a colleague's article under review.",
    ),
    Mutant(
        "resources-download-any", "access/staff.py",
        "return queryset.filter(article__in=visible_articles(user))",
        "return queryset",
        [RULES, "tests/test_resource_uploads.py", "tests/security/test_access_table.py"],
        "Resources of unpublished articles are downloadable.",
    ),
    # --- The readers' access policy ---------------------------------------------------
    Mutant(
        "readers-expired-subscription", "access/readers.py",
        "own = Subscription.objects.current(now).filter(reader=user)",
        "own = Subscription.objects.filter(reader=user)",
        READERS, "An expired (or future) subscription still reads in full.",
    ),
    Mutant(
        "readers-any-account", "access/readers.py",
        "    return reader_status(request).active\n",
        "    return reader_status(request).active or session_user(request) is not None\n",
        READERS, "Any logged-in reader reads subscriber articles in full.",
    ),
    Mutant(
        "teaser-no-third", "articles/teaser.py",
        "limit = min(max(1, max_chars), counter.length // MAX_SHARE)",
        "limit = max(1, max_chars)",
        [RULES, "tests/test_teaser.py", "tests/subscribers/test_paywall.py"],
        "A short subscriber article is shown whole in its teaser.",
    ),
    Mutant(
        "teaser-cap-doubled", "articles/teaser.py",
        "limit = min(max(1, max_chars), counter.length // MAX_SHARE)",
        "limit = min(max(1, max_chars) * 2, counter.length // MAX_SHARE)",
        [RULES, "tests/test_teaser.py", "tests/subscribers/test_paywall.py"],
        "The teaser shows twice ACCESS_TEASER_CHARS.",
    ),
    # --- Upload validation ------------------------------------------------------------
    Mutant(
        "pixel-cap-off", "images/validation.py",
        "    if pixels > limit:\n", "    if False:\n",
        IMAGES, "The project's pixel cap is gone (Pillow's own guard remains).",
    ),
    Mutant(
        "pixel-cap-doubled", "images/validation.py",
        "    if pixels > limit:\n", "    if pixels > 2 * limit:\n",
        IMAGES, "The project's pixel cap is twice too high.",
    ),
    Mutant(
        "resource-extension-check", "articles/uploads.py",
        "    if given != extension:\n", "    if False:\n",
        UPLOADS, "A PDF named report.docx is accepted.",
    ),
    # --- The version lock -------------------------------------------------------------
    Mutant(
        "version-lock-update", "articles/models/articles.py",
        "locked_qs = base_qs.filter(version=self._expected_version)",
        "locked_qs = base_qs",
        CONFLICTS, "The UPDATE guard removed (the form-level check stays).",
    ),
    Mutant(
        "version-not-incremented", "articles/models/articles.py",
        "            self.version += 1\n", "            self.version += 0\n",
        CONFLICTS, "Saves no longer bump the version.",
    ),
    # --- Pagination -------------------------------------------------------------------
    Mutant(
        "paginate-clamps", "articles/listings.py",
        "return paginator.page(int(raw))",
        "return paginator.get_page(int(raw))",
        PAGES, "An out-of-range page shows the last page instead of a 404.",
    ),
    Mutant(
        "paginate-per-page", "articles/listings.py",
        "Paginator(queryset, per_page or settings.ARTICLES_PER_PAGE)",
        "Paginator(queryset, (per_page or settings.ARTICLES_PER_PAGE) + 1)",
        PAGES, "One article too many per page.",
    ),
    Mutant(
        "paginate-any-number", "articles/listings.py",
        'PAGE_NUMBER = re.compile(r"[0-9]{1,6}")',
        'PAGE_NUMBER = re.compile(r"\\S{1,6}")',
        PAGES, "A page number that is not a number reaches int() (a 500).",
    ),
    Mutant(
        "list-count-kept-forever", "pagecache/counts.py",
        "if stored_tokens == tokens and (until is None or now.timestamp() < until):",
        "if True:",
        ("tests/cache/test_list_counts.py",),
        "A list's kept count survives publications, unpublications and deletions.",
    ),
    Mutant(
        "list-count-past-boundary", "pagecache/counts.py",
        "if stored_tokens == tokens and (until is None or now.timestamp() < until):",
        "if stored_tokens == tokens:",
        ("tests/cache/test_list_counts.py",),
        "A kept count ignores a scheduled publication or an expiry at its minute.",
    ),
    Mutant(
        "bulk-update-body-raw", "articles/models/articles.py",
        'kwargs["body"] = sanitize_body(kwargs["body"])',
        "pass",
        ("tests/test_write_paths_sanitised.py",),
        "queryset.update(body=…) stores the body without cleaning it.",
    ),
    # --- Feed escaping ----------------------------------------------------------------
    Mutant(
        "rss-text-unescaped", "articles/plaintext.py",
        "return html.escape(one_line(value), quote=False)",
        "return one_line(value)",
        FEEDS, "RSS titles and descriptions are no longer HTML-escaped.",
    ),
    Mutant(
        "feed-description-unescaped", "articles/feeds.py",
        'ITEM_HTML_FIELDS = ("title", "description", "comments")',
        'ITEM_HTML_FIELDS = ("title", "comments")',
        FEEDS, "Item descriptions (standfirsts) are no longer escaped.",
    ),
    Mutant(
        "feed-channel-unescaped", "articles/feeds.py",
        'CHANNEL_HTML_FIELDS = ("title", "description", "subtitle")',
        "CHANNEL_HTML_FIELDS = ()",
        FEEDS, "Channel titles (section, tag, author names) are no longer escaped.",
    ),
]
# fmt: on


def _ignore(directory, names):
    return {name for name in names if name in IGNORED or name.endswith(".pyc")}


def make_copy(mutant, base):
    """A fresh copy of ``base`` with the mutant applied (never the live checkout)."""
    target = Path(tempfile.mkdtemp(prefix=f"mutant-{mutant.name}-"))
    shutil.copytree(base, target, ignore=_ignore, dirs_exist_ok=True, symlinks=True)
    path = target / mutant.path
    source = path.read_text(encoding="utf-8")
    count = source.count(mutant.original)
    if count != 1:
        shutil.rmtree(target, ignore_errors=True)
        raise ValueError(f"{mutant.name}: snippet found {count} times in {mutant.path}")
    path.write_text(source.replace(mutant.original, mutant.replacement), encoding="utf-8")
    return target


def environment(copy):
    env = {key: value for key, value in os.environ.items() if key != "NEWSROOM_TEST_STATIC_ROOT"}
    env["PYTHONPATH"] = str(copy)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def check_imports_from(copy):
    """The copy's packages, not the editable install's, are the ones imported."""
    code = "import access, articles, images; print(articles.__file__)"
    out = subprocess.run(  # noqa: S603 (our venv's python, our arguments)
        [str(PYTHON), "-c", code], cwd=copy, env=environment(copy),
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if not out.startswith(str(copy)):
        raise SystemExit(f"the copy imports {out}, not its own code: stopping")


# Tests that already fail unmutated (found by the baseline run): deselected for the
# mutants, and listed in the report, so that a colleague's work in progress does not
# make every mutant look killed.
BROKEN_BEFORE = []


def pytest_command(tests, stop_first=True):
    deselect = [arg for test in BROKEN_BEFORE for arg in ("--deselect", test)]
    first = ["-x"] if stop_first else []
    return [str(PYTHON), "-m", "pytest", *first, "-q", "-p", "no:cacheprovider", *deselect,
            *tests]  # fmt: skip


def run_tests(copy, tests, stop_first=True):
    tests = [test for test in tests if (copy / test).exists()]
    started = time.monotonic()
    try:
        done = subprocess.run(  # noqa: S603 (our venv's python, our arguments)
            pytest_command(tests, stop_first), cwd=copy, env=environment(copy),
            capture_output=True, text=True, timeout=TIMEOUT,
        )  # fmt: skip
        code, output = done.returncode, done.stdout + done.stderr
    except subprocess.TimeoutExpired as timeout:
        code, output = "timeout", str(timeout.stdout or "")
    return code, output, time.monotonic() - started


def run_mutant(mutant, base):
    copy = make_copy(mutant, base)
    try:
        code, output, seconds = run_tests(copy, mutant.tests)
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    if code == "timeout":
        result = "ERROR (timeout)"
    elif code == 0:
        result = "SURVIVED"
    elif code == 1:
        result = "KILLED"
    else:  # 2: interrupted/collection error, 3: internal, 4: usage, 5: no tests
        result = f"ERROR (pytest exit {code})"
    lines = [line for line in output.splitlines() if line.startswith(("FAILED", "ERROR"))]
    return result, seconds, lines[:1] or output.strip().splitlines()[-1:]


def snapshot():
    """One copy of the live tree, taken once: every mutant starts from the same state."""
    base = Path(tempfile.mkdtemp(prefix="mutant-base-"))
    shutil.copytree(ROOT, base, ignore=_ignore, dirs_exist_ok=True, symlinks=True)
    return base


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*", help="mutants to run (default: all)")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--jobs", type=int, default=1, help="mutants run at the same time")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip the unmutated run of the selected tests")  # fmt: skip
    args = parser.parse_args(argv)

    if args.list:
        for mutant in MUTANTS:
            print(f"{mutant.name:32} {mutant.path:32} {mutant.why}")
        return 0
    known = {mutant.name: mutant for mutant in MUTANTS}
    unknown = [name for name in args.names if name not in known]
    if unknown:
        parser.error(f"unknown mutants: {', '.join(unknown)} (see --list)")
    selected = [known[name] for name in args.names] if args.names else MUTANTS

    base = snapshot()
    try:
        check_imports_from(base)
        if not args.no_baseline:
            # The selected tests must pass unmutated, or "killed" would mean nothing.
            tests = sorted({test for mutant in selected for test in mutant.tests})
            code, output, seconds = run_tests(base, tests, stop_first=False)
            failed = [line.split()[1] for line in output.splitlines()
                      if line.startswith(("FAILED ", "ERROR ")) and "::" in line]  # fmt: skip
            if code not in (0, 1) or (code == 1 and not failed):
                print(output[-3000:])
                print(f"baseline: the unmutated tests do not run (exit {code}): stopping")
                return 1
            BROKEN_BEFORE.extend(failed)
            print(f"baseline: {len(tests)} test files, {len(failed)} failing unmutated "
                  f"({seconds:.0f} s)", flush=True)  # fmt: skip
            for test in failed:
                print(f"  failing before any mutation (deselected): {test}", flush=True)
        results = {}

        def one(mutant):
            results[mutant.name] = outcome = run_mutant(mutant, base)
            print(f"{outcome[0]:18} {outcome[1]:6.1f} s  {mutant.name}", flush=True)

        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            list(pool.map(one, selected))
    finally:
        shutil.rmtree(base, ignore_errors=True)

    survivors = [m.name for m in selected if results[m.name][0] == "SURVIVED"]
    errors = [m.name for m in selected if results[m.name][0].startswith("ERROR")]
    if args.markdown:
        print("\n| Mutant | File | Result | Time | Caught by |\n|---|---|---|---|---|")
        for mutant in selected:
            result, seconds, detail = results[mutant.name]
            caught = detail[0].removeprefix("FAILED ")[:90] if result.startswith("KILLED") else ""
            print(f"| `{mutant.name}` | `{mutant.path}` | {result} | {seconds:.0f} s | {caught} |")
    print(f"\n{len(selected)} mutants: {len(selected) - len(survivors) - len(errors)} killed, "
          f"{len(survivors)} survived, {len(errors)} errors")  # fmt: skip
    for name in survivors:
        print(f"SURVIVED: {name} — {known[name].why}")
    for name in errors:
        print(f"ERROR: {name} — {results[name][2]}")
    if "sanity" in results and results["sanity"][0] == "SURVIVED":
        print("The sanity mutant survived: the copy is not the code under test.")
    return 1 if survivors or errors else 0


if __name__ == "__main__":
    sys.exit(main())
