"""The word lists behind name matching: what a word means for identity, not how it is spelled.

Kept as data in one place so that adding a title, a particle or a group's acronym is a one-line
change; the rules that use them live in ``normalize`` and ``acronyms``.
"""

from __future__ import annotations

TITLES: frozenset[str] = frozenset(
    """haji hajji alhaji alhajj hajj mullah mulla mullo maulvi mawlawi maulavi moulvi molvi
    mawlavi maulana mawlana molana qari sheikh shaykh sheik shaikh shaich mufti ustad ustadh
    ustaz dr doctor mr mrs ms commander cmdr general gen colonel col major maj captain capt
    hazrat janab eng engineer imam emir prof professor""".split()
)
"""Honorifics and ranks: they say what a person is, not who; dropped before comparing."""

PARTICLES: frozenset[str] = frozenset(
    """al el ul ud ad ar as ash at az ath wa wal i e y de da di du dos das del della van von
    der den la le""".split()
)
"""Articles and joiners (al-, el-, ul-, the Persian -i-/-e-, European de/van ...), dropped
when they stand between other words."""

ATTACHED_PARTICLES: frozenset[str] = PARTICLES | frozenset(
    "ol il ed er ur es us esh ush et ut ez uz an en un".split()
)
"""Further articles, dropped only when a hyphen ties them to the next word (Abd ur-Rahman):
standing alone they are often names (the Korean Un, Il and An)."""

PATRONYMIC: frozenset[str] = frozenset("bin ibn ben bint binti ould wuld walad wald s/o".split())
"""Words that introduce a father's name: the next word names the father, not the person."""

KUNYA: frozenset[str] = frozenset("abu abou abo aboo bu abi".split())
""""Father of": joined to the next word, as "Abu Bakr" is one name, not "Abu" and "Bakr"."""

ABD_FORMS: frozenset[str] = frozenset(
    "abd abdul abdel abdal abdol abdu abdur abdus abdun abdar abdas abdoul abdoel".split()
)
"""Forms of "servant of", always part of a compound name (Abd al-Rahman = Abdul Rahman)."""

COMMON_GIVEN: frozenset[str] = frozenset(
    """muhammad mohammad mohammed muhammed mohamed mohamad mohd md ahmad ahmed ali hassan hasan
    hussein husain hussain husayn abdullah khan mohmad mahmood mahmud omar umar abu sayed
    sayyid sayyed syed said saeed mir gul shah jan din khalid yusuf yousef ibrahim ismail
    abdul rahman rehman karim kareem aziz rahim mustafa mostafa musa mousa hamid hamed nur noor
    john james michael david robert william richard joseph thomas charles mary maria anna
    jose juan carlos luis jean pierre smith johnson williams brown jones garcia lee kim wang
    li zhang chen nguyen singh kumar""".split()
)
"""Tokens so frequent that sharing them says little; they weigh half in a comparison."""

GROUP_GENERIC: frozenset[str] = frozenset(
    """islamic state group network front movement organisation organization party army
    brigade brigades battalion battalions jihad mujahidin people peoples union council
    committee association society foundation national liberation popular revolutionary
    forces force resistance fighters martyrs province branch wing""".split()
)
"""Words most group names share; a name is told apart by its other words."""

STOPWORDS: frozenset[str] = frozenset("of the in and for on at to".split())
"""Function words of English names; dropped from group names, skipped in acronyms."""

GROUP_SYNONYMS: dict[str, str] = {
    **dict.fromkeys("wilayat wilayah wilaya vilayat velayat walayat wlayt wlait wlaia".split(),
                    "province"),
    **dict.fromkeys("khurasan khorasan khorassan khurasaan khorason khurosan khrasan".split(),
                    "khorasan"),
    **dict.fromkeys("qaida qaeda qaedah qaidah alqaida alqaeda qaide qaaida".split(), "qaida"),
    **dict.fromkeys("taleban taliban talibaan talban".split(), "taliban"),
    **dict.fromkeys("tehrik tehreek tahrik tahreek tehrike tahreek thrik".split(), "tehrik"),
    **dict.fromkeys("jamaat jamat jamaah jemaah jamaa jama jamaatul jamaatud".split(), "jamaat"),
    **dict.fromkeys("taiba tayyiba toiba tayyaba tayba tayyibah".split(), "taiba"),
    **dict.fromkeys("jaish jaysh jaishe jaishul".split(), "jaish"),
    **dict.fromkeys("mujahideen mujahidin mujahedin mujahedeen mujahidun".split(), "mujahidin"),
    **dict.fromkeys("harakat harkat harakah harakatul harkatul".split(), "harakat"),
    **dict.fromkeys("ansar ansaru ansarul ansarullah".split(), "ansar"),
    **dict.fromkeys("dawla dawlat daula daulah dawlah dula".split(), "state"),
    **dict.fromkeys("islamiya islamiyah islamiyya islamiyyah islamia islamiyeh".split(),
                    "islamic"),
    **dict.fromkeys("organisation organization tanzim tanzeem".split(), "organisation"),
    **dict.fromkeys("lashkar lashkare laskar lashkari".split(), "lashkar"),
    **dict.fromkeys("levant sham shaam".split(), "levant"),
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
