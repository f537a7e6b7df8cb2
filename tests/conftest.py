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


TOOLS = REPO / "opportunity_pipeline" / "tools"


@pytest.fixture(scope="session")
def upload_guard():
    return load_module(TOOLS / "upload_guard.py", "upload_guard")


@pytest.fixture(scope="session")
def xlsx_writer():
    return load_module(TOOLS / "xlsx_writer.py", "xlsx_writer")


@pytest.fixture(scope="session")
def docx_render():
    return load_module(TOOLS / "docx_render.py", "docx_render")


@pytest.fixture(scope="session")
def hostile():
    return load_module(REPO / "opportunity_pipeline" / "tests" / "hostile_files.py", "hostile")
