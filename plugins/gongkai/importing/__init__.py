"""Migration from an existing portal (`gongkai import`): a catalogue exported as a spreadsheet, or a
folder of saved article pages, brought across as ordinary content files with their attachments and
their old addresses as redirects.

The package reads sources and writes content files; it validates nothing itself. Every item it
would write is checked by the core's own content pass (`core.content.load_content`: validation,
the disclosure gate, the personal-data scan) in a staging copy of content/, so an import and a
build can never disagree. It imports only `gongkai.core` (and `gongkai.types`, whose checks the
core then runs), never the site, the outputs or MkDocs.

Modules, in the order an import runs them:

- `mapping`: import.yml, which says what each column means and how old names map to
  catalogue.yml's (`gongkai import init` writes it);
- `table` and `pages`: the sources read into `Record`s (`records`);
- `markdown`, `cleaning` and `addresses`: a body as Markdown, copy-paste noise, old addresses;
- `entries`: a record as a content file (`Draft`);
- `writing`: what the drafts change in content/, checked in staging, then written;
- `report`: what the user reads, in Chinese;
- `migrate`: the whole run.
"""
