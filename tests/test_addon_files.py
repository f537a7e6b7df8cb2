"""Static checks of every addon in the repository: manifest, XML, access rights, style rules."""

import ast
import csv
import re

import pytest
from lxml import etree

from conftest import ADDONS

XML_FILES = [p for addon in ADDONS for p in addon.rglob("*.xml")]


def manifest(addon):
    return ast.literal_eval((addon / "__manifest__.py").read_text())


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_manifest(addon):
    data = manifest(addon)
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", data["version"])
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
