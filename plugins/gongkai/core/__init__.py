"""The domain core, in plain Python: catalogue.yml's schema, content files read and validated field by
field, the catalogue model (entries by 索引号 and their relations), the disclosure gate (what may be
published, redactions cut) and the personal-data scanner, with the HTML allow-list and the grammar of
server paths. It knows nothing of MkDocs, templates or output files, so it is tested alone and
`gongkai check` runs it without building. Content types with a model of their own register their
checks here (`validate.register`, `catalogue.register`, `content.register`) rather than being
imported by it."""
