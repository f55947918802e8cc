"""gongkai: a static-site generator for government information disclosure (政府信息公开).

The package is layered; each layer imports only the layers below it (import-linter checks it in
`make test`, see pyproject.toml), from the bottom:

- `core`: the domain in plain Python: catalogue.yml's schema, reading and validating content, the
  catalogue model, the disclosure gate and the personal-data scanner;
- `types`: content types with a model of their own (annual reports, the power list), which register
  their checks with the core;
- `importing`: `gongkai import`, migration from an old portal (a spreadsheet export, saved pages) into
  content files, checked by the core before anything is written;
- `search`: the search words and records and the index's file format;
- `site`: the public site as data: the directory's listings, the home page, what each page's
  template shows, the navigation;
- `inspection`: the national website inspection (国办秘函〔2019〕19号) on the gated catalogue: its rules,
  statistics, score and report (`gongkai inspect`, and `inspection` in build-report.json);
- `outputs`: files written beside the pages: feeds, exports, CSV, the nginx include, precompressed
  files, the 繁體 table, the link check, the build report;
- `engine`: pages converted and rendered outside MkDocs' loops on every core; the one place that
  touches private MkDocs and Jinja internals (`engine/internals.py`);
- `mkdocs`: the MkDocs plugin (thin glue), the preview session and the build command;
- `cli`: the editors' and ops' command line (`gongkai check|inspect|new|diff|import|build`).

docs/architecture.md draws the data flow from content to outputs.
"""
