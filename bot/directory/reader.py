"""Read YAML files keeping line numbers, so that every problem names file, line and field."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, printed as `path:line: field: message`."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


@dataclass
class YamlDocument:
    path: str
    data: Any
    node: yaml.Node

    def line_of(self, *loc: str | int) -> int:
        """1-based line of the value at `loc` (keys and list indexes), or of its parent."""
        node, line = self.node, self.node.start_mark.line + 1
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
            line = (key_node or node).start_mark.line + 1
        return line

    def problem(self, loc: tuple[str | int, ...], message: str) -> Problem:
        field = ".".join(str(part) for part in loc) or "-"
        return Problem(self.path, self.line_of(*loc), field, message)


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == part:
                return key, value
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return None, node.value[part]
    return None


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_yaml(path: Path) -> YamlDocument | Problem:
    """Parse one YAML file; a syntax error comes back as a Problem with its line."""
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except UnicodeDecodeError as error:
        return Problem(shown, 1, "-", f"not UTF-8 text ({error.reason})")
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        return Problem(shown, line, "-", f"YAML syntax error: {error.problem or error}")
    except yaml.YAMLError as error:
        return Problem(shown, 1, "-", f"YAML error: {error}")
    if node is None:
        return Problem(shown, 1, "-", "the file is empty")
    return YamlDocument(shown, data, node)


def validate(
    doc: YamlDocument, data: Any, model: type[M], loc: tuple[str | int, ...] = ()
) -> M | list[Problem]:
    """Validate `data` (found at `loc` in `doc`) against a pydantic model."""
    if not isinstance(data, dict):
        return [doc.problem(loc, f"expected a mapping of fields, got {type(data).__name__}")]
    try:
        return model.model_validate(data)
    except ValidationError as error:
        return [doc.problem(loc + tuple(e["loc"]), _message(e)) for e in error.errors()]


def _message(error: dict) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown field (a typo?)"
    if error["type"] == "missing":
        return "required field is missing"
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "literal_error":
        return f"{error['input']!r} is not allowed: {message.lower()}"
    return message
