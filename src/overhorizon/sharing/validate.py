"""Strict STIX 2.1 validation with the OASIS validator: what every export must pass."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stix2validator import ValidationOptions, validate_instance


def validation_errors(bundle: Mapping[str, Any]) -> list[str]:
    """The validator's errors for ``bundle`` in strict mode (its recommendations count as
    errors); an empty list means the bundle is valid."""
    options = ValidationOptions(strict=True, version="2.1")
    results = validate_instance(dict(bundle), options)
    return [str(error) for error in results.errors]
