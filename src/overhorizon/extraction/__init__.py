"""Extraction: a pipeline of components turning documents into statements."""

from overhorizon.extraction.defaults import STANDARD, default_pipeline
from overhorizon.extraction.gazetteer import Gazetteer
from overhorizon.extraction.pipeline import Component, Pipeline, check_order
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
