# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Web links kept as documents of an opportunity (Google Drive, OneDrive, SharePoint...).

Pure Python on purpose (no Odoo import): tested by ``pytest tests/`` without a database.

A link is an ``ir.attachment`` of type ``url``; the web client puts its address in an ``href``
as it is (the chatter's attachment box, the Documents view), for every user who can read the
opportunity. So only an absolute ``http``/``https`` address with a host is accepted, and
nothing a browser would read differently from :func:`urllib.parse.urlsplit`:

* browsers drop tabs and line breaks anywhere in a URL and control characters or spaces
  around it (``java\\tscript:`` runs as ``javascript:``), and read ``\\`` as ``/``: any
  control, format (zero-width, bidi) or space character and any backslash is refused, before
  the URL is parsed, rather than cleaned;
* the scheme is compared without case (``HTTPS://`` is an https address, ``JaVaScRiPt:`` is
  refused like ``javascript:``); ``data:``, ``file:``, ``ftp:``, ``vbscript:``..., relative
  paths and protocol-relative ``//host`` addresses are refused;
* a user name or password (``https://user:pass@host``, ``https://drive.google.com@evil.example``)
  is refused: everyone who reads the opportunity would read the password, and the part before
  ``@`` is a classic disguise of the real host;
* the host is a DNS name (internationalised names allowed, single-label intranet names such as
  ``http://sharepoint/`` too), a dotted IPv4 address or a bracketed IPv6 address; a port, if
  any, is a number from 0 to 65535.

Problems are raised as :class:`LinkRefused` with a ``reason`` code and parameters; the Odoo
layer turns them into translated messages (as ``upload_guard.FileRefused`` does).
"""

import ipaddress
import re
import unicodedata
from urllib.parse import urlsplit

#: ``ir.attachment.url`` is a VARCHAR(1024): the ORM would silently cut a longer address.
MAX_LENGTH = 1024
SCHEMES = ("http", "https")
_DNS_LABEL = re.compile(r"(?!-)[a-z0-9_-]{1,63}(?<!-)")
_NUMERIC_LABEL = re.compile(r"[0-9]+|0x[0-9a-f]*")


class LinkRefused(ValueError):
    """The address must not be stored. ``reason`` is a code, ``params`` fill its message.

    Reasons: ``empty``, ``too_long`` (``max``), ``characters``, ``scheme``, ``host``,
    ``credentials``.
    """

    def __init__(self, reason, **params):
        super().__init__(reason, params)
        self.reason = reason
        self.params = params


def clean_link_url(text):
    """What a user typed or pasted: surrounding whitespace dropped, then checked.

    Return the address to store; raise :class:`LinkRefused` if it is not a web address.
    """
    return check_link_url((text or "").strip())


def check_link_url(url):
    """Return ``url`` unchanged if it is an absolute http(s) address with a host, else raise
    :class:`LinkRefused`. Nothing is cleaned here: a stored address is exactly what was checked.
    """
    if not url:
        raise LinkRefused("empty")
    if len(url) > MAX_LENGTH:
        raise LinkRefused("too_long", max=MAX_LENGTH)
    if any(_is_hidden(char) for char in url):
        raise LinkRefused("characters")
    scheme, colon, rest = url.partition(":")
    if not colon or scheme.lower() not in SCHEMES:
        raise LinkRefused("scheme")
    if not rest.startswith("//"):
        raise LinkRefused("host")  # https:example.com, https:/example.com
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or 1 <= parts.port <= 65535
    except ValueError:  # a port that is no number, an unclosed or invalid [IPv6]
        raise LinkRefused("host") from None
    if "@" in parts.netloc:
        raise LinkRefused("credentials")
    if not port_ok or not _is_valid_host(_host_of(parts.netloc)):
        raise LinkRefused("host")
    return url


def _is_hidden(char):
    """Control, format, surrogate, private or unassigned characters, spaces, and ``\\``."""
    return char == "\\" or unicodedata.category(char)[0] in "CZ"


def _host_of(netloc):
    """The host of a network location without credentials: ``[::1]`` keeps its brackets; what
    follows the host must be nothing or a port (``urlsplit`` checked its digits)."""
    if netloc.startswith("["):
        host, bracket, after = netloc.partition("]")
        return host + bracket if not after or after.startswith(":") else ""
    return netloc.partition(":")[0]


def _is_valid_host(host):
    if host.startswith("["):
        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            return False
        return not host[1:-1].count("%")  # no zone index (fe80::1%eth0): local to one machine
    host = host.lower().removesuffix(".")
    if not host or len(host) > 253:
        return False
    labels = host.split(".")
    if _NUMERIC_LABEL.fullmatch(labels[-1]):
        # browsers read a name ending in a number as an IPv4 address (2130706433, 0x7f.1):
        # only the dotted form is accepted
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            return False
        return True
    return all(_is_valid_label(label) for label in labels)


def _is_valid_label(label):
    if not label.isascii():
        try:
            label = label.encode("idna").decode("ascii")
        except UnicodeError:
            return False
    return bool(_DNS_LABEL.fullmatch(label))
