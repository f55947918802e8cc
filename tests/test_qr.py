"""The QR codes qr.py encodes itself are exactly segno's, for every length it encodes."""

from __future__ import annotations

import html
import json
import random

import pytest
import segno

from gongkai.site import qr


def segno_svg(url: str) -> str:
    """What qr.svg gave when segno made every code."""
    label = qr.LABEL + url
    code = segno.make(url, error="m", micro=False, mask=qr.MASK)
    inline = str(code.svg_inline(scale=1, border=4, omitsize=True, dark="#000", light="#fff", title=label,
                                 svgclass="gk-qr__code", lineclass=None))
    return inline.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)


def test_codes_equal_segnos_at_every_length_version_and_level():
    rng = random.Random(6)
    letters = "abcdefghijklmnopqrstuvwxyz0123456789-._~/%?=&ABCXYZ"
    versions = set()
    for length in range(1, 214):  # 213 bytes is the most version 10 holds at level M
        for _ in range(3):
            url = "h" + "".join(rng.choice(letters) for _ in range(length - 1))
            assert qr._rows(url) is not None, url
            versions.add(segno.make(url, error="m", micro=False, mask=qr.MASK).designator)
            assert qr.svg(url) == segno_svg(url), url
    assert {d.split("-")[0] for d in versions} == {str(v) for v in range(1, 11)}
    assert {d.split("-")[1] for d in versions} == set(qr.LEVELS)


@pytest.mark.parametrize("url", ["https://gk.example.gov.cn/xxgk/公开-1/", "HTTPS://GK.EXAMPLE.GOV.CN/A/",
                                 "https://gk.example.gov.cn/" + "x" * 300])
def test_other_addresses_are_made_by_segno(url):
    assert qr._rows(url) is None
    assert qr.svg(url) == segno_svg(url)


def test_the_cache_is_written_again_only_for_new_codes(tmp_path):
    path = tmp_path / "qr.json"
    cache = qr.Cache(path)
    cache.svg("https://gk.example.gov.cn/a/")
    cache.save()
    path.write_text("kept", encoding="utf-8")  # so that a second write would show
    cache.svg("https://gk.example.gov.cn/a/")
    cache.save()
    assert path.read_text(encoding="utf-8") == "kept"
    cache.svg("https://gk.example.gov.cn/b/")
    cache.save()
    assert sorted(qr.Cache(path).codes) == ["https://gk.example.gov.cn/a/", "https://gk.example.gov.cn/b/"]


def test_a_cache_file_changed_by_hand_gives_no_code_but_the_build_s(tmp_path):
    """The cache lies in the project, where a pull request could change it: a code that is not what the
    build writes for its address is made again, never printed as it is."""
    url = "https://example.gov.cn/xxgk/000014349-2021-00001/"
    good = qr.svg(url)
    tampered = good.replace('<path stroke', '<a href="https://evil.example/"><path stroke', 1)
    other = qr.svg(url + "x")
    path = tmp_path / "qr.json"
    path.write_text(json.dumps({"version": qr.VERSION, "codes": {url: tampered, url + "y": other}}), encoding="utf-8")
    cache = qr.Cache(path)
    assert cache.codes == {}  # the tampered one, and a real code filed under another address
    assert cache.svg(url) == good
    path.write_text(json.dumps({"version": qr.VERSION, "codes": {url: good}}), encoding="utf-8")
    assert qr.Cache(path).codes == {url: good}
