"""Name splitting and comment reading for reference lists, on forms taken from the UN list."""

from __future__ import annotations

import pytest

from overhorizon.reference.names import is_acronym_of, split_packed, variants
from overhorizon.reference.un_relations import affiliations


@pytest.mark.parametrize(
    ("written", "names"),
    [
        (
            "Abdul Rehman; Abd Ur-Rehman; Abdur Rahman",
            ["Abdul Rehman", "Abd Ur-Rehman", "Abdur Rahman"],
        ),
        (
            "حسن غول (Hassan Ghul; Hassan Gul; Hasan Gul)",
            ["حسن غول", "Hassan Ghul", "Hassan Gul", "Hasan Gul"],
        ),
        (
            "Qasim Soleimani; Qasem Sulaimani;\n        Qasim Sulaymani",
            ["Qasim Soleimani", "Qasem Sulaimani", "Qasim Sulaymani"],
        ),
        (
            "ISLAMIC STATE IN IRAQ AND THE LEVANT - KHORASAN (ISIL-K)",
            ["ISLAMIC STATE IN IRAQ AND THE LEVANT - KHORASAN", "ISIL-K"],
        ),
        ("HAQQANI NETWORK (HQN)", ["HAQQANI NETWORK", "HQN"]),
        ("AL-ITIHAAD AL-ISLAMIYA / AIAI", ["AL-ITIHAAD AL-ISLAMIYA", "AIAI"]),
        ("Ezatullah Haqqani (previously listed as)", ["Ezatullah Haqqani"]),
        ('"The Base"', ["The Base"]),
        (
            "أنصار الشريعة بليبيا (Ansar al Charia in Libya (ASL))",
            ["أنصار الشريعة بليبيا", "Ansar al Charia in Libya", "ASL"],
        ),
    ],
)
def test_packed_and_bracketed_names_are_split(written: str, names: list[str]) -> None:
    assert split_packed(written) == names


@pytest.mark.parametrize(
    "written",
    [
        "AL-HARAMAIN FOUNDATION (PAKISTAN)",
        "AL-HARAMAYN FOUNDATION (KENYA)",
        "HANIFA MONEY EXCHANGE OFFICE (BRANCH LOCATED IN ALBU KAMAL, SYRIAN ARAB REPUBLIC)",
        "Riyadus-Salikhin Reconnaissance and Sabotage battalion of Shahids (martyrs)",
        "Al Qa’ida/Islamic Army",
    ],
)
def test_brackets_that_qualify_a_name_stay_with_it(written: str) -> None:
    assert variants(written) == [written]


def test_acronyms_must_abbreviate_the_name() -> None:
    assert is_acronym_of("TTP", "Tehrik-e Taliban Pakistan")
    assert is_acronym_of("JuA", "JAMAAT-UL-AHRAR")
    assert not is_acronym_of("JNIM", "Katiba Macina of Jama'a Nusrat ul-Islam wa al-Muslimin")
    assert not is_acronym_of("martyrs", "battalion of Shahids")


NAMES = {
    "QDe.014": ["THE ORGANIZATION OF AL-QAIDA IN THE ISLAMIC MAGHREB", "AQIM"],
    "QDe.115": ["AL-QAIDA IN IRAQ", "Islamic State in Iraq and the Levant"],
    "QDe.135": ["ANSAR EDDINE"],
    "QDe.159": ["JAMA'A NUSRAT UL-ISLAM WA AL-MUSLIMIN", "JNIM"],
}


def test_a_role_before_a_listed_name_gives_a_relation_with_its_role() -> None:
    found = affiliations(
        "Member of Al Qaida in the Islamic Maghreb (AQIM) (QDe.014), Ansar Eddine (QDe.135), "
        "and Jama'a Nusrat ul-Islam wa al-Muslimin (JNIM) (QDe.159). Born in Mali.",
        NAMES,
    )
    assert {(a.schema, a.target, a.role) for a in found} == {
        ("MemberOf", "QDe.014", "member"),
        ("MemberOf", "QDe.135", "member"),
        ("MemberOf", "QDe.159", "member"),
    }


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("Acting emir of Ansar Eddine (QDe.135).", ("LeaderOf", "acting emir")),
        ("He is deputy Amir/Chief of ANSAR EDDINE (QDe.135).", ("MemberOf", "deputy amir/chief")),
        ("Founder and leader of Ansar Eddine (QDe.135).", ("LeaderOf", "founder and leader")),
        (
            "Border emir of Islamic State in Iraq and the Levant (ISIL), listed as "
            "Al-Qaida in Iraq (QDe.115) as of Apr. 2015.",
            ("MemberOf", "border emir"),
        ),
    ],
)
def test_leadership_needs_a_leading_title(comment: str, expected: tuple[str, str]) -> None:
    [found] = affiliations(comment, NAMES)
    assert (found.schema, found.role) == expected


@pytest.mark.parametrize(
    "comment",
    [
        "Provides support to Al-Qaida in Iraq (QDe.115).",
        "Founder of the Katiba Macina of Jama'a Nusrat ul-Islam wa al-Muslimin (JNIM) (QDe.159).",
        "As at Aug. 2015, emir of Russian-speaking militants of the Islamic State in Iraq and the "
        "Levant (ISIL), listed as Al-Qaida in Iraq (QDe.115).",
        "Leader of the Abu Sayyaf Group (QDe.001).",
    ],
)
def test_support_subunits_and_unknown_references_give_no_relation(comment: str) -> None:
    assert affiliations(comment, NAMES) == []


def test_a_hedged_sentence_lowers_confidence_only_for_itself() -> None:
    found = affiliations(
        "Reportedly a member of JNIM (QDe.159) as of 2023. Member of AQIM (QDe.014).", NAMES
    )
    assert {a.target: a.confidence for a in found} == {"QDe.159": 0.7, "QDe.014": 1.0}
