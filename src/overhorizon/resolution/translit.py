"""Latin spellings of names written in Arabic script (Arabic, Persian/Dari, Pashto, Urdu) or
Cyrillic, for comparison with the romanised forms reports and lists use.

Arabic script leaves most short vowels unwritten, so a transliteration can only give the
consonants and the long vowels; the matcher makes up for it by comparing consonant skeletons
(see ``normalize.skeleton``). The letters are mapped one by one here, rather than through
anyascii alone, so that the long vowels (ا و ی) come out as vowels and the letters that
Persian, Pashto and Urdu add are read the way those languages say them. Every other script
goes through anyascii.
"""

from __future__ import annotations

import unicodedata

from anyascii import anyascii

_ARABIC_LETTERS: dict[str, str] = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ئ": "i", "ؤ": "u",
    "ب": "b", "پ": "p", "ت": "t", "ٹ": "t", "ث": "s", "ج": "j", "چ": "ch", "ح": "h",
    "خ": "kh", "د": "d", "ڈ": "d", "ذ": "z", "ر": "r", "ڑ": "r", "ز": "z", "ژ": "zh",
    "س": "s", "ش": "sh", "ص": "s", "ض": "z", "ط": "t", "ظ": "z", "ع": "", "غ": "gh",
    "ف": "f", "ق": "q", "ک": "k", "ك": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n",
    "ں": "n", "و": "u", "ه": "h", "ہ": "h", "ھ": "h", "ة": "a", "ی": "i", "ي": "i",
    "ى": "a", "ې": "e", "ۍ": "ai", "ے": "e", "ټ": "t", "ډ": "d", "ړ": "r", "ږ": "zh",
    "ښ": "kh", "ګ": "g", "ڼ": "n", "څ": "ts", "ځ": "dz", "ۀ": "a",
}  # fmt: skip
"""One Latin spelling per letter; ء and ع (glottal sounds) are left out, as most
romanisations drop them."""

_VOWEL_LETTERS = frozenset("اآأإویيى")
_CONSONANT_AT_START = {"و": "w", "ی": "y", "ي": "y"}
"""و and ی are consonants (w, y) at the start of a word and vowels (u, i) elsewhere."""


def is_arabic_script(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" for c in text)


def _arabic_word(word: str) -> str:
    if word.startswith("عبد") and len(word) > 3:
        return "abd" + _arabic_word(word[3:])
    out: list[str] = []
    letters = [c for c in word if unicodedata.category(c) != "Mn"]
    for i, char in enumerate(letters):
        nxt = letters[i + 1] if i + 1 < len(letters) else ""
        if i == 0 and char in _CONSONANT_AT_START:
            out.append(_CONSONANT_AT_START[char])
        elif char in "وی" and nxt in _VOWEL_LETTERS and i + 1 < len(letters) - 1:
            out.append("w" if char == "و" else "y")
        elif char in "هہ" and i == len(letters) - 1 and i > 0 and letters[i - 1] not in "ال":
            out.append("a")
        else:
            out.append(_ARABIC_LETTERS.get(char, anyascii(char)))
    return "".join(out)


def romanise(text: str) -> str:
    """``text`` in Latin letters: Arabic-script words letter by letter, the rest by anyascii."""
    if not is_arabic_script(text):
        return anyascii(text)
    words = []
    for word in text.split():
        words.append(_arabic_word(word) if is_arabic_script(word) else anyascii(word))
    return " ".join(words)
