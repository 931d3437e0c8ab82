"""The HTTP API under ``/api``: one router per kind of resource, all reading through the
requesting user's filtered store."""

from fastapi import APIRouter

from overhorizon.web.api import (
    audit,
    documents,
    entities,
    events,
    explore,
    markings,
    review,
    session,
    statements,
)

router = APIRouter()
for module in (
    session,
    explore,
    documents,
    entities,
    statements,
    events,
    review,
    markings,
    audit,
):
    router.include_router(module.router)

__all__ = ["router"]
