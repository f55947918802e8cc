"""The grammar of the URL paths the build writes into server configuration (the nginx include).

An entry's former addresses (`previous_urls`) come from editors and imports, and each becomes an
nginx `location`: a value outside this grammar could close the directive and open another, which
would rewrite the server. So a path is accepted only as segments of unreserved characters (letters,
digits, `-`, `.`, `_`, `~`) and %-escapes, separated by single slashes; the escapes must decode to
UTF-8 text without controls, spaces, quotes or backslashes, and no segment may be `.` or `..`.
Everything else is a Chinese message for the editor. `location` and `target` check again as they
write, so nothing unchecked reaches the file whatever its way there.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

_SEGMENT = r"(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+"
_PATH = re.compile(rf"/?{_SEGMENT}(?:/{_SEGMENT})*/?")
_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]")


class PathError(ValueError):
    """A value that may not be written into server configuration; the message says why, in Chinese."""


def problem(value: str) -> str | None:
    """Why `value` cannot be a path of the site, in Chinese; None when it can."""
    if re.match(r"(?i)[a-z][a-z0-9+.-]*://", value):
        return "只写网址中域名之后的路径，不写 http:// 和域名，如 art/2016/3/9/art_1_2.html"
    for mark, name in (("?", "问号（查询参数）"), ("#", "井号（页内锚点）")):
        if mark in value:
            return f"不能含有{name}：服务器按路径转向，请只写「{mark}」之前的路径"
    if not _PATH.fullmatch(value):
        bad = next((c for c in value if not _UNRESERVED.fullmatch(c) and c not in "/%"), None)
        if bad is not None:
            return (f"含有不能直接写在网址中的字符「{bad}」（U+{ord(bad):04X}）；网址只能用字母、数字和 - . _ ~，"
                    "其他字符（包括汉字和空格）须写成 %E6%96%B0 这样的百分号编码")
        return "格式不对：路径由“/”分隔的各段组成，不能有连续的“/”，百分号后须是两位十六进制数字"
    try:
        text = unquote(value, errors="strict")
    except UnicodeDecodeError:
        return "其中的百分号编码不是有效的 UTF-8 文字"
    bad = next((c for c in text if not _allowed(c)), None)
    if bad is not None:
        return f"百分号编码解出了不允许的字符 U+{ord(bad):04X}（控制字符、空格、引号、反斜杠等不能出现在转向地址中）"
    if any(part in (".", "..", "") for part in text.strip("/").split("/")):
        return "不能含有“.”或“..”路径段或连续的“/”"
    return None


def _allowed(char: str) -> bool:
    if char.isascii():
        return bool(_UNRESERVED.fullmatch(char)) or char == "/"
    return unicodedata.category(char)[0] not in "CZ"


def location(path: str) -> str:
    """An nginx `location =` argument for a request path: quoted, decoded as nginx compares it."""
    if path != "/" and problem(path) is not None:
        raise PathError(f"「{path}」{problem(path)}")
    return f'"{unquote(path)}"'


def target(path: str) -> str:
    """An nginx `return` address within the site: as it is, once the grammar holds."""
    if path != "/" and problem(path) is not None:
        raise PathError(f"「{path}」{problem(path)}")
    return path
