"""The workspace's pages (GET): each reads through the requesting user's filtered store and
renders a template; see ``actions`` for the forms that write."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from overhorizon.policy.audit_view import audit_entries
from overhorizon.resolution import review
from overhorizon.store import SQLStore
from overhorizon.web import profile as profiles
from overhorizon.web.api.documents import document_statements, get_document
from overhorizon.web.api.events import DATE, event_out, event_params, selection
from overhorizon.web.api.explore import search
from overhorizon.web.api.review import judgement_out
from overhorizon.web.api.statements import statement_out
from overhorizon.web.auth import reader
from overhorizon.web.network import network
from overhorizon.web.reviewed import ReviewedStore
from overhorizon.web.ui import charts, reader_view
from overhorizon.web.ui.render import render

router = APIRouter()
Reader = Annotated[SQLStore, Depends(reader)]
PAGE = 50


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: Reader) -> Response:
    rows = request.app.state.events.rows(store)
    attacks: Counter[str] = Counter()
    killed: Counter[str] = Counter()
    names: dict[str, str] = {}
    for row in rows:
        if row.perpetrator_id:
            attacks[row.perpetrator_id] += 1
            killed[row.perpetrator_id] += (row.killed.best or 0) if row.killed else 0
            names[row.perpetrator_id] = row.perpetrator or row.perpetrator_id
    groups = [
        {"id": g, "name": names[g], "attacks": n, "killed": killed[g]}
        for g, n in attacks.most_common(6)
    ]
    context = {
        "title": "Overview",
        "groups": groups,
        "deadliest": [event_out(r) for r in rows[:6]],
        "documents": store.documents(limit=6),
        "events_total": len(rows),
        "queue": len(review.queue(store)),
    }
    return render(request, store, "home.html", context)


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request, store: Reader, q: Annotated[str, Query(max_length=200)] = ""
) -> Response:
    found = search(ReviewedStore(store), q, limit=30) if q.strip() else None
    return render(
        request, store, "search.html", {"title": f"Search {q}".strip(), "q": q, "found": found}
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def profile_page(
    entity_id: str,
    request: Request,
    store: Reader,
    relations: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    view = ReviewedStore(store)
    found = profiles.build(view, entity_id, relations_offset=relations)
    involved = request.app.state.events.involving(store, found.entity.id)
    context = {
        "title": found.entity.caption,
        "p": found,
        "relations_offset": relations,
        "relations_page": profiles.RELATIONS_SHOWN,
        "lanes": charts.relation_lanes(found.relations),
        "events": [event_out(r) for r in involved[:20]],
        "events_total": len(involved),
        "event_row": next((event_out(r) for r in involved if r.id == found.entity.id), None),
        "judgements": judgement_out(store, store.judgements([found.entity.id])),
    }
    return render(request, store, "profile.html", context)


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    store: Reader,
    group: Annotated[str | None, Query(max_length=200)] = None,
    country: Annotated[str | None, Query(pattern=r"^([A-Za-z]{2})?$")] = None,
    type: Annotated[str | None, Query(max_length=64)] = None,
    since: Annotated[str | None, Query(pattern=DATE + "|^$")] = None,
    until: Annotated[str | None, Query(pattern=DATE + "|^$")] = None,
    min_killed: Annotated[str | None, Query(pattern=r"^\d{0,7}$")] = None,
    sort: Annotated[str, Query(pattern="^(killed|date|-date)$")] = "killed",
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    params = event_params(
        group, country or None, type, since or None, until or None,
        int(min_killed) if min_killed else None, sort,
    )  # fmt: skip
    chosen = selection(request, store, params)
    rows = chosen.rows
    months = chosen.timeline
    context: dict[str, Any] = {
        "title": "Events",
        "params": params,
        "query": params.query(),
        "rows": [event_out(r) for r in rows[offset : offset + PAGE]],
        "total": len(rows),
        "offset": offset,
        "page": PAGE,
        "facets": request.app.state.events.facets(store),
        "chart": charts.timeline_svg(months),
        "months": months,
        "points": chosen.points,
    }
    return render(request, store, "events.html", context)


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, store: Reader) -> Response:
    graph = network(ReviewedStore(store))
    return render(request, store, "network.html", {"title": "Network", "graph": graph})


@router.get("/documents", response_class=HTMLResponse)
def documents_page(
    request: Request, store: Reader, offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0
) -> Response:
    docs = store.documents(limit=PAGE, offset=offset)
    context = {"title": "Documents", "docs": docs, "offset": offset, "page": PAGE}
    return render(request, store, "documents.html", context)


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(document_id: str, request: Request, store: Reader) -> Response:
    doc = get_document(store, document_id)
    stmts = document_statements(store, doc.id)
    captions = {e.id: e.caption for e in store.entities(sorted({s.entity_id for s in stmts}))}
    canonical = store.canonical_ids(sorted({s.entity_id for s in stmts}))
    context = {
        "title": doc.title or doc.id,
        "doc": doc,
        "segments": reader_view.segments(doc.text, stmts),
        "statements": stmts,
        "captions": {i: captions.get(canonical.get(i, i), i) for i in canonical},
        "canonical": canonical,
    }
    return render(request, store, "document.html", context)


@router.get("/statements/{statement_id}", response_class=HTMLResponse)
def statement_page(statement_id: str, request: Request, store: Reader) -> Response:
    stmt = statement_out(store, statement_id)
    doc = store.get_document(stmt.document_id) if stmt.document_id else None
    sentence = None
    if doc is not None and stmt.span is not None:
        sentence = " ".join(doc.text[stmt.span[0] : stmt.span[1]].split())
    entity = ReviewedStore(store).entity(stmt.entity_id)
    context = {
        "title": f"{stmt.prop} of {entity.caption if entity else stmt.entity_id}",
        "s": stmt,
        "doc": doc,
        "sentence": sentence,
        "entity": entity,
        "back": request.query_params.get("next", ""),
    }
    return render(request, store, "statement.html", context)


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, store: Reader) -> Response:
    pending = judgement_out(store, review.queue(store)[:100])
    history = store.judgements()
    history.sort(key=lambda j: (j.reverted_at or j.created_at, j.id), reverse=True)
    context = {
        "title": "Review",
        "pending": pending,
        "history": judgement_out(
            store, [j for j in history if j.author.startswith("analyst:")][:50]
        ),
    }
    return render(request, store, "review.html", context)


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, store: Reader) -> Response:
    entries = [e.as_dict() for e in audit_entries(store, limit=200)]
    return render(request, store, "audit.html", {"title": "Audit log", "entries": entries})


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: Annotated[str, Query(max_length=2000)] = "/") -> Response:
    return render(request, None, "login.html", {"title": "Log in", "next": next})
