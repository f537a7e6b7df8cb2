"""ruff (lint + format) over the whole repository, with the config in pyproject.toml."""

import shutil
import subprocess

import pytest

from conftest import REPO


@pytest.mark.parametrize(
    "args", [["check", "."], ["format", "--check", "."]], ids=["lint", "format"]
)
def test_ruff(args):
    ruff = shutil.which("ruff")
    assert ruff, "ruff is a test requirement (requirements-test.txt)"
    result = subprocess.run([ruff, *args], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
