"""A refusal names keys as a user writes them, never by the Python field name (outside fuzz review
5, R3: `echo '[1]' | mps-pain check -` said "keys such as ['from_', …]"; the key is `from`).

The class: every document model's aliased field (`from_` written `from`), in every place that
lists or suggests keys (`validation.document_keys`, `field_names`, the shape refusal)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from pydantic import BaseModel

import mps_pain
from mps_pain.errors import DocumentFormatError
from mps_pain.validation import field_names, validate_model
from tests.cli_runner import run_cli


def _all_models() -> list[type[BaseModel]]:
    for module in pkgutil.walk_packages(mps_pain.__path__, "mps_pain."):
        if ".migrations" not in module.name:
            importlib.import_module(module.name)
    found: list[type[BaseModel]] = []
    pending = list(BaseModel.__subclasses__())
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        if model.__module__.startswith("mps_pain.") and model not in found:
            found.append(model)
    return sorted(found, key=lambda m: f"{m.__module__}.{m.__qualname__}")


ALIASED = [
    model
    for model in _all_models()
    if any(info.alias and info.alias != name for name, info in model.model_fields.items())
]


def _python_only_names(model: type[BaseModel]) -> set[str]:
    return {name for name, info in model.model_fields.items() if info.alias and info.alias != name}


def test_the_document_models_with_aliased_keys_are_found() -> None:
    names = {m.__name__ for m in ALIASED}
    assert {"RotationRequest", "CheckRequest"} <= names, names


@pytest.mark.parametrize("model", ALIASED, ids=lambda m: m.__name__)
def test_the_shape_refusal_names_keys_as_written(model: type[BaseModel]) -> None:
    with pytest.raises(DocumentFormatError) as caught:
        validate_model(model, [1], known_keys=field_names(model))
    message = str(caught.value)
    for name in _python_only_names(model):
        assert f"'{name}'" not in message, message


@pytest.mark.parametrize("model", ALIASED, ids=lambda m: m.__name__)
def test_known_keys_are_the_keys_a_user_writes(model: type[BaseModel]) -> None:
    keys = field_names(model)
    for name, info in model.model_fields.items():
        if info.alias and info.alias != name:
            assert info.alias in keys and name not in keys, (name, info.alias)


@pytest.mark.parametrize("command", ["check", "rotate", "mme"])
def test_a_document_of_the_wrong_shape_is_refused_in_the_users_words(command: str) -> None:
    done = run_cli(command, "-", stdin="[1]")
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "from_" not in done.stderr
    if command in ("check", "rotate"):
        assert "'from'" in done.stderr, done.stderr
