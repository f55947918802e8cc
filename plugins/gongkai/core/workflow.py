"""GitHub Actions workflow commands (`::error file=…,line=…::message`): the one way a problem leaves
for a CI log. Every part is masked (core/personal.py) and escaped as the runner reads it, the file
name and title as properties too: a file named with a newline or `::` cannot forge a second command,
and one named with an ID number does not print it."""

from __future__ import annotations

from gongkai.core.personal import mask_all


def command(level: str, message: str, file: str = "", line: int | None = None, title: str = "") -> str:
    """`level` is error, warning or notice."""
    props = [f"file={_property(file)}"] if file else []
    props += [f"line={line}"] if file and line else []
    props += [f"title={_property(title)}"] if title else []
    return f"::{level}{' ' + ','.join(props) if props else ''}::{_data(message)}"


def _data(text: str) -> str:
    return mask_all(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
