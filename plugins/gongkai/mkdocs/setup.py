"""What a build takes from mkdocs.yml and catalogue.yml before it reads any content: the schema, the
search's synonyms (synonyms.yml beside catalogue.yml), the date freshness reminders are computed for,
where the build report and the QR codes are kept, the site's own host; mkdocs.yml's text is public
(the site's name, copyright and navigation are on every page), and so are the synonyms, so both are
scanned for personal data like any content."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from gongkai.core import freshness, gate
from gongkai.core.content import Content
from gongkai.core.problems import Problem
from gongkai.core.schema import Schema, SchemaError, load_schema
from gongkai.inspection import inspector, wording
from gongkai.inspection.findings import Inspection
from gongkai.inspection.subject import Address, Subject
from gongkai.mkdocs import trusted
from gongkai.mkdocs.config import DisclosureConfig
from gongkai.mkdocs.reporting import Inspect, Reporter
from gongkai.search import synonyms
from gongkai.site import qr, typography

QR_CACHE = ".cache/gongkai/qr.json"  # beside mkdocs.yml; see site/qr.py
REPORT = "build-report.json"  # beside mkdocs.yml, never in site/


@dataclass(frozen=True)
class Setup:
    schema: Schema
    today: dt.date  # for freshness reminders only
    reporter: Reporter
    qr: qr.Cache
    own_host: str  # site_url's: links to it are not to another site
    docs_name: str  # the content folder's name, as messages show paths
    synonyms: tuple[tuple[str, ...], ...] = ()  # groups of words search treats alike

    @classmethod
    def of(cls, config: MkDocsConfig, options: DisclosureConfig, reporter: Reporter) -> Setup:
        """Stops the build through `reporter` (reporting.Refused), in Chinese, when catalogue.yml,
        synonyms.yml, the date or mkdocs.yml's text is unusable."""
        reporter(trusted.settings(config))
        root = Path(config.config_file_path).parent
        config_file = Path(config.config_file_path)
        try:
            schema = load_schema(root / options.catalogue, options.catalogue)
        except SchemaError as e:
            reporter(e.problems)
            raise
        try:
            today = freshness.today((f"环境变量 {freshness.ENV}", os.environ.get(freshness.ENV)),
                                    ("mkdocs.yml 中 disclosure 插件的 today", options.today))
        except ValueError as e:
            reporter([Problem("", str(e))])  # the message names where the date was set
            raise
        if typography.Typography() not in config.markdown_extensions:  # Chinese text without the source's line breaks
            config.markdown_extensions.append(typography.Typography())
        found = load_synonyms(root, options.catalogue)
        reporter.inspect, troubles = _inspector(config, schema, (root / options.catalogue).parent)
        reporter([*found.problems, *troubles,
                  *gate.scan_text(config_file.name, config_file.read_text(encoding="utf-8"), schema.gate.allow_numbers),
                  *gate.scan_text(synonyms_name(options.catalogue), found.text, schema.gate.allow_numbers)])
        return cls(schema, today, reporter, qr.Cache(root / QR_CACHE), urlsplit(config.site_url or "").netloc,
                   Path(config.docs_dir).name, found.groups)


def _inspector(config: MkDocsConfig, schema: Schema, folder: Path) -> tuple[Inspect, list[Problem]]:
    """The self-inspection of a load of content, with wording.yml's dictionary (its problems are warnings:
    --strict stops on them, like on any setting it cannot read)."""
    shown = schema.inspection.wording
    dictionary, problems = wording.load(folder / shown, shown)
    address = Address(config.site_url or "", config.use_directory_urls)

    def inspect(loaded: Content, today: dt.date) -> Inspection:
        subject = Subject(schema, loaded, Path(config.docs_dir).name, today, address, config.site_name)
        return inspector.inspect(subject, dictionary)
    return inspect, [Problem(shown, f"用语词典：{p}", level="warning") for p in problems]


def synonyms_name(catalogue: str) -> str:
    """synonyms.yml's path as messages show it: beside catalogue.yml, relative to the project."""
    return synonyms.path_beside(Path(catalogue)).as_posix()


def load_synonyms(root: Path, catalogue: str) -> synonyms.Synonyms:
    return synonyms.load(root / synonyms_name(catalogue), synonyms_name(catalogue))


def base_path(config: MkDocsConfig) -> str:
    """The path the site is served under, from site_url: "/" or "/prefix/"."""
    path = urlsplit(config.site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"
