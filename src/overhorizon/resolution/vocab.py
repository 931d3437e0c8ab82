"""The word lists behind name matching: what a word means for identity, not how it is spelled.

Kept as data in one place so that adding a title, a particle or a group's acronym is a one-line
change; the rules that use them live in ``normalize`` and ``acronyms``.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


TITLES: frozenset[str] = frozenset(
    _words("""haji hajji alhaji alhajj hajj mullah mulla mullo maulvi mawlawi maulavi moulvi molvi
    mawlavi maulana mawlana molana qari sheikh shaykh sheik shaikh shaich mufti ustad ustadh
    ustaz dr doctor mr mrs ms commander cmdr general gen colonel col major maj captain capt
    hazrat janab eng engineer imam emir prof professor""")
)
"""Honorifics and ranks: they say what a person is, not who; dropped before comparing."""

PARTICLES: frozenset[str] = frozenset(
    _words("""al el ul ud ad ar as ash at az ath wa wal i e y de da di du dos das del della van von
    der den la le""")
)
"""Articles and joiners (al-, el-, ul-, the Persian -i-/-e-, European de/van ...), dropped
when they stand between other words."""

ATTACHED_PARTICLES: frozenset[str] = PARTICLES | frozenset(
    _words("ol il ed er ur es us esh ush et ut ez uz an en un")
)
"""Further articles, dropped only when a hyphen ties them to the next word (Abd ur-Rahman):
standing alone they are often names (the Korean Un, Il and An)."""

PATRONYMIC: frozenset[str] = frozenset(_words("bin ibn ben bint binti ould wuld walad wald s/o"))
"""Words that introduce a father's name: the next word names the father, not the person."""

KUNYA: frozenset[str] = frozenset(_words("abu abou abo aboo bu abi"))
""""Father of": joined to the next word, as "Abu Bakr" is one name, not "Abu" and "Bakr"."""

ABD_FORMS: frozenset[str] = frozenset(
    _words("abd abdul abdel abdal abdol abdu abdur abdus abdun abdar abdas abdoul abdoel")
)
"""Forms of "servant of", always part of a compound name (Abd al-Rahman = Abdul Rahman)."""

COMMON_GIVEN: frozenset[str] = frozenset(
    _words("""muhammad mohammad mohammed muhammed mohamed mohamad mohd md ahmad ahmed ali
    hassan hasan hussein husain hussain husayn abdullah khan mohmad mahmood mahmud omar umar
    abu sayed sayyid sayyed syed said saeed mir gul shah jan din khalid yusuf yousef ibrahim ismail
    abdul rahman rehman karim kareem aziz rahim mustafa mostafa musa mousa hamid hamed nur noor
    john james michael david robert william richard joseph thomas charles mary maria anna
    jose juan carlos luis jean pierre smith johnson williams brown jones garcia lee kim wang
    li zhang chen nguyen singh kumar""")
)
"""Tokens so frequent that sharing them says little; they weigh half in a comparison."""

GROUP_GENERIC: frozenset[str] = frozenset(
    _words("""islamic state group network front movement organisation organization party army
    brigade brigades battalion battalions jihad mujahidin people peoples union council
    committee association society foundation national liberation popular revolutionary
    forces force resistance fighters martyrs province branch wing""")
)
"""Words most group names share; a name is told apart by its other words."""

STOPWORDS: frozenset[str] = frozenset(_words("of the in and for on at to"))
"""Function words of English names; dropped from group names, skipped in acronyms."""

GROUP_SYNONYMS: dict[str, str] = {
    **dict.fromkeys(_words("wilayat wilayah wilaya vilayat velayat walayat wlayt wlait wlaia"),
                    "province"),
    **dict.fromkeys(_words("khurasan khorasan khorassan khurasaan khorason khurosan khrasan"),
                    "khorasan"),
    **dict.fromkeys(_words("qaida qaeda qaedah qaidah alqaida alqaeda qaide qaaida"), "qaida"),
    **dict.fromkeys(_words("taleban taliban talibaan talban"), "taliban"),
    **dict.fromkeys(_words("tehrik tehreek tahrik tahreek tehrike tahreek thrik"), "tehrik"),
    **dict.fromkeys(_words("jamaat jamat jamaah jemaah jamaa jama jamaatul jamaatud"), "jamaat"),
    **dict.fromkeys(_words("taiba tayyiba toiba tayyaba tayba tayyibah"), "taiba"),
    **dict.fromkeys(_words("jaish jaysh jaishe jaishul"), "jaish"),
    **dict.fromkeys(_words("mujahideen mujahidin mujahedin mujahedeen mujahidun"), "mujahidin"),
    **dict.fromkeys(_words("harakat harkat harakah harakatul harkatul"), "harakat"),
    **dict.fromkeys(_words("ansar ansaru ansarul ansarullah"), "ansar"),
    **dict.fromkeys(_words("dawla dawlat daula daulah dawlah dula"), "state"),
    **dict.fromkeys(_words("islamiya islamiyah islamiyya islamiyyah islamia islamiyeh"),
                    "islamic"),
    **dict.fromkeys(_words("organisation organization tanzim tanzeem"), "organisation"),
    **dict.fromkeys(_words("lashkar lashkare laskar lashkari"), "lashkar"),
    **dict.fromkeys(_words("levant sham shaam"), "levant"),
    "networks": "network",
    "haqqanis": "haqqani",
}  # fmt: skip
"""Spellings and translations of the words group names are made of, to one form each."""

GROUP_EXPANSIONS: dict[str, tuple[str, ...]] = {
    "isis": ("islamic", "state"),
    "isil": ("islamic", "state"),
    "is": ("islamic", "state"),
    "daesh": ("islamic", "state"),
    "daish": ("islamic", "state"),
    "daeesh": ("islamic", "state"),
    "dsh": ("islamic", "state"),
}
"""Names of the Islamic State that stand for the whole phrase, so that ISIS-K, ISIL-K and
Daesh Khorasan all read as "Islamic State Khorasan"."""

PROVINCE_WORDS: frozenset[str] = frozenset({"province"})
"""A name built on "Wilayat <region>" is the Islamic State's own name for one of its
provinces; such names gain "islamic state" before comparison."""

GENERIC_INITIALS: frozenset[str] = frozenset("pnfmgoba")
"""Initials of generic trailing words (province, network, front, movement, group,
organisation, brigade, army) that an acronym may add or leave out: ISKP vs ISIS-K."""
