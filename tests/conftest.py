import importlib.util
import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent for p in REPO.glob("*/__manifest__.py"))


def load_module(path, name):
    """Import one pure-Python file of an addon without importing Odoo."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def code_pattern():
    return load_module(REPO / "opportunity_pipeline" / "tools" / "code_pattern.py", "code_pattern")
