"""Each addon's README.rst and Apps page (static/description/index.html) are generated from its
readme/*.md fragments by scripts/gen_addon_readme.py, and are up to date with them."""

import re

import docutils
import pytest
from lxml import html as lxml_html

from conftest import ADDONS, REPO, load_module

FRAGMENTS = ("DESCRIPTION.md", "CONFIGURE.md", "USAGE.md", "CONTRIBUTORS.md")


@pytest.fixture(scope="module")
def gen():
    return load_module(REPO / "scripts" / "gen_addon_readme.py", "gen_addon_readme")


def visible_text(page):
    return " ".join(lxml_html.document_fromstring(page.encode()).text_content().split())


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_readme_fragments_exist(addon):
    for name in FRAGMENTS:
        assert (addon / "readme" / name).read_text(encoding="utf-8").strip(), name


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_generated_files_are_up_to_date(gen, addon):
    hint = "run python3 scripts/gen_addon_readme.py"
    for path, content in gen.render(addon).items():
        committed = path.read_text(encoding="utf-8")
        if path.suffix == ".rst":
            assert committed == content, f"{path.relative_to(REPO)} is out of date: {hint}"
            continue
        made_by = re.search(r'content="Docutils ([^:"]+)', committed)
        if made_by and made_by.group(1) == docutils.__version__:
            assert committed == content, f"{path.relative_to(REPO)} is out of date: {hint}"
        else:  # another docutils writes other markup: compare what a reader sees
            assert visible_text(committed) == visible_text(content), hint


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_apps_page_images_exist(addon):
    description = addon / "static" / "description"
    page = lxml_html.document_fromstring((description / "index.html").read_bytes())
    assert page.xpath("//meta[@charset='utf-8']"), "Odoo reads the page as Latin-1 without it"
    for src in page.xpath("//img/@src"):
        assert "/" not in src, f"{src}: Odoo serves images named without a folder"
        assert (description / src).is_file(), src
    rst = (addon / "README.rst").read_text(encoding="utf-8")
    for src in re.findall(r"^\.\. image:: (\S+)", rst, re.MULTILINE):
        assert (addon / src).is_file(), src


def test_core_apps_page_shows_screenshots():
    description = REPO / "opportunity_pipeline" / "static" / "description"
    page = lxml_html.document_fromstring((description / "index.html").read_bytes())
    shots = page.xpath("//img/@src")
    assert len(shots) >= 2, shots
    assert sum((description / src).stat().st_size for src in shots) < 300_000, "keep them small"


def test_markdown_subset_to_rst(gen):
    markdown = (
        "Intro with **bold**, *italic*, `co*de` and [a link](https://example.com).\n"
        "Second line.\n\n"
        "## Part\n\n"
        "- one\n  more of one\n- two\n\n"
        "1. first\n2. second\n\n"
        "| Group | Can |\n|---|---|\n| User | `read` |\n\n"
        "![A shot](../static/description/kanban.png)\n"
    )
    assert gen.md_to_rst(markdown) == (
        "Intro with **bold**, *italic*, ``co*de`` and `a link <https://example.com>`__.\n"
        "Second line.\n\n"
        "Part\n~~~~\n\n"
        "- one\n  more of one\n- two\n\n"
        "1. first\n2. second\n\n"
        ".. list-table::\n   :header-rows: 1\n\n"
        "   * - Group\n     - Can\n   * - User\n     - ``read``\n\n"
        ".. image:: static/description/kanban.png\n   :alt: A shot\n"
    )


@pytest.mark.parametrize(
    "markdown",
    ["- one\n  - nested\n", "text\n- list without a blank line\n", "| a |\n| b |\n"],
    ids=["nested list", "list glued to a paragraph", "table without header line"],
)
def test_markdown_outside_the_subset_is_refused(gen, markdown):
    with pytest.raises(ValueError):
        gen.md_to_rst(markdown)


def test_rst_that_docutils_warns_about_stops_the_generator(gen, tmp_path):
    with pytest.raises(Exception, match=r"(?i)inline emphasis"):
        gen.render_html("Title\n=====\n\nan *unclosed emphasis\n", tmp_path / "README.rst")
