"""The audit log, for admins: what ``policy.audit_view`` lets the reader see."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from overhorizon.policy.audit_view import audit_entries
from overhorizon.web.api.common import Reader
from overhorizon.web.models import AuditOut

router = APIRouter(prefix="/api", tags=["audit"])


@router.get("/audit", response_model=list[AuditOut], summary="The latest audit entries")
def audit(
    store: Reader,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    action: Annotated[str | None, Query(max_length=64)] = None,
) -> list[AuditOut]:
    return [AuditOut(**e.as_dict()) for e in audit_entries(store, limit=limit, action=action)]
