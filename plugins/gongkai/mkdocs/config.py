"""The plugin's typed configuration (mkdocs.yml → plugins → disclosure)."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class DisclosureConfig(Config):
    enabled = opt.Type(bool, default=True)
    # The catalogue's schema, relative to mkdocs.yml.
    catalogue = opt.Type(str, default="catalogue.yml")
    # Check every internal link and anchor of the built site; a broken one fails the build.
    check_links = opt.Type(bool, default=True)
    # Write file.gz beside pages, styles and scripts for nginx's gzip_static.
    precompress = opt.Type(bool, default=True)
    # The generated nginx include (CSP, redirects, 410), inside site/ so that it is swapped and deployed
    # with the pages it belongs to; a dot-file, which the sample nginx server never serves.
    nginx_include = opt.Type(str, default=".nginx-site.conf")
    # Site search (检索): the search page and a Pagefind index of every public page.
    search = opt.Type(bool, default=True)
    # The date freshness reminders (时效提醒) are computed for, YYYY-MM-DD; the environment variable
    # GONGKAI_TODAY overrides it; without either, the clock's. Nothing written into site/ depends on it.
    today = opt.Optional(opt.Type(str))
