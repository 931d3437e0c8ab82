"""Names reduced to comparable tokens: romanised, particles and titles dropped, compounds
joined, and each token given a consonant skeleton and a weight.

The order of the steps matters and follows how Arabic-derived names are built: "Abd" and
"Abu" take the next word with them (Abd al-Rahman is one name), "al-Din" and "Allah" join the
word before (Salah al-Din, Habib Allah), articles go, and a word after "bin" is the father's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from overhorizon.resolution import vocab
from overhorizon.resolution.translit import is_arabic_script, romanise

PERSON = "person"
GROUP = "group"
KINDS = (PERSON, GROUP)

_APOSTROPHES = re.compile(r"[’‘'`ʿʾ´ʻ]")
_PIECE = re.compile(r"[a-z0-9]+|-")
_DIN = frozenset(
    ("din", "deen", "dine", "eddine", "uddin", "uddine", "addin", "aldin", "eddin", "oddin", "udin")
)
_ALLAH = frozenset(("allah", "ullah", "ulla", "alla", "ollah", "olah", "llah"))
_ALLAH_END = re.compile(
    r"^(?P<stem>[a-z]{3,}?)(?:ullah|ulla|ulah|ollah|olah|allah|alla|illah|llah)$"
)
_DIN_END = re.compile(r"^(?P<stem>[a-z]{3,}?)(?:[aeiou]{0,2}[lrd]?)d{1,2}(?:i|ee)ne?$")
_ABD_START = re.compile(r"^abd(?:ul|el|al|ol|ur|us|un|ar|as|u|e|oul|oel)?(?P<rest>[a-z]{3,})$")
_DIGRAPHS = (
    ("kh", "x"),
    ("gh", "k"),
    ("sh", "S"),
    ("ch", "C"),
    ("zh", "Z"),
    ("th", "s"),
    ("dh", "z"),
    ("ph", "f"),
    ("dj", "j"),
    ("ck", "k"),
)
_CLASSES = str.maketrans({"q": "k", "c": "k", "g": "k", "w": "v"})
_VOWELS = re.compile(r"[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")
_SYLLABIC = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u1100-\u11ff]")


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """The consonants of a token by sound class: Qasem, Qasim, Ghasem and qsm all give "ksm".

    Vowels go (Arabic script does not write the short ones), letters that romanisations
    swap for each other share a class (q/k/gh, w/v, th/s, dh/z), doubled letters count once,
    and a final h (unwritten in many spellings of Allah, Shah) is dropped.
    """
    if token.startswith(("abd", "abu")) and len(token) > 4:
        return ("bd" if token[2] == "d" else "b") + skeleton(token[3:])
    text = token
    for digraph, code in _DIGRAPHS:
        text = text.replace(digraph, code)
    text = text.translate(_CLASSES)
    text = text[:1] + _VOWELS.sub("", text[1:]) if text.startswith("y") else _VOWELS.sub("", text)
    text = _REPEATS.sub(r"\1", text)
    return text[:-1] if len(text) > 1 and text.endswith("h") else text


_FOLDS = (
    ("ay", "ai"),
    ("ey", "ai"),
    ("ei", "ai"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ie", "i"),
)


@lru_cache(maxsize=200_000)
def fold(token: str) -> str:
    """Spelling habits undone: Hussein and Husayn both give "husain", Qassem gives "qasem"."""
    text = _REPEATS.sub(r"\1", token)
    for pair, single in _FOLDS:
        text = text.replace(pair, single)
    return text


def final_vowel(token: str) -> str:
    """The class of a token's last letter: gendered forms differ here (Valentin, Valentina)."""
    last = token[-1:]
    for vowels in ("a", "e", "iy", "ou"):
        if last and last in vowels:
            return vowels
    return ""


@lru_cache(maxsize=200_000)
def vowel_shape(token: str) -> str:
    """Where vowels fall between the consonants: Mahmud (mVhmVd) is not Muhammad (mVhVmVd)."""
    text = token
    for digraph, code in _DIGRAPHS:
        text = text.replace(digraph, code)
    text = _REPEATS.sub(r"\1", _VOWELS.sub("V", text.translate(_CLASSES)))
    return text.strip("V")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    """The token in its canonical Latin form (habibullah, abdrahman, nasiruddin)."""
    skeleton: str
    weight: float
    """How much the token identifies: 1 for a rare word, less for Muhammad or "front"."""
    position: int
    patronym: bool = False
    """The token follows bin/ibn/ould: it names the father."""
    abjad: bool = False
    """Romanised from Arabic script, so its short vowels are unknown."""
    syllabic: bool = False
    """Romanised from Chinese, Japanese or Korean: each syllable matters, vowels included."""
    forms: tuple[str, ...] = ()
    """The token and its alternatives (without a joined al-), for spelling comparison."""
    source: str = ""
    """The words of the original name this token stands for."""


@dataclass(frozen=True, slots=True)
class PreparedName:
    """A name ready to compare, with what was done to it (for explanations)."""

    original: str
    kind: str
    tokens: tuple[Token, ...]
    letters: str
    """Canonical tokens joined in order, to compare spellings across word breaks."""
    notes: tuple[str, ...] = ()
    raw_words: tuple[str, ...] = field(default=())
    """Romanised words before any rule, for acronyms."""
    acronym: str | None = None
    """The name's letters when the name itself is an acronym (ISKP, IS-KP, ISIS-K, LeT)."""

    @property
    def weight(self) -> float:
        return sum(t.weight for t in self.tokens)


def _common_skeletons() -> frozenset[str]:
    return frozenset(skeleton(_canonical(w)) for w in vocab.COMMON_GIVEN)


def _canonical(token: str) -> str:
    """One spelling for the compounds every romanisation writes differently."""
    match = _ABD_START.match(token)
    if match and token not in vocab.ABD_FORMS:
        token = "abd" + match["rest"]
    if len(token) >= 6:
        allah = _ALLAH_END.match(token)
        if allah:
            return allah["stem"] + "ullah"
        din = _DIN_END.match(token)
        if din:
            return din["stem"] + "uddin"
    return token


_COMMON = _common_skeletons()


def _pieces(text: str) -> list[tuple[str, bool]]:
    """Words with whether a hyphen ties each to the next one."""
    found = _PIECE.findall(text)
    words: list[tuple[str, bool]] = []
    for i, piece in enumerate(found):
        if piece == "-":
            continue
        tied = i + 1 < len(found) and found[i + 1] == "-"
        words.append((piece, tied))
    return words


def _reorder(name: str) -> tuple[str, str | None]:
    """ "SALEK, ABDULHAI" -> "ABDULHAI SALEK": lists write a person's family name first."""
    if name.count(",") == 1:
        family, given = (part.strip() for part in name.split(","))
        if re.search(r"\w", family) and re.search(r"\w", given):
            return f"{given} {family}", "read 'family, given' as 'given family'"
    return name, None


def prepare(name: str, kind: str = PERSON) -> PreparedName:
    """Reduce ``name`` (a person's or a group's) to tokens; see the module docstring."""
    return _prepare(name, kind)


@lru_cache(maxsize=100_000)
def _prepare(name: str, kind: str) -> PreparedName:
    notes: list[str] = []
    text = name
    if kind == PERSON:
        text, note = _reorder(text)
        if note:
            notes.append(note)
    abjad = is_arabic_script(text)
    syllabic = bool(_SYLLABIC.search(text))
    if abjad:
        notes.append("romanised from Arabic script (short vowels unwritten)")
    elif re.search(r"[\u0400-\u04ff]", text):
        notes.append("romanised from Cyrillic")
    latin = _APOSTROPHES.sub("", romanise(text).lower())
    pieces = _pieces(latin)
    raw_words = tuple(w for w, _ in pieces)
    acronym = _acronym(name, raw_words)
    if kind == GROUP:
        words = _group_words(pieces, notes)
    elif syllabic:
        # Chinese, Japanese and Korean names romanise to syllables such as "bin" or "abu"
        # that only look like Arabic particles: no particle rule applies to them.
        words = [(w, False, w) for w, _ in pieces]
    else:
        words = _person_words(pieces, notes)
    tokens = tuple(
        make_token(text_, i, patronym, abjad, kind, source, syllabic)
        for i, (text_, patronym, source) in enumerate(words)
    )
    return PreparedName(
        original=name,
        kind=kind,
        tokens=tokens,
        letters="".join(t.text for t in tokens),
        notes=tuple(notes),
        raw_words=raw_words,
        acronym=acronym,
    )


def _acronym(original: str, words: tuple[str, ...]) -> str | None:
    letters = "".join(words)
    if not 2 <= len(letters) <= 7 or len(words) > 3 or any(len(w) > 5 for w in words):
        return None
    capitals = sum(1 for c in original if c.isupper())
    if capitals >= 2 or not _VOWELS.search(letters):
        return letters
    return None


def _person_words(pieces: list[tuple[str, bool]], notes: list[str]) -> list[tuple[str, bool, str]]:
    words = [(w, tied) for w, tied in pieces]
    kept = [(w, tied) for w, tied in words if w not in vocab.TITLES]
    if kept and len(kept) < len(words):
        notes.append("dropped titles: " + ", ".join(w for w, _ in words if w in vocab.TITLES))
        words = kept
    out: list[tuple[str, bool, str]] = []
    patronym = False
    i = 0
    last = len(words) - 1
    while i < len(words):
        word, tied = words[i]
        inner = 0 < i < last
        if i < last and (
            (tied and word in vocab.ATTACHED_PARTICLES)
            or (inner and len(word) > 1 and word in vocab.PARTICLES)
        ):
            i += 1
            continue
        if word in vocab.PATRONYMIC and 0 < i < last:
            patronym = True
            i += 1
            continue
        if (word in vocab.KUNYA or word in vocab.ABD_FORMS) and i < last:
            nxt = i + 1
            while nxt < last and words[nxt][0] in vocab.ATTACHED_PARTICLES:
                nxt += 1
            head = "abu" if word in vocab.KUNYA else "abd"
            out.append((_canonical(head + words[nxt][0]), patronym, f"{word} {words[nxt][0]}"))
            patronym = False
            i = nxt + 1
            continue
        if out and (word in _DIN or word in _ALLAH):
            stem, was_patronym, source = out.pop()
            suffix = "uddin" if word in _DIN else "ullah"
            out.append((_canonical(stem + suffix), was_patronym, f"{source} {word}"))
            i += 1
            continue
        out.append((_canonical(word), patronym, word))
        patronym = False
        i += 1
    return out


def _group_words(pieces: list[tuple[str, bool]], notes: list[str]) -> list[tuple[str, bool, str]]:
    out: list[tuple[str, bool, str]] = []
    for word, _tied in pieces:
        if word in vocab.STOPWORDS or word in vocab.PARTICLES:
            continue
        stripped = word[2:] if word.startswith("al") and len(word) > 5 else word
        if stripped in vocab.GROUP_EXPANSIONS:
            expanded = vocab.GROUP_EXPANSIONS[stripped]
            notes.append(f"{word} stands for {' '.join(expanded)}")
            out.extend((w, False, word) for w in expanded)
            continue
        canonical = vocab.GROUP_SYNONYMS.get(word) or vocab.GROUP_SYNONYMS.get(stripped) or word
        out.append((canonical, False, word))
    texts = [w for w, _, _ in out]
    for i in range(len(texts) - 3):
        if texts[i : i + 3] == ["islamic", "state", "iraq"] and texts[i + 3] in ("levant", "syria"):
            notes.append("Islamic State of Iraq and the Levant/Syria: the Islamic State")
            del out[i + 2 : i + 4]
            break
    texts = [w for w, _, _ in out]
    if texts and texts[0] in vocab.PROVINCE_WORDS and "islamic" not in texts:
        notes.append("'wilayat <region>' is the Islamic State's name for a province")
        out = [("islamic", False, ""), ("state", False, ""), *out[1:], out[0]]
    return out


def make_token(
    text: str, position: int, patronym: bool, abjad: bool, kind: str, source: str, syllabic: bool
) -> Token:
    skel = skeleton(text)
    if kind == GROUP:
        weight = 0.35 if text in vocab.GROUP_GENERIC else 1.0
    else:
        common = (len(skel) >= 3 and skel in _COMMON) or text in vocab.COMMON_GIVEN
        common = common or len(text) <= 2
        weight = 0.5 if common else 1.0
    forms = [text]
    if len(text) > 5 and text[:2] in ("al", "el") and text[2] not in "aeiou":
        forms.append(text[2:])
    return Token(
        text=text,
        skeleton=skel,
        weight=weight,
        position=position,
        patronym=patronym,
        abjad=abjad,
        syllabic=syllabic,
        forms=tuple(forms),
        source=source,
    )
