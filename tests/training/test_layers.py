"""The apps' dependency direction (.importlinter) holds, and a wrong-way import breaks it."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(shutil.which("lint-imports") or ROOT / ".venv" / "bin" / "lint-imports")
APPS = [
    "people",
    "courses",
    "quizzes",
    "records",
    "xapi",
    "certificates",
    "studio",
    "demo",
    "training",
]

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-logo", "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_apps_import_only_downwards():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_a_course_importing_the_records_breaks_the_contract(tmp_path):
    for name in APPS:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / ".importlinter", tmp_path)
    models = tmp_path / "courses" / "models.py"
    models.write_text(models.read_text() + "\nfrom records.models import Assignment  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "courses.models -> records.models" in result.stdout
