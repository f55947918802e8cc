"""Freshness reminders (时效提醒): columns past their period and empty columns are reported, never block
a build, and are computed for a date that tests (and ops) can pin."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, PROJECT, build_site, entry
from gongkai.core.schema import Period, SchemaError, load_schema, parse_period

STALE = ("「时效提醒」主题分类「规范性文件」已 291 天没有发布新信息（最近一条发布于 2021-03-15），超过了更新周期 6 个月"
         "（catalogue.yml 中该分类的 freshness）。栏目长期不更新会在政府网站检查中扣分，请及时发布新信息。")
EMPTY = ("「时效提醒」主题分类「其他文件」还没有任何公开信息。空栏目会在政府网站检查中扣分，请发布信息；"
         "如这个分类已不再使用，可在 catalogue.yml 中删去它。")
EMPTY_NEWS = EMPTY.replace("其他文件", "工作动态")


def catalogue(period: str = "6m") -> str:
    """The fixture catalogue with a period on 规范性文件 and on 工作动态."""
    text = (FIXTURES / "catalogue.yml").read_text(encoding="utf-8")
    text = text.replace('{name: 规范性文件, code: "0202"}', f'{{name: 规范性文件, code: "0202", freshness: {period}}}')
    return text.replace('  - name: 工作动态\n    code: "04"\n', '  - name: 工作动态\n    code: "04"\n    freshness: 2w\n')


def line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(("value", "period"), [("14d", Period(14, "d")), ("2w", Period(2, "w")), ("6m", Period(6, "m")),
                                               ("1y", Period(1, "y")), (30, Period(30, "d")), (" 6M ", Period(6, "m"))])
def test_periods_are_read(value, period):
    assert parse_period(value) == period


@pytest.mark.parametrize("value", ["两周", "0d", "6", "6 months", -3, True, "1.5m"])
def test_malformed_periods_are_refused(value):
    assert parse_period(value) is None


@pytest.mark.parametrize(("period", "today", "cutoff"), [
    (Period(14, "d"), dt.date(2021, 3, 15), dt.date(2021, 3, 1)),
    (Period(2, "w"), dt.date(2021, 3, 15), dt.date(2021, 3, 1)),
    (Period(6, "m"), dt.date(2021, 8, 31), dt.date(2021, 2, 28)),  # no 31 February: the month's last day
    (Period(1, "m"), dt.date(2021, 1, 15), dt.date(2020, 12, 15)),
    (Period(1, "y"), dt.date(2024, 2, 29), dt.date(2023, 2, 28)),
    (Period(13, "m"), dt.date(2026, 1, 31), dt.date(2024, 12, 31)),
])
def test_cutoff_counts_calendar_months(period, today, cutoff):
    assert period.cutoff(today) == cutoff


def reminders(root: Path) -> list[str]:
    return json.loads((root / "build-report.json").read_text(encoding="utf-8"))["reminders"]


def test_stale_and_empty_categories_are_reminders_and_the_strict_build_publishes(site, monkeypatch, caplog):
    monkeypatch.setenv("GONGKAI_TODAY", "2021-12-31")
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        build = site({"content/xxgk/a.md": entry()}, catalogue=catalogue())
    assert build.ok, build.errors  # --strict: any warning would have stopped it
    assert reminders(build.root) == [STALE, EMPTY, EMPTY_NEWS]
    logged = [(r.levelno, r.getMessage()) for r in caplog.records if "时效提醒" in r.getMessage()]
    assert logged[0] == (logging.INFO, "gongkai: 时效提醒 3 条（栏目更新不及时等，不影响发布），全文见 build-report.json 或运行 "
                                       "gongkai check --reminders。")  # one line: they must not bury a real problem
    assert not [message for _, message in logged if "「时效提醒」" in message]
    assert (build.site / "xxgk/000014349-2021-00001/index.html").is_file()
    assert "时效提醒 3 条" in caplog.text


def test_an_item_within_its_period_keeps_a_column_fresh(site, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2021-09-15")  # six months to the day after 2021-03-15
    build = site({"content/xxgk/a.md": entry(), "content/xxgk/b.md": entry("000014349/2021-00002", category="工作动态",
                                                                            date="2021-09-01")},
                 catalogue=catalogue())
    assert build.ok, build.errors
    assert reminders(build.root) == [EMPTY]
    monkeypatch.setenv("GONGKAI_TODAY", "2021-09-16")
    later = site({"content/xxgk/a.md": entry()}, catalogue=catalogue())
    assert STALE.replace("291 天", "185 天") in reminders(later.root)


def test_a_parent_period_counts_its_childrens_items(site, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2021-12-31")
    schema = catalogue().replace('  - name: 法规文件\n    code: "02"\n', '  - name: 法规文件\n    code: "02"\n    freshness: 1y\n')
    build = site({"content/xxgk/a.md": entry()}, catalogue=schema)
    assert not [r for r in reminders(build.root) if "「法规文件」" in r]


def test_only_published_entries_count(site, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2021-03-20")
    build = site({"content/xxgk/a.md": entry(), "content/xxgk/b.md": entry("000014349/2021-00002", category="其他文件",
                                                                            disclosure="依申请公开")},
                 catalogue=catalogue())
    assert EMPTY in reminders(build.root)


def test_today_comes_from_the_plugin_option_and_the_environment_overrides_it(tmp_path, monkeypatch):
    monkeypatch.delenv("GONGKAI_TODAY", raising=False)
    option = {"today": "2021-12-31"}
    build = build_site(tmp_path / "a", {"content/xxgk/a.md": entry()}, catalogue=catalogue(), options=option)
    assert STALE in reminders(build.root)
    monkeypatch.setenv("GONGKAI_TODAY", "2021-04-01")
    build = build_site(tmp_path / "b", {"content/xxgk/a.md": entry()}, catalogue=catalogue(), options=option)
    assert reminders(build.root) == [EMPTY, EMPTY_NEWS]


def test_a_malformed_date_stops_the_build_with_a_chinese_message(site, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2021/12/31")
    build = site({"content/xxgk/a.md": entry()})
    assert not build.ok
    assert "环境变量 GONGKAI_TODAY「2021/12/31」不是 YYYY-MM-DD 格式的日期，请写成如 2026-01-31。" in build.errors


def check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gongkai.cli", "check", "--project", str(root), *args],
                          capture_output=True, text=True)


def test_check_shows_reminders_without_failing(tmp_path):
    root = tmp_path / "p"
    build_site(root, {"content/xxgk/a.md": entry()}, catalogue=catalogue())
    schema = (root / "catalogue.yml").read_text(encoding="utf-8")
    result = check(root, "--today", "2021-12-31")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert ("发现 0 个错误、0 个警告。\n另有时效提醒 3 条（只是提醒，不影响检查结果和发布），运行 gongkai check --reminders "
            "可列出全文。") in result.stderr
    listed = check(root, "--today", "2021-12-31", "--reminders")
    assert listed.returncode == 0
    assert listed.stdout.splitlines() == [
        f"提醒：catalogue.yml 第 {line_of(schema, '{name: 规范性文件')} 行：{STALE}",
        f"提醒：catalogue.yml 第 {line_of(schema, '{name: 其他文件')} 行：{EMPTY}",
        f"提醒：catalogue.yml 第 {line_of(schema, '- name: 工作动态')} 行：{EMPTY_NEWS}",
    ]


def test_check_annotates_catalogue_yml_for_pull_requests(tmp_path):
    root = tmp_path / "p"
    build_site(root, {"content/xxgk/a.md": entry(), "content/xxgk/b.md": entry("000014349/2021-00002", date="2021-13-01")},
               catalogue=catalogue())
    schema = (root / "catalogue.yml").read_text(encoding="utf-8")
    result = check(root, "--format", "github", "--today", "2021-12-31", "--reminders")
    assert result.returncode == 1  # for the bad date, not for the reminders
    lines = result.stdout.splitlines()
    assert f"::notice file=catalogue.yml,line={line_of(schema, '{name: 规范性文件')}::{STALE}" in lines
    assert lines[0].startswith("::error file=content/xxgk/b.md,line=6::")


def test_check_takes_today_from_the_environment(tmp_path):
    root = tmp_path / "p"
    build_site(root, {"content/xxgk/a.md": entry()}, catalogue=catalogue())
    env = {**os.environ, "GONGKAI_TODAY": "2021-04-01"}
    result = subprocess.run([sys.executable, "-m", "gongkai.cli", "check", "--project", str(root), "--reminders"],
                            capture_output=True, text=True, env=env)
    assert "「规范性文件」" not in result.stdout and EMPTY in result.stdout
    bad = check(root, "--today", "明天")
    assert bad.returncode == 2
    assert "--today「明天」不是 YYYY-MM-DD 格式的日期，请写成如 2026-01-31。" in bad.stderr


def test_malformed_period_in_catalogue_yml_names_the_category(tmp_path):
    path = tmp_path / "catalogue.yml"
    path.write_text(catalogue("两周").replace("freshness: 2w", "freshness: 0d"), encoding="utf-8")
    with pytest.raises(SchemaError) as raised:
        load_schema(path, "catalogue.yml")
    rule = "格式不对：请写数字加单位，如 14d（14 天）、2w（2 周）、6m（6 个月）、1y（1 年）。"
    text = path.read_text(encoding="utf-8")
    assert [str(p) for p in raised.value.problems] == [
        f"catalogue.yml 第 {line_of(text, '两周')} 行：categories 第 1 项（法规文件）的第 1 个子分类（规范性文件）的 freshness（更新周期）"
        f"「两周」{rule}",
        f"catalogue.yml 第 {line_of(text, '0d')} 行：categories 第 2 项（工作动态）的 freshness（更新周期）「0d」{rule}"]


def test_a_calendar_without_the_current_year_is_a_reminder(tmp_path):
    root = tmp_path / "p"
    for part in ("content", "overrides", "catalogue.yml", "mkdocs.yml"):
        (shutil.copytree if (PROJECT / part).is_dir() else shutil.copy)(PROJECT / part, root / part)
    uncharted, charted = check(root, "--today", "2027-01-15", "--reminders"), check(root, "--today", "2026-01-15", "--reminders")
    assert uncharted.returncode == 0, uncharted.stdout + uncharted.stderr
    line = line_of((PROJECT / "catalogue.yml").read_text(encoding="utf-8"), "\ncalendar:") + 1
    assert (f"提醒：catalogue.yml 第 {line} 行：「时效提醒」工作日历（catalogue.yml 的 calendar）中还没有 2027 年的节假日：计算政策解读是否"
            "同步发布等以“工作日”计的期限时，2027 年的法定节假日会被算作工作日。请按国务院办公厅关于 2027 年部分节假日安排的通知，"
            "补充 holidays（放假的工作日）和 workdays（调休上班的周末）。") in uncharted.stdout.splitlines()
    assert "工作日历" not in charted.stdout
