"""Extraction: a pipeline of components turning documents into statements."""

from overhorizon.extraction.gazetteer import Gazetteer
from overhorizon.extraction.pipeline import (
    STANDARD,
    Component,
    Pipeline,
    check_order,
    default_pipeline,
)
from overhorizon.extraction.view import document_view

__all__ = [
    "STANDARD",
    "Component",
    "Gazetteer",
    "Pipeline",
    "check_order",
    "default_pipeline",
    "document_view",
]
