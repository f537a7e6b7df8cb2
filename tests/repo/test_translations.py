"""The interface speaks English and Vietnamese: the .pot is complete and vi.po translates it."""

import polib
import pytest

from conftest import ADDONS


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_vietnamese_translation_is_complete(addon):
    i18n = addon / "i18n"
    pot = polib.pofile(str(i18n / f"{addon.name}.pot"))
    vi = polib.pofile(str(i18n / "vi.po"))
    assert len(pot) >= 5
    translated = {entry.msgid: entry.msgstr for entry in vi if entry.msgstr and not entry.obsolete}
    missing = [entry.msgid for entry in pot if entry.msgid not in translated]
    assert not missing, f"{len(missing)} strings without Vietnamese: {missing[:10]}"
    for entry in vi:
        if "%(" in entry.msgid:
            for placeholder in __import__("re").findall(r"%\(\w+\)s", entry.msgid):
                assert placeholder in entry.msgstr, (entry.msgid, placeholder)
