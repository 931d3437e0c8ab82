"""The declared ontology and the atoms built on it: statements, entities, documents."""

from overhorizon.model.document import Document
from overhorizon.model.entity import Entity
from overhorizon.model.model import Model, load_model
from overhorizon.model.schema import Property, Schema
from overhorizon.model.statement import Statement
from overhorizon.model.types import Quantity

__all__ = [
    "Document",
    "Entity",
    "Model",
    "Property",
    "Quantity",
    "Schema",
    "Statement",
    "load_model",
]
