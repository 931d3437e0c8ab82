"""Every pipeline component by its versioned name: the one place names are bound to code.

A new version of a component is registered under a new name (``overhorizon.dates.v2``) beside
the old one, so pipelines and the statements they wrote stay reproducible. Components import
nothing from here, which keeps the registry free of import cycles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from overhorizon.errors import ExtractionError
from overhorizon.extraction.components.actors import ActorsComponent
from overhorizon.extraction.components.aliases import AliasesComponent
from overhorizon.extraction.components.attacks import AttacksComponent
from overhorizon.extraction.components.casualties import CasualtiesComponent
from overhorizon.extraction.components.dateline import DatelineComponent
from overhorizon.extraction.components.dates import DatesComponent
from overhorizon.extraction.components.places import PlacesComponent
from overhorizon.extraction.components.relations import RelationsComponent
from overhorizon.extraction.components.responsibility import ResponsibilityComponent
from overhorizon.extraction.components.roles import RolesComponent
from overhorizon.extraction.components.sentences import SentencesComponent
from overhorizon.extraction.components.statements import StatementsComponent
from overhorizon.extraction.pipeline import Component

Factory = Callable[..., Component]

_FACTORIES: dict[str, Factory] = {}


def register(name: str, factory: Factory) -> None:
    """Bind ``name`` (``package.component.vN``) to a factory; a name is bound only once."""
    if name in _FACTORIES and _FACTORIES[name] is not factory:
        raise ExtractionError(f"component name {name} is already registered")
    parts = name.rsplit(".v", 1)
    if len(parts) != 2 or not parts[1].isdigit():
        raise ExtractionError(f"component name {name} lacks a version suffix such as .v1")
    _FACTORIES[name] = factory


def create(name: str, **settings: Any) -> Component:
    """A new component registered as ``name``, built with ``settings``."""
    try:
        factory = _FACTORIES[name]
    except KeyError:
        known = ", ".join(sorted(_FACTORIES))
        raise ExtractionError(f"no component registered as {name} (known: {known})") from None
    return factory(**settings)


def names() -> list[str]:
    return sorted(_FACTORIES)


for _factory in (
    SentencesComponent,
    DatelineComponent,
    AliasesComponent,
    ActorsComponent,
    DatesComponent,
    PlacesComponent,
    AttacksComponent,
    CasualtiesComponent,
    ResponsibilityComponent,
    RelationsComponent,
    StatementsComponent,
    RolesComponent,
):
    register(_factory.name, _factory)
