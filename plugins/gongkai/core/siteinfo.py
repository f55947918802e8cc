"""The site's identity (catalogue.yml → site): what every page's footer and head say about the site.

Government sites show the same registration facts in every footer (主办单位, address, phone,
网站标识码, ICP备案号, 公安机关备案号, 党政机关网站标识) and the 网站标识码 in every page's meta
tags. They are written once, here, and checked as strictly as the rest of catalogue.yml:
a mistyped key or a malformed number is an error naming the key and the fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

ICP_URL = "https://beian.miit.gov.cn/"  # where the MIIT asks the ICP number to link
POLICE_URL = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"

# key -> (label, example); the order is the footer's.
TEXT_KEYS: dict[str, tuple[str, str]] = {
    "sponsor": ("主办单位", "示例市公安局"),
    "address": ("地址", "示例市政务大道 100 号"),
    "phone": ("联系电话", "0000-12345600"),
    "id_code": ("网站标识码", "1199000001"),
    "icp": ("ICP备案号", "示ICP备12345678号"),
    "police_record": ("公安机关备案号", "示公网安备 11990002000001号"),
    "mark": ("党政机关网站标识", "党政机关网站"),
}
NUMBER_KEYS: dict[str, tuple[str, int, int, int]] = {  # key -> (label, default, minimum, maximum)
    "page_size": ("每页条数", 20, 5, 200),
    "feed_size": ("订阅源条数", 50, 1, 500),
}
_FORMATS: dict[str, tuple[re.Pattern[str], str]] = {
    "id_code": (re.compile(r"\d{10}|bm\d{8}"), "应为 10 位数字（国务院部门网站为 bm 加 8 位数字），即全国政府网站基本数据库分配给本网站的标识码"),
    "icp": (re.compile(r"\S+ICP备\d+号(-\d+)?"), "格式应如 京ICP备12345678号 或 京ICP备12345678号-1"),
    "police_record": (re.compile(r"\S+公网安备 ?(\d{14})号"), "格式应如 京公网安备 11010502030143号（14 位数字）"),
}


@dataclass(frozen=True)
class FooterItem:
    label: str  # empty: the text stands alone
    text: str
    url: str = ""


@dataclass(frozen=True)
class SiteInfo:
    page_size: int = 20
    feed_size: int = 50  # entries in each Atom feed, newest first
    sponsor: str = ""  # 主办单位; also the feeds' author
    address: str = ""
    phone: str = ""
    id_code: str = ""  # 网站标识码 (SiteIDCode)
    icp: str = ""  # ICP备案号
    police_record: str = ""  # 公安机关备案号
    mark: str = ""  # 党政机关网站标识, as text

    def footer(self) -> list[FooterItem]:
        """The footer's lines, in the usual order; keys left out of catalogue.yml are not shown."""
        items = []
        for key, (label, _) in TEXT_KEYS.items():
            text = getattr(self, key)
            if text:
                items.append(FooterItem("" if key == "mark" else label, text, self._url(key)))
        return items

    def _url(self, key: str) -> str:
        if key == "icp":
            return ICP_URL
        match = _FORMATS["police_record"][0].fullmatch(self.police_record) if key == "police_record" else None
        return POLICE_URL.format(code=match.group(1)) if match else ""


def read(raw: dict[str, Any]) -> tuple[SiteInfo, list[tuple[str, str]]]:
    """The `site:` mapping as SiteInfo, and every problem with it in Chinese, with the key it is at
    ("" for the whole mapping)."""
    problems: list[tuple[str, str]] = []
    unknown = sorted(map(str, set(raw) - set(TEXT_KEYS) - set(NUMBER_KEYS)))
    if unknown:
        known = "、".join(f"{k}（{label}）" for k, (label, *_) in {**NUMBER_KEYS, **TEXT_KEYS}.items())
        problems.append((f"site 中有未知设置：{'、'.join(unknown)}；可用：{known}。", unknown[0]))
    values: dict[str, Any] = {}
    for key, (label, default, low, high) in NUMBER_KEYS.items():
        value = raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            problems.append((f"site.{key}（{label}）应为 {low} 到 {high} 之间的整数，现为「{value}」。", key))
            value = default
        values[key] = value
    for key, (label, example) in TEXT_KEYS.items():
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            problems.append((f"site.{key}（{label}）应为文字，请用英文双引号括起，如 {key}: \"{example}\"。", key))
            continue
        pattern, rule = _FORMATS.get(key, (None, ""))
        if pattern and not pattern.fullmatch(value.strip()):
            problems.append((f"site.{key}（{label}）「{value}」{rule}。", key))
        values[key] = value.strip()
    return SiteInfo(**values), problems


@dataclass(frozen=True)
class Publication:
    """Where and as what the site is published: what page heads, feeds and exports say about it
    beyond the catalogue."""

    info: SiteInfo
    name: str  # mkdocs.yml's site_name (SiteName)
    base_url: str  # mkdocs.yml's site_url, ending in "/"; "/" when it is not set
    url: Callable[[str], str]  # a content path (src_uri) -> the URL it is published at, absolute with site_url

    @property
    def domain(self) -> str:
        """SiteDomain: the host of site_url."""
        return urlsplit(self.base_url).netloc

    @property
    def author(self) -> str:
        """Who publishes the site as a whole: the 主办单位, else the site's name."""
        return self.info.sponsor or self.name

    def at(self, path: str) -> str:
        """The URL of a file written into site/ (a feed, an export)."""
        return urljoin(self.base_url, path)
