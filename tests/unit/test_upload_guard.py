"""tools/upload_guard.py: hostile files are refused from the archive's directory, cheaply."""

import tracemalloc

import pytest

LIMITS_ROWS = 20000


def _refused(guard, data, reason):
    with pytest.raises(guard.FileRefused) as caught:
        guard.open_xlsx(data, guard.Limits(LIMITS_ROWS))
    assert caught.value.reason == reason
    return caught.value


def test_ordinary_file_passes_and_names_its_sheet(upload_guard, hostile):
    data = hostile.formula_xlsx(("Deal",))
    assert upload_guard.open_xlsx(data, upload_guard.Limits(LIMITS_ROWS)) == (
        "xl/worksheets/sheet1.xml"
    )


def test_whitespace_bomb_refused_without_unpacking(upload_guard, hostile):
    data = hostile.whitespace_bomb(400)
    assert len(data) < 1024 * 1024, "the bomb is small on disk"
    tracemalloc.start()
    try:
        error = _refused(upload_guard, data, "part_too_big")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert error.params["part"] == "xl/worksheets/sheet1.xml"
    assert error.params["size_mb"] >= 400
    assert peak < 5 * 1024 * 1024, f"refusing cost {peak} bytes"


def test_two_million_shared_strings_refused(upload_guard, hostile):
    data = hostile.shared_strings_bomb(2_000_000)
    assert len(data) < 200 * 1024
    _refused(upload_guard, data, "part_too_big")


def test_shared_strings_bomb_refused_while_streaming(upload_guard, hostile):
    data = hostile.shared_strings_bomb(1_000_000)
    tracemalloc.start()
    try:
        error = _refused(upload_guard, data, "too_many_strings")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert error.params["limit"] == LIMITS_ROWS * 16
    assert peak < 8 * 1024 * 1024, f"counting cost {peak} bytes"


def test_counting_is_exact_across_chunks(upload_guard, hostile):
    import io
    import zipfile

    for count in (0, 1, 65535, 65536, 100_001):
        data = hostile.raw_xlsx("", "<x:si><x:t>ab</x:t></x:si>" * count)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            found = upload_guard.count_elements(archive, "xl/sharedStrings.xml", b"si", 10**9)
        assert found == count


def test_truncated_and_renamed_files_are_damaged(upload_guard, hostile):
    _refused(upload_guard, hostile.truncated_xlsx(), "damaged")
    _refused(upload_guard, hostile.PNG_BYTES, "damaged")


def test_upload_size_scales_with_the_row_limit(upload_guard):
    small, big = upload_guard.Limits(100), upload_guard.Limits(100_000)
    assert small.file_bytes == 16 * 1024 * 1024
    assert big.file_bytes == 100_000 * 2048
    with pytest.raises(upload_guard.FileRefused) as caught:
        upload_guard.check_size(b"\0" * (small.file_bytes + 1), small)
    assert caught.value.reason == "file_too_big"
    upload_guard.check_size(b"\0" * small.file_bytes, small)


def test_too_many_parts(upload_guard):
    import io
    import zipfile

    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for index in range(upload_guard.MAX_MEMBERS + 1):
            archive.writestr(f"part{index}.xml", "")
    with pytest.raises(upload_guard.FileRefused) as caught:
        upload_guard.open_zip(output.getvalue(), upload_guard.Limits(10))
    assert caught.value.reason == "too_many_parts"


def test_docx_parts_are_bounded(upload_guard):
    import io
    import zipfile

    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/styles.xml", b" " * (upload_guard.MAX_OTHER_PART + 1))
    with pytest.raises(upload_guard.FileRefused) as caught:
        upload_guard.open_docx(output.getvalue(), upload_guard.Limits(0))
    assert caught.value.params["part"] == "word/styles.xml"


def test_sheet_found_through_relationships(upload_guard):
    import io
    import zipfile

    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr(
            "xl/workbook.xml",
            '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships"><sheets><sheet name="A" sheetId="1" r:id="rId7"/></sheets>'
            "</workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships><Relationship Id="rId7" Target="/xl/worksheets/data.xml"/>'
            "</Relationships>",
        )
        archive.writestr("xl/worksheets/data.xml", "<worksheet/>")
    with zipfile.ZipFile(output) as archive:
        assert upload_guard.xlsx_parts(archive) == ("xl/worksheets/data.xml", None)


@pytest.mark.parametrize("builder", ["entity_expansion", "external_entity"])
def test_xml_entities_are_refused_before_parsing(upload_guard, hostile, builder):
    error = _refused(upload_guard, getattr(hostile, builder)(), "doctype")
    assert error.params["part"].endswith(".xml")


def test_unclosed_tags_in_the_workbook_are_linear(upload_guard):
    """2 million "<sheet " without ">": a regex scan would be quadratic (hours); expat refuses
    the broken XML at once."""
    import io
    import zipfile

    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<sheet " * 500_000)
        archive.writestr("xl/_rels/workbook.xml.rels", b"<Relationships/>")
    with pytest.raises(upload_guard.FileRefused) as caught:
        upload_guard.open_xlsx(output.getvalue(), upload_guard.Limits(100))
    assert caught.value.reason == "damaged"


def test_xls_size_is_capped_whatever_the_row_limit(upload_guard):
    assert upload_guard.Limits(20000).xls_bytes == 32 * 1024 * 1024
    assert upload_guard.Limits(100).xls_bytes == 16 * 1024 * 1024


def test_size_check_takes_a_narrower_limit(upload_guard):
    limits = upload_guard.Limits(20000)
    data = b"\0" * (limits.xls_bytes + 1)
    upload_guard.check_size(data, limits)  # within the general limit
    with pytest.raises(upload_guard.FileRefused) as caught:
        upload_guard.check_size(data, limits, limits.xls_bytes)
    assert caught.value.params["limit_mb"] == 32.0
