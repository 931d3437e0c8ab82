"""What the rest of overhorizon needs of an extractor: documents in, statements out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from overhorizon.model.document import Document
from overhorizon.model.statement import Statement


class Extractor(Protocol):
    """Anything that reads documents and returns, for each, the statements found in it."""

    def extract(self, documents: Sequence[Document]) -> list[list[Statement]]: ...
