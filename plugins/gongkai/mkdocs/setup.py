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
from mkdocs.exceptions import PluginError

from gongkai.core import freshness, gate
from gongkai.core.schema import Schema, SchemaError, load_schema
from gongkai.mkdocs.config import DisclosureConfig
from gongkai.mkdocs.reporting import Reporter
from gongkai.search import synonyms
from gongkai.site import qr

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
    def of(cls, config: MkDocsConfig, options: DisclosureConfig) -> Setup:
        """Raises PluginError, in Chinese, when catalogue.yml, synonyms.yml, the date or mkdocs.yml's text
        is unusable."""
        root = Path(config.config_file_path).parent
        try:
            schema = load_schema(root / options.catalogue, options.catalogue)
            today = freshness.today((f"环境变量 {freshness.ENV}", os.environ.get(freshness.ENV)),
                                    ("mkdocs.yml 中 disclosure 插件的 today", options.today))
        except (SchemaError, ValueError) as e:
            raise PluginError(str(e)) from None
        found = load_synonyms(root, options.catalogue)
        if found.problems:
            raise PluginError("\n".join(map(str, found.problems)))
        setup = cls(schema, today, Reporter(root / REPORT), qr.Cache(root / QR_CACHE),
                    urlsplit(config.site_url or "").netloc, Path(config.docs_dir).name, found.groups)
        config_file = Path(config.config_file_path)
        scanned = [*gate.scan_text(config_file.name, config_file.read_text(encoding="utf-8"), schema.gate.allow_numbers),
                   *gate.scan_text(synonyms_name(options.catalogue), found.text, schema.gate.allow_numbers)]
        if scanned:
            setup.reporter(scanned)
        return setup


def synonyms_name(catalogue: str) -> str:
    """synonyms.yml's path as messages show it: beside catalogue.yml, relative to the project."""
    return synonyms.path_beside(Path(catalogue)).as_posix()


def load_synonyms(root: Path, catalogue: str) -> synonyms.Synonyms:
    return synonyms.load(root / synonyms_name(catalogue), synonyms_name(catalogue))


def base_path(config: MkDocsConfig) -> str:
    """The path the site is served under, from site_url: "/" or "/prefix/"."""
    path = urlsplit(config.site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"
