"""The MkDocs glue: the `disclosure` plugin (events in, to the build model and the engine), its
configuration, the preview session of `mkdocs serve`, the build command and its console. With
`engine`, the only layer that imports MkDocs (which the ProperDocs fork aliases)."""
