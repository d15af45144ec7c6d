"""bin/demo with an exported DATABASE_URL: it says so, hides the password, and without a
terminal to confirm on it touches nothing unless DEMO_USE_DATABASE=1."""

import os
import subprocess
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent / "bin" / "demo"


def run_demo(**env):
    return subprocess.run(  # noqa: S603 (our own script, fixed arguments)
        [str(DEMO)],
        env={**os.environ, **env},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_exported_database_is_named_and_refused_without_a_terminal():
    result = run_demo(DATABASE_URL="postgres://newsroom:s3cr3t-pw@db.example:5432/newsroom")
    assert result.returncode == 1
    assert "Base de données : postgres://newsroom:***@db.example:5432/newsroom (exportée)" in (
        result.stdout
    )
    assert "migrée et remplie avec la démo" in result.stdout
    assert "DEMO_USE_DATABASE=1" in result.stderr
    assert "Rien n'a été modifié" in result.stderr
    assert "s3cr3t-pw" not in result.stdout + result.stderr


def test_url_without_password_is_shown_as_is():
    result = run_demo(DATABASE_URL="postgres://postgres@127.0.0.1:5432/demo")
    assert "Base de données : postgres://postgres@127.0.0.1:5432/demo (exportée)" in result.stdout
    assert result.returncode == 1
