"""The site's identity (catalogue.yml → site): what every page's footer and head say about the site,
and the 联系我们 page.

Government sites show the same registration facts in every footer (主办单位, address, phone,
网站标识码, ICP备案号, 公安机关备案号 with its icon, the 党政机关网站标识 image) and the 网站标识码
in every page's meta tags. They are written once, here, and checked as strictly as the rest of
catalogue.yml: a mistyped key or a malformed number is an error naming the key and the fix. The
images are the project's own neutral drawings unless `mark_image` or `police_icon` names the
bureau's files in content/ (core/content.py refuses a missing one at its line).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

ICP_URL = "https://beian.miit.gov.cn/"  # where the MIIT asks the ICP number to link
POLICE_URL = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"

# key -> (label, example); the order is the footer's, then the 联系我们 page's.
TEXT_KEYS: dict[str, tuple[str, str]] = {
    "sponsor": ("主办单位", "示例市公安局"),
    "address": ("地址", "示例市政务大道 100 号"),
    "phone": ("联系电话", "0000-12345600"),
    "id_code": ("网站标识码", "1199000001"),
    "icp": ("ICP备案号", "示ICP备12345678号"),
    "police_record": ("公安机关备案号", "示公网安备 11990002000001号"),
    "mark": ("党政机关网站标识", "党政机关网站"),
    "postcode": ("邮政编码", "199000"),
    "email": ("电子邮箱", "gongkai@example.gov.cn"),
    "hours": ("办公时间", "工作日 9:00—12:00，13:30—17:30"),
    "mark_url": ("党政机关网站标识的链接", "https://bszs.conac.cn/sitename?method=show&id=…"),
    "mark_image": ("党政机关网站标识图片", "files/biaoshi.png"),
    "police_icon": ("公安机关备案图标", "files/gongan.png"),
    "report_url": ("“我为政府网站找错”的链接", "https://zfwzzc.www.gov.cn/…"),
}
FOOTER_KEYS = ("sponsor", "address", "phone", "id_code", "icp", "police_record")
CONTACT_KEYS = ("sponsor", "address", "postcode", "phone", "email", "hours")
NUMBER_KEYS: dict[str, tuple[str, int, int, int]] = {  # key -> (label, default, minimum, maximum)
    "page_size": ("每页条数", 20, 5, 200),
    "feed_size": ("订阅源条数", 50, 1, 500),
}
_URL = (re.compile(r"https?://[^\s/]+\.[^\s/]+(/\S*)?"), "应为以 https:// 或 http:// 开头的完整网址")
_IMAGE = (re.compile(r"(?!/)(?!.*(^|/)\.\.?(/|$))[\w\-./]+\.(png|gif|jpg|jpeg|webp)", re.IGNORECASE),  # content/ holds no SVG
          "应为 content/ 中一个图片文件的路径（PNG、GIF、JPG 或 WEBP），如 files/biaoshi.png，不要以 / 开头，不要含 ..")
_PHONE = re.compile(r"\+?\d[\d-]{5,19}")
_FORMATS: dict[str, tuple[re.Pattern[str], str]] = {
    "id_code": (re.compile(r"\d{10}|bm\d{8}"), "应为 10 位数字（国务院部门网站为 bm 加 8 位数字），即全国政府网站基本数据库分配给本网站的标识码"),
    "icp": (re.compile(r"\S+ICP备\d+号(-\d+)?"), "格式应如 京ICP备12345678号 或 京ICP备12345678号-1"),
    "police_record": (re.compile(r"\S+公网安备 ?(\d{14})号"), "格式应如 京公网安备 11010502030143号（14 位数字）"),
    "postcode": (re.compile(r"\d{6}"), "应为 6 位数字"),
    "email": (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "格式应如 gongkai@example.gov.cn（只含字母、数字和 . _ + -）"),
    "mark_url": _URL,
    "report_url": _URL,
    "mark_image": _IMAGE,
    "police_icon": _IMAGE,
}
MARK_IMAGE = "assets/images/gk-mark.svg"  # the project's neutral drawings, used unless catalogue.yml names others
POLICE_ICON = "assets/images/gk-police.svg"


@dataclass(frozen=True)
class FooterItem:
    label: str  # empty: the text stands alone
    text: str
    url: str = ""
    key: str = ""  # which setting it shows (police_record gets its icon)


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
    mark: str = ""  # 党政机关网站标识: shown as its image, this its text alternative
    postcode: str = ""  # the 联系我们 page's, with sponsor, address, phone
    email: str = ""
    hours: str = ""
    mark_url: str = ""  # where the 党政机关网站标识 links (its registration page)
    mark_image: str = ""  # a path inside content/; else MARK_IMAGE
    police_icon: str = ""  # a path inside content/; else POLICE_ICON
    report_url: str = ""  # the national 我为政府网站找错 entry for this site; no link when unset
    lines: dict[str, int] = field(default_factory=dict, compare=False)  # each key's line in catalogue.yml

    def images(self) -> list[tuple[str, str]]:
        """The bureau's own images catalogue.yml names: (key, path inside content/)."""
        return [(key, path) for key in ("mark_image", "police_icon") if (path := getattr(self, key))]

    def footer(self) -> list[FooterItem]:
        """The footer's lines, in the usual order; keys left out of catalogue.yml are not shown."""
        return [FooterItem(TEXT_KEYS[key][0], text, self._url(key), key)
                for key in FOOTER_KEYS if (text := getattr(self, key))]

    def contact(self) -> list[FooterItem]:
        """The 联系我们 page's lines: who, where, how to reach the bureau."""
        links = {"email": f"mailto:{self.email}", "phone": self._url("phone")}
        return [FooterItem(TEXT_KEYS[key][0], text, links.get(key, ""), key)
                for key in CONTACT_KEYS if (text := getattr(self, key))]

    @property
    def mark_src(self) -> str:
        """The 党政机关网站标识 image, as a path in the site."""
        return self.mark_image or MARK_IMAGE

    @property
    def police_src(self) -> str:
        return self.police_icon or POLICE_ICON

    def _url(self, key: str) -> str:
        if key == "icp":
            return ICP_URL
        if key == "phone":  # one number: a phone dials it when tapped
            return f"tel:{self.phone}" if _PHONE.fullmatch(self.phone) else ""
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
