"""Rendering pages: the Jinja2 environment, and what every page template is given."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from overhorizon.model.model import load_model
from overhorizon.store import SQLStore
from overhorizon.web.auth import whoami

QUANTITY = re.compile(r"(\d*)\.\.(\d*)")
TEMPLATES = Jinja2Templates(directory=str(resources.files("overhorizon.web") / "templates"))

NOTICES = {
    "corrected": "Correction saved as your statement; the extracted value is retracted.",
    "rejected": "Statement retracted. Undo it from the profile or the document.",
    "undone": "Undone: the statement counts again.",
    "marked": "Marking applied to the selected statements.",
    "accepted": "Accepted: the two are now one entity.",
    "distinguished": "Rejected: the two stay apart.",
    "merged": "Merged.",
    "split": "Split: the entity stands on its own again.",
    "judgement-undone": "Judgement undone.",
}


def schema_label(name: str) -> str:
    model = load_model()
    return model[name].label if name in model else name


def prop_label(schema: str, prop: str) -> str:
    model = load_model()
    if schema in model and prop in model[schema].properties:
        return model[schema].properties[prop].label
    return prop


def show_value(value: str) -> str:
    """A value as a person reads it: quantities ``60..`` as 60+, ``5..9`` as 5–9."""
    match = QUANTITY.fullmatch(value)
    if not match:
        return value
    low, high = match.groups()
    if low and high:
        return low if low == high else f"{low}–{high}"
    return f"{low}+" if low else f"≤{high}"


def tlp_class(level: str) -> str:
    return "tlp-" + level.replace("+", "-")


def snippet(text: str) -> Markup:
    """A search snippet with its ``[hit]`` markers as highlights, everything else escaped."""
    safe = str(escape(text))
    return Markup(safe.replace("[", "<mark>").replace("]", "</mark>"))


def query_string(values: dict[str, Any], **changes: Any) -> str:
    merged = {**values, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


TEMPLATES.env.filters["schema_label"] = schema_label
TEMPLATES.env.filters["tlp_class"] = tlp_class
TEMPLATES.env.filters["snippet"] = snippet
TEMPLATES.env.filters["show_value"] = show_value
TEMPLATES.env.globals["prop_label"] = prop_label
TEMPLATES.env.globals["query_string"] = query_string


def render(
    request: Request,
    store: SQLStore | None,
    name: str,
    context: dict[str, Any],
    status: int = 200,
) -> HTMLResponse:
    """A page, with who is reading (for the header) and the notice after an action."""
    notice = NOTICES.get(request.query_params.get("notice", ""))
    base = {
        "me": whoami(store) if store is not None else None,
        "notice": notice,
        "path": request.url.path,
    }
    return TEMPLATES.TemplateResponse(request, name, {**base, **context}, status_code=status)
