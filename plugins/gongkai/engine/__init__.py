"""The rendering engine: generated pages converted and rendered outside MkDocs' page loops, on every
core, exactly as those loops would (the same events, context and bytes), with the theme's
page-independent parts rendered once. `internals.py` is the one module that touches private MkDocs
and Jinja internals; tests/test_internals.py names each use and fails on an upgrade that breaks it."""
