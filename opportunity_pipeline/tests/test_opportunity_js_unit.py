# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The addon's JS unit tests (hoot, ``static/tests/*.test.js``), run headless the way Odoo runs
its own suites (``addons/web/tests/test_js.py``), limited to this addon's tests by their tag.

A failing JS test fails these tests; so does a JS test that did not run (a typo in a tag, a
file left out of the ``web.assets_unit_tests`` bundle): every ``test("...")`` of the files must
be reported as passed."""

import logging
import re
from pathlib import Path

from odoo.addons.opportunity_pipeline.compat import ODOO_19
from odoo.addons.web.tests.test_js import unit_test_error_checker
from odoo.tests import HttpCase, no_retry, tagged
from odoo.tools.misc import file_path

TAG = "opportunity_pipeline"
SUITE_URL = "/web/tests?headless&loglevel=2&preset={preset}&timeout=15000&tag=" + TAG
TEST_RE = re.compile(r"""^test\("([^"]+)",""", re.MULTILINE)
VIEWPORT_WARNING = "[HOOT] Viewport size does not match the expected size"
# what hoot prints at the end of a suite that passed (its capital changed with 19.0)
SUCCESS_SIGNAL = f"[HOOT] {'Test' if ODOO_19 else 'test'} suite succeeded"
PASSED_RE = re.compile(r"""\[HOOT\] Test (["'`])(?P<name>.+?)\1 passed""")


class _ConsoleLog(logging.Filter):
    """Keeps the browser's console lines; only warnings and errors go on to the log, but for
    hoot's warning that the headless window is not the preset's size (Chrome's inner height is
    the window's minus its frame): the tests do not depend on it, as in Odoo's own suites."""

    def __init__(self):
        super().__init__()
        self.messages = []

    def filter(self, record):
        message = record.getMessage()
        self.messages.append(message)
        return record.levelno >= logging.WARNING and VIEWPORT_WARNING not in message


def expected_tests(preset):
    """Full hoot names ("@opportunity_pipeline/<file>/<test>") of the tests of one preset."""
    names = set()
    for path in sorted(Path(file_path("opportunity_pipeline/static/tests")).glob("*.test.js")):
        source = path.read_text(encoding="utf-8")
        is_mobile = 'describe.current.tags("mobile"' in source
        if is_mobile == (preset == "mobile"):
            suite = f"@opportunity_pipeline/{path.name.removesuffix('.test.js')}"
            names.update(f"{suite}/{name}" for name in TEST_RE.findall(source))
    return names


class OpportunityJsUnitCase(HttpCase):
    preset = None

    def run_hoot_suite(self):
        expected = expected_tests(self.preset)
        self.assertTrue(expected, f"no JS unit test found for {self.preset}")
        logger = logging.getLogger(f"{self._logger.name}.browser")
        console, level = _ConsoleLog(), logger.level
        logger.addFilter(console)
        logger.setLevel(logging.INFO)
        try:
            self.browser_js(
                SUITE_URL.format(preset=self.preset),
                "",
                "",
                login="admin",
                timeout=300,
                success_signal=SUCCESS_SIGNAL,
                error_checker=unit_test_error_checker,
            )
        finally:
            logger.removeFilter(console)
            logger.setLevel(level)
        passed = {match["name"] for match in map(PASSED_RE.search, console.messages) if match}
        self.assertEqual(passed, expected, "every JS unit test of the addon ran and passed")


@tagged("post_install", "-at_install")
class TestOpportunityJsUnitDesktop(OpportunityJsUnitCase):
    preset = "desktop"

    @no_retry
    def test_search_panel_js_unit_desktop(self):
        self.run_hoot_suite()


@tagged("post_install", "-at_install")
class TestOpportunityJsUnitMobile(OpportunityJsUnitCase):
    preset = "mobile"
    browser_size = "375x667"
    touch_enabled = True

    @no_retry
    def test_search_panel_js_unit_mobile(self):
        self.run_hoot_suite()
