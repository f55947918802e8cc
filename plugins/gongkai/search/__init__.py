"""Site search: how text becomes search words (`segment`, mirrored by gk-search.js), the record of
each public page (`records`) and the index's file format (`index`, read by gk-index.js; its spec is
docs/search-format.md)."""
