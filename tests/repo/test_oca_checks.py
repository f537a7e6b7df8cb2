"""OCA's checks on the three addons, zero findings: pylint-odoo (mandatory and optional checks,
.pylintrc), oca-checks-odoo-module and oca-checks-po, as .pre-commit-config.yaml runs them."""

import re
import shutil
import subprocess
import sys

import pytest

from conftest import ADDONS, REPO

ADDON_NAMES = [addon.name for addon in ADDONS]


def run(args):
    return subprocess.run(args, cwd=REPO, capture_output=True, text=True, check=False)


def tool(name):
    path = shutil.which(name)
    assert path, f"{name} is a test requirement (requirements-test.txt)"
    return path


def test_addons_found():
    assert ADDON_NAMES == [
        "opportunity_pipeline",
        "opportunity_pipeline_project",
        "opportunity_pipeline_sale",
    ]


def test_pylint_odoo():
    pytest.importorskip("pylint_odoo", reason="pylint-odoo is a test requirement")
    # .pylintrc holds every check of .pylintrc-mandatory and more: one run covers both
    result = run([sys.executable, "-m", "pylint", "--rcfile=.pylintrc", *ADDON_NAMES])
    assert result.returncode == 0, result.stdout + result.stderr
    assert not result.stdout.strip(), result.stdout


def test_pylint_configs_agree():
    """The optional config enables every mandatory check (so that one run covers both), and
    no check it names is unknown to the installed pylint-odoo (a typo would disable nothing)."""

    def enabled(name):
        text = (REPO / name).read_text(encoding="utf-8")
        block = text.split("enable=", 1)[1].split("\n\n", 1)[0]
        lines = [line.split("#", 1)[0] for line in block.splitlines()]
        return {c.strip() for c in ",".join(lines).split(",") if c.strip()}

    mandatory, everything = enabled(".pylintrc-mandatory"), enabled(".pylintrc")
    assert mandatory <= everything, mandatory - everything
    pytest.importorskip("pylint_odoo", reason="pylint-odoo is a test requirement")
    listed = run([sys.executable, "-m", "pylint", "--load-plugins=pylint_odoo", "--list-msgs"])
    known = set(re.findall(r"^:([a-z0-9-]+) \(", listed.stdout, re.M))
    assert everything - known == set()


def test_oca_checks_odoo_module():
    result = run([tool("oca-checks-odoo-module"), *ADDON_NAMES])
    assert result.returncode == 0, result.stdout + result.stderr


def test_oca_checks_po():
    po_files = sorted(str(p.relative_to(REPO)) for p in REPO.glob("*/i18n/*.po*"))
    assert len(po_files) == 2 * len(ADDON_NAMES)  # a .pot and vi.po each
    result = run([tool("oca-checks-po"), "--disable=po-pretty-format", *po_files])
    assert result.returncode == 0, result.stdout + result.stderr


def test_translations_go_through_env():
    """What pylint-odoo's prefer-env-translation means (disabled in .pylintrc: it cannot tell
    ``_ = self.env._`` from ``odoo._``): no addon imports ``_`` or ``_lt`` from odoo."""
    imports = re.compile(r"^from odoo(\.tools\.translate)? import .*\b_(lt)?\b", re.M)
    found = [
        str(path.relative_to(REPO))
        for addon in ADDONS
        for path in addon.rglob("*.py")
        if imports.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
