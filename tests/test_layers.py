"""The apps stand in layers (.importlinter): the contract holds, and it is a check that can fail."""

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT

PACKAGES = ("sora_social", "cameos", "generation", "feed", "remix", "moderation")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300, env={"PYTHONPATH": str(root)})


def test_every_app_imports_only_from_the_layers_below_it():
    result = lint_imports(REPO_ROOT)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Contracts: 1 kept, 0 broken." in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    # Given a copy of the code in which cameos (layer 4) imports feed (layer 6)
    for package in PACKAGES:
        shutil.copytree(REPO_ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO_ROOT / ".importlinter", tmp_path / ".importlinter")
    selectors = tmp_path / "cameos" / "selectors.py"
    selectors.write_text(selectors.read_text() + "\nfrom feed.models import Post  # noqa\n")

    result = lint_imports(tmp_path)

    assert result.returncode != 0
    assert "cameos is not allowed to import feed" in result.stdout
    assert "cameos.selectors -> feed.models" in result.stdout
