"""tools/docx_render.py: a template reads values, and what it may cost is bounded."""

import io

import docx
import pytest


def make_docx(*paragraphs):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def text_of(content):
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


CONTEXT = {
    "name": "Máy chủ & mạng",
    "partner": {"name": "Công ty ABC"},
    "lines": [{"product": "A", "quantity": 2.0}],
    "description": "x" * 20000,
}


def test_values_and_loops_are_filled(docx_render):
    content = docx_render.render(
        make_docx(
            "{{ name }} / {{ partner.name|upper }}",
            "{% for l in lines %}{{ l.product }}{% endfor %}",
        ),
        CONTEXT,
    )
    assert text_of(content) == "Máy chủ & mạng / CÔNG TY ABC\nA"


@pytest.mark.parametrize(
    "expression, reason",
    [
        ("{{ 'A' * 200000000 }}", "too_big"),
        ("{{ [1] * 200000000 }}", "too_big"),
        ("{{ 7 ** (7 ** 8) }}", "too_big"),
        ("{{ 2 ** 100000 }}", "too_big"),
        ("{{ '{0:>200000000}'.format(1) }}", "forbidden"),
        ("{{ '%0200000000d' % 1 }}", "forbidden"),
        ("{{ name|center(200000000) }}", "syntax"),
        ("{{ range(10) }}", "forbidden"),
        ("{{ lipsum() }}", "forbidden"),
        ("{{ name.upper() }}", "forbidden"),
        ("{{ partner.__class__ }}", "forbidden"),
        ("{% include 'x' %}", "failed"),
        ("{{ 1 / 0 }}", "failed"),
        ("{{ nothing }}", "undefined"),
        ("{{ name ", "syntax"),
    ],
)
def test_hostile_placeholders_end_as_codes(docx_render, expression, reason):
    with pytest.raises(docx_render.RenderError) as caught:
        docx_render.render(make_docx(expression), CONTEXT)
    assert caught.value.reason == reason, caught.value.params


def test_small_operators_still_work(docx_render):
    content = docx_render.render(make_docx("{{ '-' * 3 }}{{ 2 ** 10 }}{{ 'a' + 'b' }}"), {})
    assert text_of(content) == "---1024ab"


def test_broken_file(docx_render):
    with pytest.raises(docx_render.RenderError) as caught:
        docx_render.render(b"PK\x03\x04 not a zip", {})
    assert caught.value.reason in ("broken_file", "failed")


def test_isolated_render_gives_the_same_document(docx_render):
    content = docx_render.render_isolated(make_docx("{{ partner.name }}"), CONTEXT)
    assert text_of(content) == "Công ty ABC"


def test_isolated_render_reports_template_errors(docx_render):
    with pytest.raises(docx_render.RenderError) as caught:
        docx_render.render_isolated(make_docx("{{ partner.nme }}"), CONTEXT)
    assert caught.value.reason == "undefined"
    assert "nme" in caught.value.params["error"]


def test_nested_loops_are_stopped_by_the_cpu_limit(docx_render):
    # 20,000 x 20,000 iterations: hours of CPU in a worker; here 1 s of the child's CPU
    template = make_docx(
        "{% for a in description %}{% for b in description %}{% endfor %}{% endfor %}"
    )
    budget = docx_render.Budget(cpu_seconds=1, wall_seconds=20)
    with pytest.raises(docx_render.RenderError) as caught:
        docx_render.render_isolated(template, CONTEXT, budget)
    assert caught.value.reason == "too_slow"


def test_memory_is_bounded_in_the_child(docx_render):
    # doubling a string with ~ (not an interceptable operator) until the child's memory ends
    doubling = "".join(f"{{% set s{i} = s{i - 1} ~ s{i - 1} %}}" for i in range(1, 40))
    template = make_docx("{% set s0 = description %}" + doubling + "{{ s39|length }}")
    budget = docx_render.Budget(memory_mb=256, cpu_seconds=10, wall_seconds=30)
    with pytest.raises(docx_render.RenderError) as caught:
        docx_render.render_isolated(template, CONTEXT, budget)
    assert caught.value.reason in ("too_big", "too_slow")
