"""Answers built from their response models.

A route's response model (schemas.py) both documents its answer, in the OpenAPI document,
and builds it: `builder(Model)` returns a function that completes a scoring result (plain
dicts from `training`) with every field the model declares and the result leaves out, set
to the model's default. The answer is then exactly what `Model.model_validate(result)
.model_dump()` would give (tests/test_service_responses.py checks it on real answers),
without its cost: validating and dumping an explained paragraph took 220 µs, completing and
writing it with orjson takes about 25 µs.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from typing import Any

import orjson
import pydantic_core
from fastapi.responses import Response
from pydantic import BaseModel

__all__ = ["builder", "json_response"]

# Per model: ((field, default), ...), ((field, default factory), ...), ((field, holds a list, its model's plan), ...)
_Plan = tuple[tuple[tuple[str, Any], ...], tuple[tuple[str, Callable], ...], tuple[tuple[str, bool, "_Plan"], ...]]


def builder(model: type[BaseModel]) -> Callable[[dict], dict]:
    """A function completing a dict, in place, with `model`'s defaults, at every level.

    Its code is written out from the model once, as `dataclasses` writes `__init__`: a loop
    over the plan cost about 10 µs an explained paragraph, the written-out code about 2."""
    names: dict[str, Any] = {}
    lines = ["def build(content):"]
    _write(_plan(model), "content", 1, lines, names)
    lines.append("    return content")
    source = "\n".join(lines)
    exec(compile(source, f"<builder of {model.__name__}>", "exec"), names)  # our own text, from the model
    build = names["build"]
    build.__doc__ = source  # what it does, for a reader in a debugger
    return build


def _write(plan: _Plan | None, var: str, depth: int, lines: list[str], names: dict[str, Any]) -> None:
    """The lines completing the dict named `var` by `plan`, indented `depth` levels; the
    defaults and factories are referred to by names bound in `names`."""
    if plan is None:
        return
    pad = "    " * depth
    constants, factories, nested = plan
    for name, default in constants:  # None, False, 0: immutable, so one object serves every answer
        names[ref := f"default_{len(names)}"] = default
        lines.append(f"{pad}{var}.setdefault({name!r}, {ref})")
    for name, factory in factories:
        names[ref := f"factory_{len(names)}"] = factory
        lines.append(f"{pad}if {name!r} not in {var}:")
        lines.append(f"{pad}    {var}[{name!r}] = {ref}()")
    for name, many, sub in nested:  # names indexed by depth: an inner level never reuses an outer one's
        value = f"value_{depth}"
        lines.append(f"{pad}{value} = {var}.get({name!r})")
        lines.append(f"{pad}if {value} is not None:")
        if many:
            lines.append(f"{pad}    for item_{depth} in {value}:")
            _write(sub, f"item_{depth}", depth + 2, lines, names)
        else:
            _write(sub, value, depth + 1, lines, names)


def _plan(model: type[BaseModel]) -> _Plan | None:
    """What `model` fills in: its fields with a default, and its fields of models that fill
    something in themselves (None when there is nothing to do, so those are not walked)."""
    constants, factories, nested = [], [], []
    for field_name, field in model.model_fields.items():
        name = field.serialization_alias or field.alias or field_name  # the key the answer carries
        if field.default_factory is not None:
            factories.append((name, field.default_factory))
        elif not field.is_required():
            constants.append((name, field.default))
        inner = _model_in(field.annotation)
        if inner is not None:
            many, sub_model = inner
            sub = _plan(sub_model)
            if sub is not None:
                nested.append((name, many, sub))
    return (tuple(constants), tuple(factories), tuple(nested)) if constants or factories or nested else None


def _model_in(annotation) -> tuple[bool, type[BaseModel]] | None:
    """(True, M) for list[M] (or list[M] | None), (False, M) for M (or M | None), else None."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _model_in(args[0]) if len(args) == 1 else None
    if origin is list:
        (item,) = typing.get_args(annotation)
        return (True, item) if isinstance(item, type) and issubclass(item, BaseModel) else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return False, annotation
    return None


def json_response(content: Any) -> Response:
    """Serialise a built answer straight to JSON: orjson writes an explained paragraph in a
    third of pydantic's time (~25 µs against ~75 µs), and FastAPI does not validate a
    `Response` against the route's `response_model` again."""
    try:
        body = orjson.dumps(content)
    except TypeError:  # what orjson cannot write (a subclass of str, say); pydantic can
        body = pydantic_core.to_json(content)
    return Response(body, media_type="application/json")
