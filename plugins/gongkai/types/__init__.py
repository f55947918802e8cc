"""Content types with a model of their own, beyond fields: the annual disclosure report (its three
national tables and their rules) and the power and responsibility list (items in YAML files).

Importing this package registers their checks with the core; the layers above import it."""

from gongkai.types import powerlist, reports

__all__ = ["powerlist", "reports"]
