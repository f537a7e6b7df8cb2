# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fill a Word (.docx) template in a sandbox that is bounded in what it may do and cost.

Pure Python on purpose (no Odoo import): tested by ``pytest tests/`` without a database, and run
as a script (``python -I docx_render.py FOLDER``) in a child process by the Odoo model.

Three layers, each enough against the attacks the one before cannot stop:

1. **What a placeholder may do** (:class:`PlaceholderSandbox`): read values, nothing else. No
   call at all (``str.format`` included, which Jinja's sandbox lets through), no private
   attribute, an allow-list of filters, no globals (``range``, ``lipsum``...), ``*``, ``**``,
   ``+`` and ``%`` checked *before* they run so that ``'A' * 200000000`` or ``7 ** 7 ** 8`` is
   refused at once.
2. **What it may see**: the caller passes plain values only (strings, numbers, dates, lists and
   dicts of those); no record, no environment.
3. **What it may cost** (:func:`render_isolated`): the render runs in a child process with
   an address-space and a CPU-time limit and a wall-clock timeout; a template that loops for
   hours or builds a gigabyte string kills only that child. The output size is bounded too.

Problems are raised as :class:`RenderError` with a ``reason`` code and parameters; the Odoo
layer turns them into translated messages naming the template.
"""

import io
import json
import math
import os
import pickle
import re
import resource
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

#: Longest string (or list) one operator may build.
MAX_OPERATOR_RESULT = 1_000_000
#: Largest exponent / result of ``**`` (in bits).
MAX_POWER_BITS = 4096
#: Largest filled document (bytes).
MAX_OUTPUT_BYTES = 32 * 1024 * 1024

#: Filters a placeholder may use: formatting and list helpers whose cost is bounded by their
#: input. Left out on purpose: ``center``/``indent``/``wordwrap``/``format``/``truncate`` (their
#: argument sizes the output), ``batch``/``slice`` (same), ``safe`` (would let user data inject
#: raw Word XML), ``attr``/``map``/``selectattr`` helpers stay as they go through the sandbox.
ALLOWED_FILTERS = frozenset(
    {
        "abs", "capitalize", "count", "d", "default", "dictsort", "e", "escape", "first",
        "float", "forceescape", "groupby", "int", "join", "last", "length", "list", "lower",
        "map", "max", "min", "reject", "rejectattr", "replace", "reverse", "round", "select",
        "selectattr", "sort", "string", "striptags", "sum", "title", "trim", "unique", "upper",
        "wordcount", "items",
    }
)  # fmt: skip

#: Attributes a placeholder may never read, whatever object it holds.
FORBIDDEN_ATTRIBUTES = frozenset(
    {"env", "sudo", "with_user", "with_env", "with_context", "with_company", "pool", "browse"}
)


class RenderError(Exception):
    """The template cannot be filled. ``reason`` is a code, ``params`` fill its message."""

    def __init__(self, reason, **params):
        super().__init__(reason, params)
        self.reason = reason
        self.params = params


class PlaceholderSandbox(SandboxedEnvironment):
    """Jinja sandbox for uploaded templates: placeholders read values, they call nothing."""

    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})

    def __init__(self, **options):
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=True, **options)
        self.filters = {
            name: function for name, function in self.filters.items() if name in ALLOWED_FILTERS
        }
        # no range(), dict(), lipsum(), cycler(), joiner(), namespace()
        self.globals.clear()

    def is_safe_attribute(self, obj, attr, value):
        if attr in FORBIDDEN_ATTRIBUTES or attr.startswith("_"):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def is_safe_callable(self, obj):
        return False

    def call(__self, __context, __obj, *args, **kwargs):  # Jinja's signature
        # Jinja's sandbox formats ``'...'.format(...)`` itself before asking is_safe_callable:
        # refuse every call here, format included.
        raise jinja2.exceptions.SecurityError(f"{__obj!r} cannot be called in a template")

    def call_binop(self, context, operator, left, right):
        if operator in ("*", "+"):
            _check_size(_result_size(operator, left, right))
        elif operator == "**":
            _check_power(left, right)
        elif operator == "%" and isinstance(left, str):
            # printf-style formatting: '%0200000000d' % 1
            raise jinja2.exceptions.SecurityError("string formatting is not allowed")
        return super().call_binop(context, operator, left, right)


def _result_size(operator, left, right):
    sized = (str, bytes, list, tuple)
    if operator == "*":
        if isinstance(left, sized) and isinstance(right, int):
            return len(left) * max(right, 0)
        if isinstance(right, sized) and isinstance(left, int):
            return len(right) * max(left, 0)
        return 0
    if isinstance(left, sized) and isinstance(right, sized):
        return len(left) + len(right)
    return 0


def _check_size(size):
    if size > MAX_OPERATOR_RESULT:
        raise RenderError("too_big", limit=MAX_OPERATOR_RESULT)


def _check_power(base, exponent):
    if not isinstance(base, int | float) or not isinstance(exponent, int | float):
        return
    if isinstance(exponent, float) or isinstance(base, float):
        if abs(exponent) > MAX_POWER_BITS:
            raise RenderError("too_big", limit=MAX_POWER_BITS)
        return
    if abs(exponent) > MAX_POWER_BITS or (
        abs(base) > 1 and exponent * math.log2(abs(base)) > MAX_POWER_BITS
    ):
        raise RenderError("too_big", limit=MAX_POWER_BITS)


def render(template_bytes, context):
    """Fill the template in this process and return the .docx bytes (sandbox layers 1-2)."""
    from docxtpl import DocxTemplate

    try:
        document = DocxTemplate(io.BytesIO(template_bytes))
        document.render(context, jinja_env=PlaceholderSandbox())
        output = io.BytesIO()
        document.save(output)
    except RenderError:
        raise
    except jinja2.UndefinedError as error:
        raise RenderError("undefined", error=_undefined_name(error.message or "")) from None
    except jinja2.TemplateSyntaxError as error:
        raise RenderError("syntax", line=error.lineno or 0, error=error.message or "") from None
    except jinja2.exceptions.SecurityError as error:
        raise RenderError("forbidden", error=str(error)) from None
    except MemoryError:
        raise RenderError("too_big", limit=MAX_OUTPUT_BYTES) from None
    except (zipfile.BadZipFile, KeyError) as error:
        raise RenderError("broken_file", error=str(error)) from None
    except Exception as error:  # any other failure of a user's template
        raise RenderError("failed", error=f"{type(error).__name__}: {error}") from None
    content = output.getvalue()
    if len(content) > MAX_OUTPUT_BYTES:
        raise RenderError("too_big", limit=MAX_OUTPUT_BYTES)
    return content


def _undefined_name(message):
    """The placeholder's name from Jinja's English message ("'dict object' has no attribute
    'nme'", "'foo' is undefined"), so that the user's message can be fully translated."""
    found = re.search(r"has no attribute '([^']{1,200})'", message) or re.search(
        r"^'([^']{1,200})' is undefined", message
    )
    return found.group(1) if found else message[:200]


class Budget:
    """What one render may cost in the child process."""

    def __init__(self, memory_mb=768, cpu_seconds=10, wall_seconds=30):
        self.memory_mb = memory_mb
        self.cpu_seconds = cpu_seconds
        self.wall_seconds = wall_seconds


def render_isolated(template_bytes, context, budget=None):
    """Fill the template in a child process bounded by ``budget`` (all three layers).

    ``context`` must be plain data (it is pickled to the child, which is trusted: the pickle is
    written here). The child answers with a file and a JSON status, never with a pickle.
    """
    budget = budget or Budget()
    with tempfile.TemporaryDirectory(prefix="op-docx-") as folder:
        folder = Path(folder)
        (folder / "input.pickle").write_bytes(
            pickle.dumps({"template": template_bytes, "context": context})
        )
        _run_child(folder, budget)
        status_file = folder / "status.json"
        if not status_file.exists():
            # killed by its CPU or memory limit before it could say anything
            raise RenderError("too_slow", seconds=budget.cpu_seconds)
        status = json.loads(status_file.read_text())
        if status.get("reason"):
            raise RenderError(status["reason"], **status.get("params", {}))
        result = folder / "output.docx"
        if not result.exists() or result.stat().st_size > MAX_OUTPUT_BYTES:
            raise RenderError("too_big", limit=MAX_OUTPUT_BYTES)
        return result.read_bytes()


def _run_child(folder, budget):
    """Run this file as a script on ``folder``, isolated (``-I``, a bare environment, no
    terminal), within the budget's wall-clock time."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    command = [
        sys.executable,
        "-I",
        str(Path(__file__).resolve()),
        str(folder),
        str(budget.memory_mb),
        str(budget.cpu_seconds),
    ]
    try:
        subprocess.run(
            command,
            env=env,
            cwd=folder,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=budget.wall_seconds,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RenderError("too_slow", seconds=budget.wall_seconds) from None


def _child_main(folder, memory_mb, cpu_seconds):
    """Entry point of the child process: apply the limits, render, report."""
    folder = Path(folder)
    limit = int(memory_mb) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (int(cpu_seconds), int(cpu_seconds) + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_OUTPUT_BYTES * 2, MAX_OUTPUT_BYTES * 2))
    data = pickle.loads((folder / "input.pickle").read_bytes())
    try:
        content = render(data["template"], data["context"])
    except RenderError as error:
        status = {"reason": error.reason, "params": _plain(error.params)}
    else:
        (folder / "output.docx").write_bytes(content)
        status = {"reason": None}
    (folder / "status.json").write_text(json.dumps(status))


def _plain(params):
    return {
        key: value if isinstance(value, int | float) else str(value)[:500]
        for key, value in params.items()
    }


if __name__ == "__main__":
    # ``-I`` leaves this file's folder out of sys.path: nothing of the addon is imported here.
    _child_main(*sys.argv[1:4])
