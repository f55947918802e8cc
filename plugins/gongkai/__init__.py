"""gongkai: a static-site generator for government information disclosure (政府信息公开).

The domain core (schema, source, validate, catalogue, directory, views) is plain Python;
`plugin` adapts it to MkDocs.
"""
