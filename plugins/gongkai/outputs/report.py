"""The build report: what the gate published, withheld and redacted, and every problem found.

Printed at the end of on_files and written as JSON beside mkdocs.yml (never into site/), on
success and on failure alike, so a reviewer can see what a change would publish.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from gongkai.core.personal import mask_all
from gongkai.core.problems import Problem


@dataclass
class BuildReport:
    published: int = 0
    withheld: dict[str, int] = field(default_factory=dict)
    on_request_listed: int = 0
    redacted_spans: int = 0
    personal_data_hits: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reminders: list[str] = field(default_factory=list)  # 时效提醒: never an error or a warning
    inspection: dict[str, Any] | None = None  # what `gongkai inspect` finds (inspection/writers.py: data); never an error

    def add(self, problems: list[Problem]) -> None:
        for p in problems:
            (self.errors if p.level == "error" else self.warnings).append(str(p))
        self.personal_data_hits += sum(1 for p in problems if p.code == "personal-data")

    def summary(self) -> str:
        withheld = "，".join(f"{k} {v} 条" for k, v in sorted(self.withheld.items())) or "无"
        return (f"公开审查：发布 {self.published} 条；未发布：{withheld}；依申请公开目录列出 {self.on_request_listed} 条；"
                f"删减 {self.redacted_spans} 处；疑似个人信息 {self.personal_data_hits} 处；"
                f"错误 {len(self.errors)} 个；警告 {len(self.warnings)} 个；时效提醒 {len(self.reminders)} 条。")

    def write(self, path: Path) -> None:
        """The report as JSON, every personal number in it masked (reminders quote catalogue.yml's names)."""
        text = json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True)
        path.write_text(mask_all(text) + "\n", encoding="utf-8")
