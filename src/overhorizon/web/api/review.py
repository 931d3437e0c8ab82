"""Resolution review: the queue, accept or reject, merge, split, undo, and the history of
judgements. Every action is a judgement in the store, by the requesting analyst."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from overhorizon.resolution import judgements as decisions
from overhorizon.resolution import review
from overhorizon.store import SQLStore
from overhorizon.store.base import Judgement
from overhorizon.web.api.common import Limit, Offset, Reader, page, window
from overhorizon.web.corrections import analyst_label
from overhorizon.web.models import JudgementOut, Page

router = APIRouter(prefix="/api", tags=["resolution"])


class Answer(BaseModel):
    same: bool
    reason: str | None = Field(default=None, max_length=2000)


class Merge(BaseModel):
    left: str = Field(min_length=1, max_length=160)
    right: str = Field(min_length=1, max_length=160)
    reason: str = Field(min_length=1, max_length=2000)


class Split(BaseModel):
    entity: str = Field(min_length=1, max_length=160)
    reason: str = Field(min_length=1, max_length=2000)


def judgement_out(store: SQLStore, found: list[Judgement]) -> list[JudgementOut]:
    ids = sorted({i for j in found for i in (j.left_id, j.right_id)})
    captions = {e.id: e.caption for e in store.entities(ids)}
    canonical = store.canonical_ids(ids)

    def caption(entity_id: str) -> str:
        return captions.get(canonical.get(entity_id, entity_id), entity_id)

    return [
        JudgementOut(
            id=j.id,
            left_id=j.left_id,
            right_id=j.right_id,
            left=caption(j.left_id),
            right=caption(j.right_id),
            verdict=j.verdict,
            author=j.author,
            reason=j.reason,
            score=j.score,
            created_at=j.created_at,
            reverted_at=j.reverted_at,
            reverted_by=j.reverted_by,
        )
        for j in found
    ]


@router.get("/review/queue", response_model=Page[JudgementOut], summary="Candidates to review")
def queue(
    request: Request, store: Reader, limit: Limit = 50, offset: Offset = 0
) -> Page[JudgementOut]:
    pending = review.queue(store)
    items = judgement_out(store, window(pending, limit, offset))
    return page(request, items, len(pending), limit, offset)


@router.post(
    "/review/{judgement_id}",
    response_model=JudgementOut,
    status_code=201,
    summary="Accept (same) or reject (not the same) a candidate",
)
def answer(judgement_id: str, body: Answer, store: Reader) -> JudgementOut:
    decided = review.answer(store, judgement_id, body.same, analyst_label(store), body.reason)
    return judgement_out(store, [decided])[0]


@router.post("/merges", response_model=JudgementOut, status_code=201, summary="Merge two entities")
def merge(body: Merge, store: Reader) -> JudgementOut:
    decided = decisions.merge(store, body.left, body.right, analyst_label(store), body.reason)
    return judgement_out(store, [decided])[0]


@router.post(
    "/splits",
    response_model=list[JudgementOut],
    status_code=201,
    summary="Take an entity out of its cluster",
)
def split(body: Split, store: Reader) -> list[JudgementOut]:
    changed = decisions.split(store, body.entity, analyst_label(store), body.reason)
    return judgement_out(store, changed)


@router.post(
    "/judgements/{judgement_id}/undo", response_model=JudgementOut, summary="Undo a judgement"
)
def undo(judgement_id: str, store: Reader) -> JudgementOut:
    return judgement_out(store, [decisions.undo(store, judgement_id, analyst_label(store))])[0]


@router.get("/judgements", response_model=Page[JudgementOut], summary="The history of judgements")
def history(
    request: Request,
    store: Reader,
    entity: Annotated[str | None, Query(max_length=160)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[JudgementOut]:
    found = store.judgements([entity] if entity else None)
    found.sort(key=lambda j: (j.reverted_at or j.created_at, j.id), reverse=True)
    items = judgement_out(store, window(found, limit, offset))
    return page(request, items, len(found), limit, offset)
