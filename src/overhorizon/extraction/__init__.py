"""Extraction: a pipeline of components turning documents into statements."""
