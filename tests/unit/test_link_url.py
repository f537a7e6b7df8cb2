"""tools/link_url.py: only absolute http(s) addresses with a host become links of an opportunity."""

import pytest

from conftest import tool

link_url = tool("link_url")

GOOD = [
    "https://drive.google.com/file/d/1AbC-dEf_gHi/view?usp=sharing",
    "https://docs.google.com/document/d/1x2y3z/edit#heading=h.abc",
    "https://1drv.ms/w/s!AkLmNoPqRsT?e=AbCdEf",
    "https://onedrive.live.com/redir?resid=ABC%21123&authkey=%21XYZ",
    "https://contoso.sharepoint.com/:w:/s/Sales/EaBcD?e=Xy12",
    "https://contoso.sharepoint.com/sites/Sales/Shared%20Documents/H%E1%BB%A3p%20%C4%91%E1%BB%93ng.pdf",
    "http://intranet.example.com/contracts/2024/abc.pdf",
    "http://sharepoint/sites/sales",  # an on-premises server with a single-label name
    "https://www.google.com/maps/@10.77,106.70,15z",  # "@" in the path is no credential
    "HTTPS://Example.COM/Path",  # schemes and hosts have no case
    "hTtP://example.com",
    "https://example.com:8443/x",
    "https://example.com:/x",  # an empty port is the default port
    "https://example.com./x",  # a fully qualified name
    "https://192.168.1.20/share",
    "https://[2001:db8::1]:8080/share",
    "https://công-ty.vn/hợp-đồng.pdf",  # internationalised names and paths
    "https://xn--cng-ty-kwa.vn/",
    "https://my_host.example.com/",
    "https://example.com/a?b=javascript:alert(1)",  # a scheme-like query is only text
]

HOSTILE = [
    ("", "empty"),
    ("javascript:alert(1)", "scheme"),
    ("JaVaScRiPt:alert(document.cookie)", "scheme"),
    ("javascript://example.com/%0Aalert(1)", "scheme"),
    ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "scheme"),
    ("file:///etc/passwd", "scheme"),
    ("file://server/share/contract.pdf", "scheme"),
    ("ftp://files.example.com/contract.pdf", "scheme"),
    ("vbscript:msgbox(1)", "scheme"),
    ("mailto:sales@example.com", "scheme"),
    ("/web/content/12", "scheme"),  # relative paths
    ("contracts/abc.pdf", "scheme"),
    ("drive.google.com/file/d/1AbC", "scheme"),  # no scheme at all
    ("//evil.example/x", "scheme"),  # protocol-relative
    ("ｊａｖａｓｃｒｉｐｔ:alert(1)", "scheme"),  # fullwidth letters  # noqa: RUF001
    (" javascript:alert(1)", "characters"),  # what browsers strip before parsing
    ("\x01javascript:alert(1)", "characters"),
    ("java\tscript:alert(1)", "characters"),  # what browsers remove anywhere
    ("java\nscript:alert(1)", "characters"),
    ("java\rscript:alert(1)", "characters"),
    ("https://example.com/a b", "characters"),
    ("https://example.com/\x00", "characters"),
    ("https://example.com/\u200b", "characters"),  # zero-width space
    ("https://example.com/\u202egpj.exe", "characters"),  # right-to-left override
    ("https://example.com/\u00a0", "characters"),  # no-break space
    ("https://example.com\u2028/", "characters"),  # line separator
    ("https:\\\\evil.example", "characters"),  # browsers read "\" as "/"
    ("https://good.example\\@evil.example/", "characters"),
    ("https://example.com\n", "characters"),  # the wizard strips; the server does not
    ("https:example.com", "host"),
    ("https:/example.com", "host"),
    ("https:///example.com", "host"),
    ("https://", "host"),
    ("https://:443/", "host"),
    ("https://-example.com/", "host"),
    ("https://exa$mple.com/", "host"),
    ("https://example..com/", "host"),
    ("https://example.com:99999/", "host"),
    ("https://example.com:0/", "host"),
    ("https://example.com:http/", "host"),
    ("https://2130706433/", "host"),  # a number is read as an IPv4 address
    ("https://0x7f.1/", "host"),
    ("https://999.1.1.1/", "host"),
    ("https://[evil]/", "host"),
    ("https://[::1/", "host"),
    ("https://[fe80::1%25eth0]/", "host"),
    ("https://" + "a" * 64 + ".com/", "host"),
    ("https://user:pass@example.com/", "credentials"),
    ("https://user@example.com/", "credentials"),
    ("https://drive.google.com@evil.example/", "credentials"),
    ("https://:@example.com/", "credentials"),
    ("https://example.com/" + "a" * 1010, "too_long"),
]


@pytest.mark.parametrize("url", GOOD)
def test_web_addresses_are_accepted_unchanged(url):
    assert link_url.check_link_url(url) == url


@pytest.mark.parametrize(("url", "reason"), HOSTILE, ids=[repr(u)[:60] for u, _r in HOSTILE])
def test_hostile_addresses_are_refused_with_their_reason(url, reason):
    with pytest.raises(link_url.LinkRefused) as caught:
        link_url.check_link_url(url)
    assert caught.value.reason == reason


def test_too_long_names_the_limit():
    with pytest.raises(link_url.LinkRefused) as caught:
        link_url.check_link_url("https://example.com/" + "a" * 1005)
    assert caught.value.params == {"max": 1024}
    url = "https://example.com/" + "a" * (1024 - len("https://example.com/"))
    assert link_url.check_link_url(url) == url


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  https://drive.google.com/x  ", "https://drive.google.com/x"),
        ("\thttps://drive.google.com/x\r\n", "https://drive.google.com/x"),
        ("\u00a0https://drive.google.com/x", "https://drive.google.com/x"),
    ],
)
def test_a_pasted_address_loses_its_surrounding_whitespace(typed, stored):
    assert link_url.clean_link_url(typed) == stored


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        (" javascript:alert(1)", "scheme"),
        ("   ", "empty"),
        (None, "empty"),
        ("https://drive.google.com/ x", "characters"),
        ("\u200bhttps://drive.google.com/x", "characters"),  # not whitespace for str.strip
    ],
)
def test_cleaning_never_makes_a_hostile_address_acceptable(typed, reason):
    with pytest.raises(link_url.LinkRefused) as caught:
        link_url.clean_link_url(typed)
    assert caught.value.reason == reason
