"""Fixtures of the Odoo-free tests: pure-Python modules of the addons loaded without Odoo
(``tools/`` as a package of its own), the import corpus, and the helpers of the reader tests."""

import importlib
import importlib.util
import io
import pathlib
import sys
import zipfile

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


def load_tools_package():
    """``opportunity_pipeline/tools`` as a package of its own (``op_tools``), without importing
    Odoo: its modules import each other relatively (``from .upload_guard import ...``)."""
    if "op_tools" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "op_tools", TOOLS / "__init__.py", submodule_search_locations=[str(TOOLS)]
        )
        package = importlib.util.module_from_spec(spec)
        sys.modules["op_tools"] = package
        spec.loader.exec_module(package)
    return sys.modules["op_tools"]


def tool(name):
    """One module of ``opportunity_pipeline/tools``, imported as part of its package."""
    load_tools_package()
    return importlib.import_module(f"op_tools.{name}")


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


@pytest.fixture(scope="session")
def readers():
    """``tools/importer/rows.py``: ``read_rows``, the entry point of every reader."""
    return tool("importer.rows")


@pytest.fixture(scope="session")
def cell_types():
    """``tools/importer/cells.py``: ``Percent``, ``CellError``, ``ReadError``."""
    return tool("importer.cells")


@pytest.fixture(scope="session")
def import_corpus():
    return load_module(REPO / "tests" / "import_corpus.py", "import_corpus")


# -- reading files (the test_import_readers*.py files) ------------------------------------------

CORPUS = REPO / "opportunity_pipeline" / "tests" / "data" / "import_corpus"


def read(readers, data, name, max_rows=100):
    """Every ``(row_number, cells)`` of a file, read by ``readers.read_rows``."""
    return list(readers.read_rows(data, name, readers.upload_guard.Limits(max_rows)))


def refused(readers, data, name, reason, max_rows=100):
    """The params of the ``ReadError`` a file raises, which must be of ``reason``."""
    with pytest.raises(readers.ReadError) as caught:
        read(readers, data, name, max_rows)
    assert caught.value.reason == reason, caught.value.params
    return caught.value.params


def corpus(name):
    """The bytes of a committed file of the import corpus."""
    return (CORPUS / name).read_bytes()


def ods_content(data):
    """The ``content.xml`` of an .ods."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("content.xml")
