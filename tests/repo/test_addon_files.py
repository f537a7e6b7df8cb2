"""Static checks of every addon in the repository: manifest, XML, access rights, style rules."""

import ast
import csv
import functools
import importlib.metadata
import re
import sys

import pytest
from lxml import etree

from conftest import ADDONS

XML_FILES = [p for addon in ADDONS for p in addon.rglob("*.xml")]


def manifest(addon):
    return ast.literal_eval((addon / "__manifest__.py").read_text())


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_manifest(addon):
    data = manifest(addon)
    # the addon's own version, without a series: Odoo 18.0 and 19.0 each prefix their own and
    # refuse the other's (scripts/build_wheels.sh stamps the series into the wheels)
    assert re.fullmatch(r"\d+\.\d+\.\d+", data["version"]), data["version"]
    for key in ("name", "summary", "license", "category", "depends", "data"):
        assert data.get(key), key
    files = data["data"] + data.get("demo", [])
    for name in files:
        assert (addon / name).is_file(), name
    assert files == list(dict.fromkeys(files)), "a file is listed twice"
    security = [i for i, f in enumerate(data["data"]) if f.startswith("security/")]
    assert security == list(range(len(security))), "security files come first"
    menus = [i for i, f in enumerate(data["data"]) if f.endswith("_menus.xml")]
    assert all(i >= len(data["data"]) - 1 for i in menus), "menus come last"


@pytest.mark.parametrize("path", XML_FILES, ids=lambda p: str(p.relative_to(p.parents[2])))
def test_xml_is_odoo_18(path):
    tree = etree.parse(str(path))
    assert not tree.xpath("//tree"), "<tree> is <list> in Odoo 18"
    assert not tree.xpath("//*[@attrs or @states]"), "attrs/states are gone in Odoo 18"
    assert not tree.xpath("//*[@t-esc or @t-raw]"), "use t-out"
    ids = tree.xpath("//record/@id | //menuitem/@id | //template/@id")
    assert len(ids) == len(set(ids)), "duplicate xml ids"
    if "/demo/" in str(path):
        assert all(i.endswith("_demo") for i in tree.xpath("//record/@id")), "demo ids end in _demo"


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_every_model_has_access_rights(addon):
    models = set()
    folders = [addon / "models", addon / "wizard"]
    for py in (p for folder in folders if folder.is_dir() for p in folder.glob("*.py")):
        tree = ast.parse(py.read_text())
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            if any(getattr(base, "attr", None) == "AbstractModel" for base in node.bases):
                continue  # abstract models have no table and no access rights
            names = {}
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
                    try:
                        names[stmt.targets[0].id] = ast.literal_eval(stmt.value)
                    except ValueError:
                        names[stmt.targets[0].id] = None
            name, inherit = names.get("_name"), names.get("_inherit") or []
            inherit = [inherit] if isinstance(inherit, str) else inherit
            if name and name not in inherit:
                models.add(name)
    if not models:
        return
    access = addon / "security" / "ir.model.access.csv"
    with access.open() as handle:
        rows = list(csv.DictReader(handle))
    covered = {row["model_id:id"].split(".")[-1] for row in rows}
    for model in models:
        assert "model_" + model.replace(".", "_") in covered, f"{model} has no access rights"
    assert len({row["id"] for row in rows}) == len(rows)


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_python_style(addon):
    for py in addon.rglob("*.py"):
        text = py.read_text()
        assert "cr.commit()" not in text, f"{py}: never commit"
        assert not re.search(r"_\(f[\"']", text), f"{py}: no f-string inside _()"
        assert "name_get" not in text, f"{py}: use _compute_display_name"
        assert not re.search(r"\.execute\(\s*f[\"']", text), f"{py}: SQL built from an f-string"


# --- external_dependencies -----------------------------------------------------------------------
# Imported by the addons but not declared, on purpose: Odoo itself does not start without them
# (the ORM's HTML fields are MarkupSafe, its cursor raises psycopg2 errors, its views are lxml), so
# the `odoo` requirement carries them, and a wheel requiring `psycopg2` would try to compile it
# next to psycopg2-binary.
ODOO_ITSELF = {"lxml", "psycopg2", "markupsafe"}
# Imported by tests/ only: Odoo's own requirements, or a dependency of docxtpl (python-docx).
TESTS_ONLY = {"freezegun", "pypdf2", "xlwt", "python-docx"}
# Import name -> PyPI name where they differ, for environments where the package is not installed.
DISTRIBUTIONS = {
    "docx": "python-docx",
    "yaml": "pyyaml",
    "PIL": "pillow",
    "dateutil": "python-dateutil",
}


def canonical(name):
    """A PyPI name as pip compares them: ``XlsxWriter`` is ``xlsxwriter``, ``_`` is ``-``."""
    name = re.split(r"[\s<>=!~;\[]", name.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


@functools.cache
def installed_distributions():
    return importlib.metadata.packages_distributions()


def third_party_imports(addon, tests):
    """PyPI names of the top-level packages imported by the addon's runtime code (``tests=False``)
    or by its tests/ (``tests=True``), anywhere in a file (inside functions too)."""
    installed = installed_distributions()
    found = {}
    for py in sorted(addon.rglob("*.py")):
        if (addon / "tests" in py.parents) != tests:
            continue
        for node in ast.walk(ast.parse(py.read_text(), str(py))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top == "odoo" or top in sys.stdlib_module_names:
                    continue
                name = (installed.get(top) or [DISTRIBUTIONS.get(top, top)])[0]
                found.setdefault(canonical(name), py.relative_to(addon))
    return found


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_external_dependencies_declare_every_import(addon):
    declared = {
        canonical(n) for n in manifest(addon).get("external_dependencies", {}).get("python", [])
    }
    runtime = third_party_imports(addon, tests=False)
    missing = {
        name: str(path) for name, path in runtime.items() if name not in declared | ODOO_ITSELF
    }
    assert not missing, f"imported but not in external_dependencies: {missing}"
    unused = declared - set(runtime)
    assert not unused, f"declared but imported by no runtime code: {sorted(unused)}"
    tests = third_party_imports(addon, tests=True)
    unknown = {n: str(p) for n, p in tests.items() if n not in declared | ODOO_ITSELF | TESTS_ONLY}
    assert not unknown, (
        f"imported by tests, neither declared nor a known test requirement: {unknown}"
    )


def test_import_scanner_finds_known_imports():
    core = next(addon for addon in ADDONS if addon.name == "opportunity_pipeline")
    assert {"docxtpl", "xlsxwriter", "psycopg2"} <= set(third_party_imports(core, tests=False))
    assert {"freezegun", "python-docx"} <= set(third_party_imports(core, tests=True))
