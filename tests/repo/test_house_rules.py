"""House rules of the addons' Python, checked without Odoo: the OCA licence header and a module
docstring in every file, no file above 450 lines and no function above 40, imports at the top of
their module (but for the heavy libraries of ``LAZY_IMPORTS``), no import cycle in an addon."""

import ast
import re

import pytest

from conftest import ADDONS

MAX_FILE_LINES = 450
MAX_FUNCTION_LINES = 40

# The header OCA modules carry (a Copyright line or more, then the licence of the manifest)
COPYRIGHT = re.compile(r"# Copyright \d{4}(-\d{4})? \S.*")
LICENCE_LINES = {
    "LGPL-3": "# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).",
    "AGPL-3": "# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).",
}
NO_DOCSTRING = {"__init__.py", "__manifest__.py"}  # imports and data only, nothing to say

# Top-level packages an addon may import inside a function, and why: nothing else. A library
# every run needs belongs at the top of the module, where a missing one fails at install time.
LAZY_IMPORTS = {
    # docxtpl and python-docx behind it: about 110 modules more than the Jinja and lxml that
    # tools/docx_render.py imports anyway, needed by a render only, which Odoo runs in a child
    # process; so an Odoo worker, which imports docx_render with its model, never loads them
    "docxtpl",
}


def python_files(addon):
    return sorted(addon.rglob("*.py"))


def parse(path):
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def where(addon, path, line=None):
    shown = f"{addon.name}/{path.relative_to(addon)}"
    return f"{shown}:{line}" if line else shown


# --- the checks, on source text or trees (tested below on code written to fail them) ----------


def header_problems(text, licence_line):
    """What the leading comment block lacks of the OCA header: a Copyright line, then the
    licence line, before anything else of the file."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.rstrip())
    problems = []
    copyrights = [i for i, line in enumerate(lines) if COPYRIGHT.fullmatch(line)]
    if not copyrights:
        problems.append("no '# Copyright <year> <holder>' line at the top")
    if licence_line not in lines:
        problems.append(f"no {licence_line!r} line at the top")
    elif copyrights and lines.index(licence_line) < copyrights[0]:
        problems.append("the licence line comes before the Copyright line")
    return problems


def long_functions(tree, limit=MAX_FUNCTION_LINES):
    """``(line, name, length)`` of every function or method longer than ``limit`` lines, from
    its ``def`` line to its last line (docstring included, decorators not)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > limit:
                found.append((node.lineno, node.name, length))
    return sorted(found)


def local_imports(tree, allowed=frozenset(LAZY_IMPORTS)):
    """``(line, function, module)`` of every import inside a function, but of the top-level
    packages ``allowed``."""
    found = set()
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = ["." * node.level + (node.module or "")]
            else:
                continue
            found.update(
                (node.lineno, function.name, module)
                for module in modules
                if module.split(".")[0] not in allowed
            )
    return sorted(found)


def module_name(addon, path):
    """The dotted name of a file in its addon: ``models.opportunity_stage``, ``models`` for
    ``models/__init__.py``, ``""`` for the addon's own ``__init__.py``."""
    parts = list(path.relative_to(addon).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(name, is_package, tree, modules, addon_name):
    """The modules of the addon (of ``modules``, dotted names) that module ``name`` imports,
    anywhere in it, relatively or as ``odoo.addons.<addon_name>``. ``from . import x`` names
    the submodule ``x`` if there is one, else the package. The packages above an imported
    module are not counted: every import of ``models.a`` runs ``models/__init__.py`` first,
    the package that imports ``models.a`` itself."""
    package = name.split(".") if name else []
    if not is_package:
        package.pop()
    absolute = f"odoo.addons.{addon_name}"
    targets = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets.update(
                alias.name[len(absolute) + 1 :]
                for alias in node.names
                if alias.name.startswith(absolute + ".")
            )
            continue
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            if node.level - 1 > len(package):
                continue  # above the addon
            origin = package[: len(package) - node.level + 1] + (node.module or "").split(".")
        elif node.module == absolute or (node.module or "").startswith(absolute + "."):
            origin = node.module.split(".")[3:]
        else:
            continue
        origin = ".".join(part for part in origin if part)
        for alias in node.names:
            submodule = f"{origin}.{alias.name}" if origin else alias.name
            targets.add(submodule if submodule in modules else origin)
    return {target for target in targets if target in modules}


def import_graph(addon):
    """``{module: {modules of the addon it imports}}`` for every Python file of ``addon``."""
    files = {module_name(addon, path): path for path in python_files(addon)}
    return {
        name: imported_modules(
            name, path.name == "__init__.py", parse(path), set(files), addon.name
        )
        for name, path in files.items()
    }


def import_cycles(graph):
    """The groups of modules that import each other (strongly connected components of more than
    one module, or a module that imports itself), each sorted; Tarjan's algorithm."""
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
                on_stack.discard(group[-1])
            if len(group) > 1 or node in graph.get(node, ()):
                cycles.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(cycles)


# --- the addons -----------------------------------------------------------------------------


def licence_line(addon):
    licence = ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))["license"]
    assert licence in LICENCE_LINES, f"no header known for the licence {licence}"
    return LICENCE_LINES[licence]


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_every_python_file_carries_the_licence_header(addon):
    line = licence_line(addon)
    found = {
        where(addon, path): problems
        for path in python_files(addon)
        if (problems := header_problems(path.read_text(encoding="utf-8"), line))
    }
    assert not found, "OCA header missing:\n" + "\n".join(f"{k}: {v}" for k, v in found.items())


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_every_module_says_what_lives_there(addon):
    found = [
        where(addon, path)
        for path in python_files(addon)
        if path.name not in NO_DOCSTRING and not (ast.get_docstring(parse(path)) or "").strip()
    ]
    assert not found, "no module docstring:\n" + "\n".join(found)


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_no_file_above_the_limit(addon):
    found = [
        f"{where(addon, path)} ({count} lines)"
        for path in python_files(addon)
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES
    ]
    assert not found, f"above {MAX_FILE_LINES} lines:\n" + "\n".join(found)


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_no_function_above_the_limit(addon):
    found = [
        f"{where(addon, path, line)} {name} ({length} lines)"
        for path in python_files(addon)
        for line, name, length in long_functions(parse(path))
    ]
    assert not found, f"above {MAX_FUNCTION_LINES} lines:\n" + "\n".join(found)


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_imports_at_the_top_of_the_module(addon):
    found = [
        f"{where(addon, path, line)} {function}: {module}"
        for path in python_files(addon)
        for line, function, module in local_imports(parse(path))
    ]
    assert not found, "import inside a function (LAZY_IMPORTS):\n" + "\n".join(found)


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_no_import_cycle(addon):
    graph = import_graph(addon)
    assert graph[""] >= {"models"}, "the addon's __init__ imports its models"
    assert not import_cycles(graph), import_cycles(graph)


# --- the checks can fail --------------------------------------------------------------------

BAD_MODULE = """\
import os


def short():
    return os.sep


def long(value):
    import json
    from docxtpl import DocxTemplate
    from ..tools import code_pattern
"""


def test_header_check_refuses_what_is_not_the_oca_header():
    line = LICENCE_LINES["LGPL-3"]
    good = f'# Copyright 2026 opportunity_pipeline developers\n{line}\n"""Doc."""\n'
    assert header_problems(good, line) == []
    assert len(header_problems('"""Doc."""\n', line)) == 2
    assert header_problems(f"{line}\n", line) == [
        "no '# Copyright <year> <holder>' line at the top"
    ]
    late = f"import os\n# Copyright 2026 opportunity_pipeline developers\n{line}\n"
    assert len(header_problems(late, line)) == 2
    swapped = f"{line}\n# Copyright 2026 opportunity_pipeline developers\n"
    assert header_problems(swapped, line) == ["the licence line comes before the Copyright line"]
    agpl = f"# Copyright 2026 opportunity_pipeline developers\n{LICENCE_LINES['AGPL-3']}\n"
    assert header_problems(agpl, line) == [f"no {line!r} line at the top"]


def test_length_and_import_checks_find_their_offenders():
    body = "\n".join(f"    x{i} = {i}" for i in range(36))
    tree = ast.parse(BAD_MODULE + body + "\n")
    assert long_functions(tree) == []  # 40 lines: at the limit
    tree = ast.parse(BAD_MODULE + body + "\n    return x0\n")
    assert long_functions(tree) == [(8, "long", 41)]
    assert local_imports(tree) == [(9, "long", "json"), (11, "long", "..tools")]


def test_cycle_check_finds_a_cycle_through_relative_imports(tmp_path):
    addon = tmp_path / "some_addon"
    files = {
        "__init__.py": "from . import models\n",
        "models/__init__.py": "from . import a\nfrom . import b\n",
        "models/a.py": "from odoo import models\n\nfrom ..tools import helper\n",
        "models/b.py": "from .a import X\n",
        "tools/__init__.py": "",
        "tools/helper.py": "def f():\n    from odoo.addons.some_addon.models import b\n",
    }
    for name, text in files.items():
        (addon / name).parent.mkdir(parents=True, exist_ok=True)
        (addon / name).write_text(text)
    graph = import_graph(addon)
    assert graph == {
        "": {"models"},
        "models": {"models.a", "models.b"},
        "models.a": {"tools.helper"},
        "models.b": {"models.a"},
        "tools": set(),
        "tools.helper": {"models.b"},
    }
    assert import_cycles(graph) == [["models.a", "models.b", "tools.helper"]]
    (addon / "tools/helper.py").write_text("")
    assert import_cycles(import_graph(addon)) == []
