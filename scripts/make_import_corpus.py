#!/usr/bin/python3
"""Regenerate opportunity_pipeline/tests/data/import_corpus/ with LibreOffice (a Vietnamese user's
files).

    /usr/bin/python3 scripts/make_import_corpus.py [output directory]

Needs ``soffice`` (Debian: libreoffice-calc-nogui) and the Python that has LibreOffice's ``uno``
module (Debian: python3-uno, for /usr/bin/python3). The tests do not need either: they read the
committed files. See opportunity_pipeline/tests/data/import_corpus/README.md for what each file
holds.

How the files are made, as close as a script gets to a user at a keyboard: LibreOffice runs with
a Vietnamese locale (LC_ALL=vi_VN.UTF-8: dates shown day/month/year, a decimal comma), imports a
CSV of what the user typed ("45%", "15/03/2025", "2500000,5") with its own recognition of
special numbers for vi-VN (so the percent and date cells get LibreOffice's real formats), the
user then formats whole columns (Format Cells on the column header), and LibreOffice saves the
document in each format. Merged and password-protected variants are made the same way.
"""

import contextlib
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.lang import Locale

REPO = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = REPO / "opportunity_pipeline" / "tests" / "data" / "import_corpus"

VI_HEADER = (
    "Mã,Cơ hội,Liên hệ,Quy trình bán hàng,Giai đoạn,Giá trị,Tỷ lệ thành công (%),"
    "Ngày dự kiến chốt,Người phụ trách,Người phối hợp,Nhãn,Độ ưu tiên,Mô tả,Sản phẩm,Số lượng,"
    "Đơn giá"
)
# typed as a Vietnamese user types: a percent sign, day/month/year, a decimal comma
VI_CSV = f"""{VI_HEADER}
,Triển khai phần mềm kế toán,Công ty ABC,Dự án,Tiếp cận,150000000,45%,15/03/2025,admin,,\
VIP test,2,Khách hàng cần báo giá trước tháng 3,,,
,Bảo trì hệ thống năm 2025,Nguyễn Văn B,Retail,Quoted,,60%,30/06/2025,admin,admin,\
"VIP test, Hot test",1,"Gia hạn hợp đồng; liên hệ qua email
trước ngày 15/06",Consulting test,3,"2500000,5"
,Tư vấn chuyển đổi số,Công ty ABC,,,80000000,,,,,,0,,,,
"""
EN_HEADER = (
    "Code,Opportunity,Contact,Sales Process,Stage,Value,Success Rate (%),Expected Closing,"
    "Responsible,Collaborators,Labels,Priority,Description,Product,Quantity,Unit Price"
)
# the same user with the English template: the Contact of rows 2 and 3 is merged (C2:C3)
EN_CSV = f"""{EN_HEADER}
,ERP rollout,Công ty ABC,Retail,Lead In,12000,45%,15/03/2025,admin,,VIP test,2,,,,
,Support contract,Công ty ABC,Retail,Quoted,,,31/12/2025,admin,,,1,,Consulting test,3,100
,Training,Nguyễn Văn B,,,5000,,,,,,0,,,,
"""
VI_VN = 1066  # LibreOffice's language id of Vietnamese (Vietnam)
CSV_IMPORT = f"44,34,76,1,,{VI_VN},false,true"  # comma, quote, UTF-8, line 1, vi-VN, detect
XLSX, XLS, ODS = "Calc MS Excel 2007 XML", "MS Excel 97", "calc8"
TEXT = "Text - txt - csv (StarCalc)"
# LibreOffice's text encodings: 40 Windows-1258, 76 UTF-8, 65535 UTF-16 (with a BOM)
OUTPUTS = {
    "vi_libreoffice.xlsx": (XLSX, None),
    "vi_libreoffice.xls": (XLS, None),
    "vi_libreoffice.ods": (ODS, None),
    "vi_libreoffice_cp1258.csv": (TEXT, "59,34,40,1"),
    "vi_libreoffice_unicode.txt": (TEXT, "9,34,65535,1"),
    "vi_libreoffice_utf8.csv": (TEXT, "44,34,76,1"),
}
MERGED = ("en_libreoffice_merged.xlsx", "en_libreoffice_merged.xls", "en_libreoffice_merged.ods")
# LibreOffice 7.4 cannot write a password-protected .xlsx (tests/corpus_xlsx.py makes one)
PASSWORD = ("en_libreoffice_password.xls", "en_libreoffice_password.ods")
FILTERS = {".xlsx": XLSX, ".xls": XLS, ".ods": ODS}


def prop(name, value):
    result = PropertyValue()
    result.Name, result.Value = name, value
    return result


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_office(profile):
    port = free_port()
    env = dict(os.environ, LC_ALL="vi_VN.UTF-8", LANG="vi_VN.UTF-8")
    process = subprocess.Popen(
        [
            "soffice", "--headless", "--invisible", "--norestore", "--nologo",
            f"-env:UserInstallation={pathlib.Path(profile).as_uri()}",
            f"--accept=socket,host=127.0.0.1,port={port};urp;",
        ],
        env=env,
    )  # fmt: skip
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + 90
    while True:
        try:
            context = resolver.resolve(
                f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
            )
            break
        except Exception:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise
            time.sleep(0.5)
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context
    )
    return process, desktop


def load_csv(desktop, path):
    return desktop.loadComponentFromURL(
        path.as_uri(),
        "_blank",
        0,
        (prop("Hidden", True), prop("FilterName", TEXT), prop("FilterOptions", CSV_IMPORT)),
    )


def format_columns(document):
    """What the user does after typing: whole columns G (rate) and H (date) formatted from
    their headers, as percent and as a date (LibreOffice then writes the empty rows below the
    data of an .ods as one row repeated about a million times)."""
    formats = document.NumberFormats
    locale = Locale("vi", "VN", "")
    sheet = document.Sheets.getByIndex(0)
    sheet.Columns.getByIndex(6).NumberFormat = formats.getStandardFormat(128, locale)  # PERCENT
    sheet.Columns.getByIndex(7).NumberFormat = formats.getStandardFormat(2, locale)  # DATE


def store(document, path, filter_name, options=None, password=None):
    properties = [prop("FilterName", filter_name), prop("Overwrite", True)]
    if options:
        properties.append(prop("FilterOptions", options))
    if password:
        properties.append(prop("Password", password))
    document.storeToURL(path.as_uri(), tuple(properties))
    print(f"{path.name}: {path.stat().st_size} bytes")


def main(output):
    output.mkdir(parents=True, exist_ok=True)
    work = pathlib.Path(tempfile.mkdtemp(prefix="import_corpus_"))
    (work / "vi.csv").write_text(VI_CSV, encoding="utf-8")
    (work / "en.csv").write_text(EN_CSV, encoding="utf-8")
    process, desktop = start_office(work / "profile")
    try:
        document = load_csv(desktop, work / "vi.csv")
        document.Sheets.getByIndex(0).Name = "Cơ hội"
        format_columns(document)
        for name, (filter_name, options) in OUTPUTS.items():
            store(document, output / name, filter_name, options)
        document.close(True)
        document = load_csv(desktop, work / "en.csv")
        document.Sheets.getByIndex(0).Name = "Opportunities"
        document.Sheets.getByIndex(0).getCellRangeByName("C2:C3").merge(True)
        for name in MERGED:
            store(document, output / name, FILTERS[pathlib.Path(name).suffix])
        document.Sheets.getByIndex(0).getCellRangeByName("C2:C3").merge(False)
        for name in PASSWORD:
            store(document, output / name, FILTERS[pathlib.Path(name).suffix], password="secret")
        document.close(True)
    finally:
        with contextlib.suppress(Exception):  # the bridge closes as the office quits
            desktop.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
