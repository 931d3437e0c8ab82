"""Names as reference lists write them, turned into the separate names an analyst searches for.

Lists pack several names into one field ("Abdul Rehman; Abd Ur-Rehman"), put an acronym or
an original-script form in brackets ("HAQQANI NETWORK (HQN)", "حسن غول (Hassan Ghul)") and
annotate names ("(original script)"). Each helper here undoes one of those habits, and only
when the text clearly follows it: a wrong split would create a false alias, which is worse
than a missing one.
"""

from __future__ import annotations

import re

from anyascii import anyascii

from overhorizon.errors import InvalidValueError
from overhorizon.model.types import clean, name_key, squash

_QUOTES = "\"'“”‘’«»"
_ANNOTATION = re.compile(
    r"^(?:name in )?original script$|^(?:previously|formerly) listed as$|^nom de guerre$",
    re.IGNORECASE,
)
_LOOSE_STOP = frozenset({"the", "of", "in", "and", "for", "a"})
_WORD = re.compile(r"[a-z0-9]+")


def tidy(text: str) -> str:
    """One name with layout removed: white space collapsed, stray quotes and commas stripped."""
    text = squash(text).strip(" ,;")
    if len(text) > 1 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return text


def is_latin(text: str) -> bool:
    """True when every letter in ``text`` is a Latin letter (accented ones included)."""
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 for c in text if c.isalpha())


def is_acronym_of(short: str, long: str) -> bool:
    """True when ``short`` abbreviates ``long``: same first letter, its letters in order.

    "HQN" abbreviates "HAQQANI NETWORK" and "ISIL-K" the Khorasan province's UN name, while
    "PAKISTAN" does not abbreviate "AL-HARAMAIN FOUNDATION"; country names never count, so
    "(KENYA)" after a branch name stays part of that name.
    """
    letters = _letters(short)
    whole = _letters(long)
    if not letters or not whole or letters[0] != whole[0] or len(letters) * 2 > len(whole):
        return False
    if not any(c.isupper() for c in short) or _is_country(short):
        return False
    rest = iter(whole)
    return all(c in rest for c in letters)


def split_packed(text: str) -> list[str]:
    """The names packed into one field, each then expanded by :func:`variants`.

    "A; B; C" gives three names; "حسن غول (Hassan Ghul; Hassan Gul)" gives the original-script
    name and each transliteration in the brackets.
    """
    text = tidy(text)
    names: list[str] = []
    for group_start, group_end in _groups(text):
        inner = text[group_start + 1 : group_end]
        if ";" in _top_level(inner):
            parts = [text[:group_start], *_split_top(inner), text[group_end + 1 :]]
            break
    else:
        parts = _split_top(text)
    for part in parts:
        names.extend(variants(part))
    return _unique(names)


def variants(text: str) -> list[str]:
    """The names one written name stands for: itself, or its parts when it combines several.

    "HAQQANI NETWORK (HQN)" -> "HAQQANI NETWORK", "HQN"; "ALIAS (original script)" -> "ALIAS";
    "AL-ITIHAAD AL-ISLAMIYA / AIAI" -> both sides; a name followed by the same name in another
    script -> both. Anything else comes back whole.
    """
    text = tidy(text)
    if not text:
        return []
    groups = _groups(text)
    if groups and groups[-1][1] >= len(text) - 1:
        start, end = groups[-1]
        head, inner = tidy(text[:start]), tidy(text[start + 1 : end])
        if not head:
            return variants(inner)
        if not inner or _ANNOTATION.match(inner):
            return variants(head)
        if is_latin(head) != is_latin(inner):
            return _unique([*variants(head), *variants(inner)])
        parts = [tidy(p) for p in inner.split(",")]
        if all(is_acronym_of(p, head) for p in parts):
            return _unique([*variants(head), *parts])
        return [text]
    if " / " in text:
        left, _, right = text.partition(" / ")
        if is_acronym_of(right, left):
            return [tidy(left), tidy(right)]
    mixed = re.match(
        r"^(?P<latin>[^()]*?[A-Za-z][^()]*?)\s+(?P<other>[^\sA-Za-z][^A-Za-z]*)$", text
    )
    if mixed and is_latin(mixed["latin"]) and not is_latin(mixed["other"]):
        return [tidy(mixed["latin"]), tidy(mixed["other"])]
    return [text]


def loose_key(name: str) -> str:
    """A key that ignores small words: "State of Iraq" and "State in Iraq" share it."""
    words = _WORD.findall(anyascii(name).lower())
    return "".join(w for w in words if w not in _LOOSE_STOP)


def keys(names: list[str]) -> set[str]:
    """Loose keys of names, for telling whether a mention in prose names one of them."""
    found = {loose_key(n) for n in names} | {name_key(n) for n in names}
    found.discard("")
    return found


def _letters(text: str) -> str:
    return "".join(c for c in anyascii(text).lower() if c.isalnum())


def _is_country(text: str) -> bool:
    try:
        clean("country", text)
    except InvalidValueError:
        return False
    return True


def _groups(text: str) -> list[tuple[int, int]]:
    """Top-level bracket groups as (index of "(", index of its ")" or the text's end)."""
    found: list[tuple[int, int]] = []
    depth, start = 0, 0
    for i, char in enumerate(text):
        if char == "(":
            if depth == 0:
                start = i
            depth += 1
        elif char == ")" and depth > 0:
            depth -= 1
            if depth == 0:
                found.append((start, i))
    if depth > 0:
        found.append((start, len(text)))
    return found


def _top_level(text: str) -> str:
    """``text`` with bracketed parts blanked out, so separators inside them are not seen."""
    out = list(text)
    for start, end in _groups(text):
        out[start : end + 1] = " " * (min(end, len(text) - 1) - start + 1)
    return "".join(out)


def _split_top(text: str) -> list[str]:
    mask = _top_level(text)
    parts, last = [], 0
    for i, char in enumerate(mask):
        if char == ";":
            parts.append(text[last:i])
            last = i + 1
    parts.append(text[last:])
    return parts


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(n for n in names if n))
