"""Sharing with partners: STIX 2.1 bundles out and in, under TLP 2.0 and need-to-know markings.

Every export is cut for one recipient (``Recipient``): a statement they may not see is not
written at all, so nothing withheld can surface as an object, a reference, a value or a count.
"""

from overhorizon.sharing.markings import Marking, Recipient
from overhorizon.sharing.stix_export import ExportResult, export_bundle
from overhorizon.sharing.stix_import import ImportReport, import_bundle, read_bundle
from overhorizon.sharing.validate import validation_errors

__all__ = [
    "ExportResult",
    "ImportReport",
    "Marking",
    "Recipient",
    "export_bundle",
    "import_bundle",
    "read_bundle",
    "validation_errors",
]
