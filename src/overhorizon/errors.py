"""Every error overhorizon raises on purpose, in one tree.

Each class carries a stable code (``OH1xx`` model, ``OH2xx`` store, ``OH3xx`` sources,
``OH4xx`` extraction, ``OH5xx`` reference knowledge, ``OH6xx`` CLI, ``OH8xx`` audit log) so a
user can search for the message, and an HTTP status for the API.

    OverhorizonError
    ├── ModelError                 OH100  the ontology files are inconsistent
    │   ├── UnknownSchemaError     OH101  no such entity or relation type
    │   ├── UnknownPropertyError   OH102  the type has no such property
    │   └── InvalidValueError      OH103  a value does not fit the property's value type
    ├── StoreError                 OH200  the database refused or cannot be reached
    │   ├── MigrationError         OH201  the schema could not be brought up to date
    │   └── NotFoundError          OH204  no such document or entity (or not visible)
    ├── SourceError                OH300  a document could not be read
    │   ├── EmptySourceError       OH301  nothing to read
    │   ├── UnsupportedSourceError OH302  a format overhorizon does not read
    │   ├── DamagedSourceError     OH303  the file is corrupt or not what its name says
    │   ├── OversizedSourceError   OH304  larger than the configured limit
    │   └── FetchError             OH305  a URL could not be fetched
    ├── ExtractionError            OH400  the pipeline is misconfigured
    ├── ReferenceImportError   OH500  a reference list could not be imported
    ├── AuditError             OH800  the audit log refused an entry or cannot be used
    │   ├── AuditKeyError      OH801  the signing key is missing, unreadable or unsafe
    │   └── SecretInAuditError OH802  an entry would have recorded a secret
    └── AccessError            OH900  identity and access control
        ├── AuthenticationError    OH901  unknown user, wrong password, bad or expired token
        └── PermissionDeniedError  OH903  the user may not do this
"""

from __future__ import annotations

from typing import ClassVar


class OverhorizonError(Exception):
    """Base of every error raised on purpose."""

    code: ClassVar[str] = "OH000"
    status: ClassVar[int] = 500

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"

    @property
    def message(self) -> str:
        """The message without its code."""
        return super().__str__()


class ModelError(OverhorizonError):
    code = "OH100"


class UnknownSchemaError(ModelError):
    code = "OH101"
    status = 400


class UnknownPropertyError(ModelError):
    code = "OH102"
    status = 400


class InvalidValueError(ModelError):
    code = "OH103"
    status = 400


class StoreError(OverhorizonError):
    code = "OH200"
    status = 503


class MigrationError(StoreError):
    code = "OH201"


class NotFoundError(StoreError):
    code = "OH204"
    status = 404


class SourceError(OverhorizonError):
    code = "OH300"
    status = 422


class EmptySourceError(SourceError):
    code = "OH301"


class UnsupportedSourceError(SourceError):
    code = "OH302"
    status = 415


class DamagedSourceError(SourceError):
    code = "OH303"


class OversizedSourceError(SourceError):
    code = "OH304"
    status = 413


class FetchError(SourceError):
    code = "OH305"
    status = 502


class ExtractionError(OverhorizonError):
    code = "OH400"


class ReferenceImportError(OverhorizonError):
    code = "OH500"
    status = 422


class AuditError(OverhorizonError):
    code = "OH800"


class AuditKeyError(AuditError):
    code = "OH801"


class SecretInAuditError(AuditError):
    code = "OH802"
    status = 400


class ResolutionError(OverhorizonError):
    code = "OH700"
    status = 400


class JudgementConflictError(ResolutionError):
    """A merge over an active "not the same" judgement, or a "not the same" inside a cluster:
    the analyst must undo the judgement in the way first."""

    code = "OH701"
    status = 409


class AccessError(OverhorizonError):
    code = "OH900"
    status = 403


class AuthenticationError(AccessError):
    """Who is asking could not be established; the message never says which part was wrong."""

    code = "OH901"
    status = 401


class PermissionDeniedError(AccessError):
    """The user is known but their role does not allow the action. Reads of things the user
    may not see answer NotFoundError instead, exactly as for things that do not exist."""

    code = "OH903"
    status = 403
