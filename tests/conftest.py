"""Fixtures of the Odoo-free tests: ``unit/`` (the pure-Python ``tools/`` of the core addon, the
import corpus, the helpers of the reader tests) and ``repo/`` (checks of the repository's files).

One conftest for both folders: the tests import its names (``from conftest import REPO``)."""

import importlib
import importlib.util
import io
import pathlib
import sys
import types
import zipfile

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent for p in REPO.glob("*/__manifest__.py"))
TOOLS = REPO / "opportunity_pipeline" / "tools"

# ``opportunity_pipeline/tools`` is imported as the plain top-level package ``tools``: importing
# it as ``opportunity_pipeline.tools`` would run the addon's ``__init__.py``, which imports Odoo.
# Nothing else on the path of these tests is named ``tools`` (Odoo's is ``odoo.tools``).
sys.path.insert(0, str(TOOLS.parent))


def load_module(path, name):
    """Import one Python file that is not in a package (a script, a test-data builder)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tool(name):
    """One module of ``opportunity_pipeline/tools``: ``tool("importer.parse")``."""
    return importlib.import_module(f"tools.{name}")


@pytest.fixture(scope="session")
def code_pattern():
    return tool("code_pattern")


@pytest.fixture(scope="session")
def upload_guard():
    return tool("upload_guard")


@pytest.fixture(scope="session")
def xlsx_writer():
    return tool("xlsx_writer")


@pytest.fixture(scope="session")
def docx_render():
    return tool("docx_render")


# Test data is built in ONE place, the addon's tests/ (the Odoo tests use it too): hostile uploads
# (hostile_files.py), spreadsheets of other programs (corpus_xlsx.py, corpus_ods.py) and
# LibreOffice's own files (data/import_corpus/, made by scripts/make_import_corpus.py). Loaded by
# path: importing the addon's tests package would import Odoo.
BUILDERS = REPO / "opportunity_pipeline" / "tests"


@pytest.fixture(scope="session")
def hostile():
    return load_module(BUILDERS / "hostile_files.py", "hostile")


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
    """The in-memory corpus: the builders of corpus_xlsx.py and corpus_ods.py."""
    xlsx = load_module(BUILDERS / "corpus_xlsx.py", "corpus_xlsx")
    ods = load_module(BUILDERS / "corpus_ods.py", "corpus_ods")
    return types.SimpleNamespace(**{**vars(xlsx), **vars(ods)})


# -- reading files (the test_import_readers*.py files) ------------------------------------------

CORPUS = BUILDERS / "data" / "import_corpus"


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
