"""The hard cases of issue 3, each on sentences written for the test.

Tolls with hedges and number words, revised tolls, the dead kept apart from the wounded and
from the attackers, claims apart from blame and suspicion, several attacks in one report,
dates against the dateline, places that share a name, and perpetrators named only by what
they did.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from overhorizon.extraction import Gazetteer, default_pipeline, document_view
from overhorizon.extraction.components.casualties import read_figures
from overhorizon.extraction.components.sentences import load_nlp
from overhorizon.extraction.pipeline import Pipeline
from overhorizon.model.builder import StatementFactory, entity_id
from overhorizon.model.document import Document
from overhorizon.model.statement import Statement

ISKP = entity_id("ArmedGroup", "Islamic State Khorasan Province")
IS = entity_id("ArmedGroup", "Islamic State")
TALIBAN = entity_id("ArmedGroup", "Taliban")
TTP = entity_id("ArmedGroup", "Tehrik-i-Taliban Pakistan")
JUA = entity_id("ArmedGroup", "Jamaat-ul-Ahrar")


def _reference() -> list[Statement]:
    make = StatementFactory("import:test@1")
    rows = [
        make.make(ISKP, "ArmedGroup", "name", "Islamic State Khorasan Province"),
        make.make(ISKP, "ArmedGroup", "alias", "ISKP"),
        make.make(ISKP, "ArmedGroup", "country", "AF"),
        make.make(IS, "ArmedGroup", "name", "Islamic State"),
        make.make(IS, "ArmedGroup", "alias", "ISIS"),
        make.make(TALIBAN, "ArmedGroup", "name", "Taliban"),
        make.make(TTP, "ArmedGroup", "name", "Tehrik-i-Taliban Pakistan"),
        make.make(TTP, "ArmedGroup", "alias", "Pakistani Taliban"),
        make.make(TTP, "ArmedGroup", "alias", "TTP"),
        make.make(JUA, "ArmedGroup", "name", "Jamaat-ul-Ahrar"),
    ]
    rows.extend(make.relation("BranchOf", ISKP, IS))
    return rows


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return default_pipeline(gazetteer=Gazetteer.from_statements(_reference()), nlp=load_nlp())


def view(pipeline: Pipeline, text: str, published: date = date(2024, 3, 25)) -> dict[str, Any]:
    document = Document(text=text, published=published, source="hard.md")
    return document_view(document, pipeline.extract([document])[0])


def figures(text: str) -> dict[str, str]:
    return {kind: str(quantity) for kind, quantity, _, _ in read_figures(text)}


# casualty figures


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The blast killed at least 60 people.", {"killed": "60.."}),
        ("More than 100 people were wounded.", {"injured": "100.."}),
        ("Dozens of worshippers were killed in the mosque.", {"killed": "24.."}),
        ("The explosion killed nearly 200 passengers.", {"killed": "..200"}),
        ("Gunmen shot dead twenty-three miners.", {"killed": "23..23"}),
        ("A policewoman and two civilians were killed.", {"killed": "3..3"}),
        (
            "A guard was killed and another guard was wounded.",
            {"killed": "1..1", "injured": "1..1"},
        ),
        ("One soldier killed and four others wounded in the raid.", {"killed": "1..1"}),
        ("Two people from the Hazara community were shot dead.", {"killed": "2..2"}),
    ],
)
def test_hedges_number_words_and_people_named_by_nouns(
    sentence: str, expected: dict[str, str]
) -> None:
    assert figures(sentence) | expected == figures(sentence)
    assert set(expected) <= set(figures(sentence))


def test_killed_wounded_and_attackers_are_kept_apart() -> None:
    found = figures(
        "The gunmen killed 12 soldiers and wounded 30 others before three attackers were killed."
    )
    assert found == {"killed": "12..12", "injured": "30..30", "attackersKilled": "3..3"}
    assert figures("The attacker was shot dead by police.") == {"attackersKilled": "1..1"}
    assert figures("A police officer killed the attacker.") == {"attackersKilled": "1..1"}


def test_a_breakdown_after_a_total_is_not_added_to_it() -> None:
    found = figures("The bombing killed 183 people, some 170 Afghans and 13 U.S. troops.")
    assert found == {"killed": "183..183"}
    assert figures("Two were killed and 18 others were kidnapped.") == {"killed": "2..2"}


def test_revised_toll_is_the_event_figure_and_the_first_stays(pipeline: Pipeline) -> None:
    text = (
        "KABUL, March 25 — A suicide bomber struck a wedding hall in Kabul on Sunday, killing "
        "61 people, officials said.\n\nOn Monday the health ministry said the death toll had "
        "risen to 80."
    )
    document = Document(text=text, published=date(2024, 3, 25), source="toll.md")
    statements = pipeline.extract([document])[0]
    killed = sorted(s.value for s in statements if s.prop == "killed")
    assert killed == ["61..61", "80..80"]
    event = document_view(document, statements)["events"][0]
    assert event["killed"] == {"min": 80, "max": 80}
    assert event["date"] == "2024-03-24"


# responsibility


def test_claimed_blamed_and_suspected_are_told_apart(pipeline: Pipeline) -> None:
    claimed = view(
        pipeline,
        "KABUL, March 25 — A bomb exploded at a market in Kabul on Sunday, killing nine.\n\n"
        "ISKP claimed the bombing through its Amaq news agency.",
    )["events"][0]
    assert (claimed["perpetrator"], claimed["responsibility"]) == (
        "Islamic State Khorasan Province",
        "claimed",
    )
    blamed = view(
        pipeline,
        "KABUL, March 25 — Gunmen stormed a hospital in Kabul on Sunday, killing 24.\n\n"
        "Officials blamed the Taliban for the attack.",
    )["events"][0]
    assert (blamed["perpetrator"], blamed["responsibility"]) == ("Taliban", "attributed")
    suspected = view(
        pipeline,
        "KABUL, March 25 — A roadside bomb struck a bus in Kabul on Sunday, killing five.\n\n"
        "Police said the Taliban were suspected of planting the bomb.",
    )["events"][0]
    assert (suspected["perpetrator"], suspected["responsibility"]) == ("Taliban", "suspected")


def test_a_group_named_as_the_one_that_attacked_is_the_perpetrator(pipeline: Pipeline) -> None:
    event = view(
        pipeline,
        "Boko Haram insurgents stormed a village in Borno State, killing 12 people.",
        date(2019, 5, 2),
    )["events"][0]
    assert (event["perpetrator"], event["responsibility"]) == ("Boko Haram", "attributed")
    hedged = view(
        pipeline,
        "Two soldiers were killed in an ambush by suspected ELN guerrillas in Arauca.",
        date(2019, 5, 2),
    )["events"][0]
    assert (hedged["perpetrator"], hedged["responsibility"]) == ("ELN", "suspected")
    assert hedged["killed"] == {"min": 2, "max": 2}


def test_the_branch_named_by_description_is_the_branch(pipeline: Pipeline) -> None:
    event = view(
        pipeline,
        "MOSCOW, March 25 — Gunmen attacked a concert hall near Moscow on Friday, killing 139 "
        "people.\n\nThe Islamic State's Khorasan branch claimed the attack.",
    )["events"][0]
    assert event["perpetrator"] == "Islamic State Khorasan Province"


# several events, dates and places


def test_a_background_attack_is_its_own_event_with_its_own_date(pipeline: Pipeline) -> None:
    events = view(
        pipeline,
        "KABUL, March 25 — A suicide bomber killed 14 people at a shrine in Kabul on Thursday."
        "\n\nThe same group bombed a school in Jalalabad on Aug. 26, 2021, killing 12 pupils.",
    )["events"]
    assert [(e["date"], e["place"], e["killed"]["min"]) for e in events] == [
        ("2024-03-21", "Kabul", 14),
        ("2021-08-26", "Jalalabad", 12),
    ]


def test_relative_dates_resolve_against_the_dateline(pipeline: Pipeline) -> None:
    text = (
        "QUETTA, Pakistan, March 25 — Militants attacked a checkpoint on Thursday, killing "
        "four.\n\nA bombing last month killed seven. A rocket hit the city in early 2023."
    )
    events = view(pipeline, text, date(2024, 3, 26))["events"]
    assert [(e["date"], e["date_precision"]) for e in events] == [
        ("2024-03-21", "day"),
        ("2024-02", "month"),
        ("2023", "year"),
    ]


def test_a_day_of_that_year_takes_the_year_named_before(pipeline: Pipeline) -> None:
    text = (
        "KABUL, March 25 — Gunmen attacked a bank in Kabul on Sunday, killing three.\n\n"
        "In 2021 the group also attacked the airport; on Aug. 26 that year a suicide bomber "
        "killed 183 people there."
    )
    dates = {e["date"] for e in view(pipeline, text)["events"]}
    assert "2021-08-26" in dates


def test_a_world_city_is_not_its_small_namesake(pipeline: Pipeline) -> None:
    event = view(
        pipeline,
        "MOSCOW, March 25 — Gunmen attacked a concert hall in Moscow on Friday, killing 139. "
        "U.S. officials said they had warned Russia.",
    )["events"][0]
    assert (event["place"], event["country"]) == ("Moscow", "RU")


def test_the_attack_place_beats_the_dateline_place(pipeline: Pipeline) -> None:
    event = view(
        pipeline,
        "TEHRAN, Jan. 8 — The number of people killed in last Wednesday's suicide bombings in "
        "Kerman has reached 95, officials said.",
        date(2024, 1, 8),
    )["events"][0]
    assert (event["date"], event["place"], event["country"]) == ("2024-01-03", "Kerman", "IR")


def test_places_the_recogniser_misses_are_read_from_their_context(pipeline: Pipeline) -> None:
    event = view(
        pipeline,
        "DUBAI, Oct. 27 — A gunman opened fire at a shrine in the southern Iranian city of "
        "Shiraz on Wednesday, killing 15 people.",
        date(2022, 10, 27),
    )["events"][0]
    assert (event["place"], event["country"]) == ("Shiraz", "IR")


def test_attacks_recalled_inside_a_sentence_about_another_are_their_own(
    pipeline: Pipeline,
) -> None:
    text = (
        "QUETTA, Pakistan, Nov. 14 — A suicide bomber killed 31 people at a railway station in "
        "Quetta on Saturday.\n\n"
        "It was the worst attack in the province this year after February's bombing of a "
        "market in Sibi, and the deadliest in Quetta since August 2016, when a bomber killed "
        "70 people at the city's civil hospital.\n\n"
        "The attack capped a month of violence, including a blast at a checkpoint in Turbat "
        "on Tuesday claimed by a separatist faction."
    )
    events = view(pipeline, text, date(2024, 11, 14))["events"]
    assert [(e["date"], e["place"]) for e in events] == [
        ("2024-11-09", "Quetta"),
        ("2024-02", "Sibi"),
        ("2016-08", "Quetta"),
        ("2024-11-12", "Turbat"),
    ]
    assert events[2]["killed"]["min"] == 70 and events[0]["killed"]["min"] == 31


def test_one_verb_for_two_attacks_with_their_own_places_and_dates(pipeline: Pipeline) -> None:
    text = (
        "KABUL, May 2 — Gunmen shot dead a district police chief in Kabul on Wednesday.\n\n"
        "The group has killed officials before, assassinating a provincial governor in "
        "Mazar-i-Sharif in March 2023 and a senior cleric in Herat in August 2022."
    )
    events = view(pipeline, text, date(2024, 5, 2))["events"]
    assert [(e["type"], e["date"], e["place"]) for e in events[1:]] == [
        ("assassination", "2023-03", "Mazar-i-Sharif"),
        ("assassination", "2022-08", "Herat"),
    ]


def test_the_attack_named_with_a_far_place_is_another_one(pipeline: Pipeline) -> None:
    text = (
        "HERAT, Afghanistan, June 8 — Gunmen opened fire on worshippers at a mosque in Herat on "
        "Friday, killing nine people.\n\n"
        "The shooting came three months after the bombing at a stadium near Moscow. "
        "The Taliban government in Kabul condemned the shooting."
    )
    events = view(pipeline, text, date(2024, 6, 8))["events"]
    assert [(e["date"], e["place"]) for e in events] == [
        ("2024-06-07", "Herat"),
        ("2024-03", "Moscow"),
    ]


def test_a_group_that_killed_is_an_attack_without_an_attack_word(pipeline: Pipeline) -> None:
    text = (
        "JALALABAD, Afghanistan, June 3 — ISKP killed 12 farmers in a village near Jalalabad "
        "on Sunday, residents said."
    )
    events = view(pipeline, text, date(2024, 6, 3))["events"]
    assert [(e["date"], e["killed"]["min"], e["perpetrator"]) for e in events[:1]] == [
        ("2024-06-02", 12, "Islamic State Khorasan Province")
    ]
    assert figures("Forty-two were killed and twelve were hurt.") == {
        "killed": "42..42",
        "injured": "12..12",
    }


def test_a_group_something_was_taken_from_is_not_the_attacker(pipeline: Pipeline) -> None:
    text = (
        "KABUL, March 25 — A suicide bomber killed 14 people at a shrine in Kabul on Thursday. "
        "Officials said the bomber's group had seized territory from the Taliban in the east."
    )
    event = view(pipeline, text)["events"][0]
    assert event["perpetrator"] != "Taliban"


def test_a_stabbing_wounds_unless_it_kills() -> None:
    assert figures("A man stabbed three people at a bus stop.") == {"injured": "3..3"}
    assert figures("Two guards were stabbed to death at the gate.") == {"killed": "2..2"}


def test_the_killers_counted_before_an_active_verb_are_no_casualties() -> None:
    assert figures("Four gunmen killed a judge outside the court.") == {"killed": "1..1"}
    assert figures("Three militants shot dead two guards.") == {"killed": "2..2"}
    assert figures("Three militants were killed in the clash.") == {"attackersKilled": "3..3"}


# victims, recalled killings, factions


def test_the_people_an_attack_killed_are_its_victims(pipeline: Pipeline) -> None:
    subject = view(
        pipeline,
        "QUETTA, March 25 — Abdul Rahim Karimi, a senior commander of the Taliban, was killed "
        "when a roadside bomb struck his car in Quetta on Sunday.",
    )["events"][0]
    assert subject["victims"] == ["Abdul Rahim Karimi"]
    assert subject["weapons"] == ["roadside bomb"]
    obj = view(
        pipeline,
        "KANDAHAR, March 25 — Gunmen shot dead Nasrin Qaderi, a district judge, outside her "
        "home in Kandahar on Sunday.",
    )["events"][0]
    assert obj["victims"] == ["Nasrin Qaderi"]
    named_after = view(
        pipeline,
        "MAZAR-I-SHARIF, March 25 — The governor of Balkh province, Abdul Rahim Karimi, was "
        "killed by a suicide bomber in his office in Mazar-i-Sharif on Thursday.",
    )["events"][0]
    assert named_after["victims"] == ["Abdul Rahim Karimi"]
    kin = view(
        pipeline,
        "QUETTA, March 25 — A suicide bomber struck a rally in Quetta on Friday. Raisani, the "
        "younger brother of former minister Abdul Rahim Karimi, died of his wounds.",
    )["events"][0]
    assert "Abdul Rahim Karimi" not in kin["victims"]
    crowd = view(
        pipeline, "KABUL, March 25 — A suicide bomber killed 14 people at a shrine in Kabul."
    )["events"][0]
    assert crowd["victims"] == []


def test_victims_named_as_a_group_are_the_attacks_victims(pipeline: Pipeline) -> None:
    mosque = view(
        pipeline,
        "KABUL, March 25 — A suicide bomber killed dozens of worshippers at a Shia mosque in "
        "Kabul on Friday. Several others were wounded, among them at least four children.",
    )["events"][0]
    assert mosque["victims"] == ["dozens of worshippers", "four children"]
    taken = view(
        pipeline,
        "KUNDUZ, March 25 — Gunmen kidnapped at least 12 foreign aid workers on the road to "
        "Kunduz on Thursday, officials said.",
    )["events"][0]
    assert (taken["type"], taken["victims"]) == ("kidnapping", ["12 foreign aid workers"])
    subject = view(
        pipeline,
        "QUETTA, March 25 — Three policemen were killed and 12 people wounded when a bomb "
        "exploded near a checkpoint in Quetta. No civilians were hurt.",
    )["events"][0]
    assert subject["victims"] == ["Three policemen"]
    named = view(
        pipeline,
        "KANDAHAR, March 25 — Gunmen shot dead Nasrin Qaderi, a district judge, and two of "
        "her bodyguards were wounded in Kandahar on Sunday.",
    )["events"][0]
    assert named["victims"] == ["Nasrin Qaderi", "two of her bodyguards"]
    both = view(
        pipeline,
        "KUNDUZ, March 25 — A suicide bomber killed more than 50 worshippers at a mosque in "
        "Kunduz. ISKP said the attack targeted both Shias and the Taliban.",
    )["events"][0]
    assert both["victims"] == ["50 worshippers"]
    strike = view(
        pipeline,
        "KABUL, March 25 — An air strike killed 20 militants and three civilians in Kunar.",
    )["events"]
    assert all(e["victims"] == [] for e in strike)


def test_a_killing_recalled_by_name_is_its_own_event_and_not_the_one_told(
    pipeline: Pipeline,
) -> None:
    text = (
        "KARACHI, March 25 — A suicide bomber struck a police station in Karachi on Monday, "
        "killing 12 officers. The Taliban claimed the bombing, saying it avenged the killing "
        "of its spokesman, Karim Dadkhah, in Quetta last August. The bombing was the deadliest "
        "in the city this year."
    )
    events = view(pipeline, text)["events"]
    assert [(e["type"], e["date"], e["place"], e["victims"]) for e in events] == [
        ("suicide_bombing", "2024-03-25", "Karachi", ["12 officers"]),
        ("assassination", "2023-08", "Quetta", ["Karim Dadkhah"]),
    ]


def test_a_faction_named_with_its_parent_is_the_one_that_claims(pipeline: Pipeline) -> None:
    event = view(
        pipeline,
        "LAHORE, March 25 — A bomb exploded in a park in Lahore on Sunday, killing 20 people. "
        "A commander of the Jamaat-ul-Ahrar faction of the Pakistani Taliban claimed the "
        "bombing.",
    )["events"][0]
    assert (event["perpetrator"], event["responsibility"]) == ("Jamaat-ul-Ahrar", "claimed")


def test_blame_for_attacks_in_general_names_no_perpetrator(pipeline: Pipeline) -> None:
    event = view(
        pipeline,
        "PESHAWAR, March 25 — A roadside bomb killed a commander in Peshawar on Sunday. His "
        "faction broke away from the TTP in 2014 and was blamed for some of the bloodiest "
        "bombings in Pakistan.",
    )["events"][0]
    assert event["perpetrator"] is None


def test_a_complex_attack_keeps_both_weapons_and_a_vague_place_is_refined(
    pipeline: Pipeline,
) -> None:
    prison = view(
        pipeline,
        "JALALABAD, March 25 — Islamic State fighters attacked the main prison in Jalalabad "
        "with a car bomb and gunfire on Sunday, killing 21 people.",
    )["events"][0]
    assert prison["weapons"] == ["car bomb", "gunfire"]
    refined = view(
        pipeline,
        "KABUL, March 25 — A commander was killed when a roadside bomb struck his vehicle in "
        "eastern Afghanistan on Sunday.\n\nHe and two guards died in the blast in Paktika "
        "province, officials said.",
    )["events"][0]
    assert (refined["place"], refined["country"]) == ("Paktika province", "AF")


def relations(pipeline: Pipeline, text: str) -> set[tuple[str, str, str]]:
    return {(r["source"], r["type"], r["target"]) for r in view(pipeline, text)["relations"]}


def test_a_role_told_in_the_naming_of_a_speaker_is_the_reports_own(pipeline: Pipeline) -> None:
    rows = view(
        pipeline,
        "KABUL, March 25 — Taliban spokesman Abdul Rahim Karimi said the group's special forces "
        "were investigating the bombing.",
    )["relations"]
    assert [(r["source"], r["type"], r["asserted_by"]) for r in rows] == [
        ("Abdul Rahim Karimi", "member_of", None)
    ]


def test_an_affiliate_told_in_the_reports_own_aside_is_asserted_by_the_report(
    pipeline: Pipeline,
) -> None:
    rows = view(
        pipeline,
        "MOGADISHU, March 25 — Al-Shabaab militants stormed a hotel in Mogadishu on Tuesday, "
        "killing 18 people. Al-Shabaab, which is affiliated with al-Qaeda, said through its "
        "radio station that its fighters had carried out the assault.",
    )["relations"]
    [branch] = [r for r in rows if r["type"] == "branch_of"]
    assert (branch["source"], branch["target"].lower(), branch["asserted_by"]) == (
        "Al-Shabaab",
        "al-qaeda",
        None,
    )
    told = view(
        pipeline,
        "MOGADISHU, March 25 — Al-Shabaab is formally affiliated with al-Qaeda, according to "
        "a UN report.",
    )["relations"]
    assert [(r["type"], r["target"].lower(), r["asserted_by"]) for r in told] == [
        ("branch_of", "al-qaeda", "UN report")
    ]
    quoted = view(
        pipeline,
        "PESHAWAR, March 25 — The attack bore the hallmarks of Jamaat-ul-Ahrar, which split from "
        "Tehrik-i-Taliban Pakistan in 2014, a security analyst said. Jamaat-ul-Ahrar and ISKP "
        "have fought each other for control of the Mohmand district.",
    )["relations"]
    assert {(r["type"], r["time"], r["asserted_by"]) for r in quoted} == {
        ("splinter_of", "2014", "security analyst"),
        ("rival_of", None, None),
    }


def test_a_group_said_to_be_a_branch_named_through_its_parent(pipeline: Pipeline) -> None:
    said = relations(
        pipeline,
        "KABUL, March 25 — ISKP, formed in 2015 by defectors from the Pakistani Taliban, is the "
        "Islamic State's Khorasan branch.",
    )
    assert ("Islamic State Khorasan Province", "branch_of", "Islamic State") in said
    named = relations(
        pipeline,
        "KABUL, March 25 — The Islamic State's Khorasan branch claimed a bombing in Kabul.",
    )
    assert not any(kind == "branch_of" for _, kind, _ in named)


def test_the_head_of_a_part_of_the_group_is_a_member_and_a_person(pipeline: Pipeline) -> None:
    found = relations(
        pipeline,
        "JALALABAD, March 25 — ISKP claimed the prison attack. Officials said the attack was "
        "planned by Asadullah Orakzai, the group's intelligence chief.",
    )
    assert ("Asadullah Orakzai", "member_of", "Islamic State Khorasan Province") in found
    assert not any(kind == "leader_of" for _, kind, _ in found)


def test_factions_leaders_and_rivals_named_around_their_groups(pipeline: Pipeline) -> None:
    found = relations(
        pipeline,
        "PESHAWAR, March 25 — Jamaat-ul-Ahrar, led by Abdul Rahim Karimi, has rejoined "
        "Tehrik-i-Taliban Pakistan, the group said.",
    )
    assert ("Abdul Rahim Karimi", "leader_of", "Jamaat-ul-Ahrar") in found
    assert ("Jamaat-ul-Ahrar", "member_of", "Tehrik-i-Taliban Pakistan") in found
    faction = relations(
        pipeline,
        "KABUL, March 25 — Officials blamed the Jamaat-ul-Ahrar faction of the Pakistani "
        "Taliban for the attack.",
    )
    assert ("Jamaat-ul-Ahrar", "member_of", "Tehrik-i-Taliban Pakistan") in faction
    rivals = relations(
        pipeline,
        "KABUL, March 25 — The Islamic State and the Taliban have been rivals since 2015, "
        "and the open war between the Taliban and ISKP goes on.",
    )
    assert ("Islamic State", "rival_of", "Taliban") in rivals or (
        "Taliban",
        "rival_of",
        "Islamic State",
    ) in rivals
    assert any({s, t} == {"Taliban", "Islamic State Khorasan Province"} for s, _, t in rivals)


def test_a_rival_named_as_the_group_is_the_group_named_before(pipeline: Pipeline) -> None:
    found = relations(
        pipeline,
        "KABUL, March 25 — ISKP claimed the bombing of a mosque in Kabul. The Taliban, who have "
        "fought the group since 2015, condemned the attack.",
    )
    assert any({s, t} == {"Taliban", "Islamic State Khorasan Province"} for s, _, t in found)


def test_leaders_named_after_the_group_its_pronoun_or_an_aside(pipeline: Pipeline) -> None:
    led = relations(
        pipeline,
        "KABUL, March 25 — ISKP has lost much of its territory. The group is now led by "
        "Yusuf Rahimi, a Pakistani from Orakzai, officials said.",
    )
    assert ("Yusuf Rahimi", "leader_of", "Islamic State Khorasan Province") in led
    its = relations(
        pipeline,
        "KABUL, March 25 — ISKP has grown. Analysts point to the group's reach abroad. Its "
        "leader, Yusuf Rahimi, has not been seen in public since 2020.",
    )
    assert ("Yusuf Rahimi", "leader_of", "Islamic State Khorasan Province") in its
    aside = relations(
        pipeline,
        "KABUL, March 25 — Yusuf Rahimi, a former commander from the Orakzai tribal region, "
        "had led ISKP since 2015.",
    )
    assert ("Yusuf Rahimi", "leader_of", "Islamic State Khorasan Province") in aside
    subject = relations(
        pipeline,
        "KABUL, March 25 — The ministry said ISKP had been formed by former members of the "
        "Pakistani Taliban and the Taliban, and that it was led by Yusuf Rahimi.",
    )
    assert ("Yusuf Rahimi", "leader_of", "Islamic State Khorasan Province") in subject
    assert ("Yusuf Rahimi", "leader_of", "Taliban") not in subject


def test_a_role_held_by_he_is_the_person_named_before(pipeline: Pipeline) -> None:
    found = relations(
        pipeline,
        "WASHINGTON, March 25 — The State Department designated Yusuf Rahimi as a terrorist. "
        "It said he had been appointed emir of ISKP in June 2020.",
    )
    assert ("Yusuf Rahimi", "leader_of", "Islamic State Khorasan Province") in found
    statements = view(
        pipeline,
        "WASHINGTON, March 25 — The State Department designated Yusuf Rahimi as a terrorist. "
        "It said he had been appointed emir of ISKP in June 2020.",
    )["relations"]
    assert all(r["asserted_by"] != "It" for r in statements)


def test_rivals_both_named_after_the_cue_and_enemies_of_two_sides(pipeline: Pipeline) -> None:
    both = relations(
        pipeline,
        "KABUL, March 25 — Analysts said ISKP would compete with both the Taliban and the "
        "Pakistani Taliban for recruits.",
    )
    assert ("Islamic State Khorasan Province", "rival_of", "Taliban") in both
    assert ("Islamic State Khorasan Province", "rival_of", "Tehrik-i-Taliban Pakistan") in both
    enemy = relations(
        pipeline,
        "PESHAWAR, March 25 — The bomber targeted the police, the traditional enemy of "
        "Jamaat-ul-Ahrar and the TTP.",
    )
    assert not any(kind == "rival_of" for _, kind, _ in enemy)


def test_officials_of_a_group_are_members_not_its_leaders(pipeline: Pipeline) -> None:
    governor = relations(
        pipeline,
        "MAZAR-I-SHARIF, March 25 — The Taliban governor of Balkh province, Yusuf Rahimi, was "
        "killed in a suicide bombing.",
    )
    assert ("Yusuf Rahimi", "member_of", "Taliban") in governor
    assert ("Yusuf Rahimi", "leader_of", "Taliban") not in governor
    defector = relations(
        pipeline,
        "JALALABAD, March 25 — A man who gave his name as Yusuf Rahimi, the former Pakistani "
        "Taliban spokesman who defected to ISIS, claimed the attack.",
    )
    assert ("Yusuf Rahimi", "member_of", "Islamic State") in defector
    assert ("Tehrik-i-Taliban Pakistan", "member_of", "Islamic State") not in defector


def test_a_claim_and_the_actor_it_hit_are_relations_of_the_perpetrator(
    pipeline: Pipeline,
) -> None:
    text = (
        "KABUL, March 25 — A suicide bomber killed 12 people at a Taliban checkpoint in Kabul "
        "on Monday. ISKP claimed the attack through its Amaq news agency."
    )
    found = view(pipeline, text)
    (event,) = found["events"]
    rows = {(r["source"], r["type"], r["target"]): r for r in found["relations"]}
    claim = rows[("Islamic State Khorasan Province", "claimed", event["name"])]
    assert claim["evidence"]["text"].startswith("ISKP claimed")
    assert claim["time"] == "2024"
    hit = rows[("Islamic State Khorasan Province", "attacked", "Taliban")]
    assert "Taliban checkpoint" in hit["evidence"]["text"]
    unclaimed = view(pipeline, "KABUL, March 25 — Gunmen attacked a Taliban checkpoint on Monday.")
    assert not any(r["type"] == "attacked" for r in unclaimed["relations"])


def test_a_relation_carries_the_year_it_began(pipeline: Pipeline) -> None:
    found = view(
        pipeline,
        "PESHAWAR, March 25 — Jamaat-ul-Ahrar, a faction that broke away from Tehrik-i-Taliban "
        "Pakistan in August 2014, claimed the bombing.",
    )["relations"]
    splinter = next(r for r in found if r["type"] == "splinter_of")
    assert splinter["time"] == "2014"


def test_blame_for_something_else_and_attacks_in_general_are_not_this_attack(
    pipeline: Pipeline,
) -> None:
    found = view(
        pipeline,
        "KABUL, March 25 — A suicide bomber killed 19 students at an education centre in Kabul "
        "on Friday. Some relatives accused the Taliban of playing down the number of victims. "
        "On Saturday women marched in Kabul before Taliban fighters broke up the protest. The "
        "neighbourhood, home to members of the Shia Hazara minority, has suffered repeated "
        "attacks claimed by the group known as ISKP.",
    )
    (event,) = found["events"]
    assert event["perpetrator"] is None
    claimed = view(
        pipeline,
        "KABUL, March 25 — A suicide bomber killed 19 students at an education centre in Kabul "
        "on Friday. The attack was claimed by the group known as ISKP.",
    )
    assert claimed["events"][0]["perpetrator"] == "Islamic State Khorasan Province"
    assert claimed["events"][0]["responsibility"] == "claimed"
    accused = view(
        pipeline,
        "KABUL, March 25 — A suicide bomber killed 19 students at an education centre in Kabul "
        "on Friday. Officials accused the Taliban of carrying out the attack.",
    )
    assert accused["events"][0]["perpetrator"] == "Taliban"


def test_a_group_doing_the_attack_past_an_aside_and_findings_that_point_to_one(
    pipeline: Pipeline,
) -> None:
    aside = view(
        pipeline,
        "KABUL, March 25 — A truck bomb killed 90 people in Kabul on Monday. Intelligence "
        "officials maintain that the Pakistani Taliban, which is allied with the Taliban, built "
        "and delivered the bomb.",
    )
    assert aside["events"][0]["perpetrator"] == "Tehrik-i-Taliban Pakistan"
    assert aside["events"][0]["responsibility"] == "attributed"
    pointed = view(
        pipeline,
        "KHAR, March 25 — A suicide bomber killed 44 people at a rally in Khar on Sunday. Police "
        "said their initial findings pointed to ISKP.",
    )
    assert pointed["events"][0]["perpetrator"] == "Islamic State Khorasan Province"
    assert pointed["events"][0]["responsibility"] == "suspected"


def test_a_sum_over_several_attacks_of_the_day_is_no_attacks_toll(pipeline: Pipeline) -> None:
    listed = view(
        pipeline,
        "BAGHDAD, March 3, 2025 — A wave of bombings across Iraq killed at least 25 people on "
        "Monday, officials said.\n\nIn Baghdad, a car bomb exploded near a market in the Sadr "
        "City district, killing nine people and wounding 30. Hours later, a suicide bomber blew "
        "himself up at a checkpoint in Tikrit, killing six soldiers.",
    )["events"]
    assert [(e["place"], e["killed"]["min"]) for e in listed] == [("Baghdad", 9), ("Tikrit", 6)]
    alone = view(
        pipeline,
        "BAGHDAD, March 3, 2025 — A series of bombings in Baghdad killed at least 25 people on "
        "Monday. The attacks came a year after a suicide bombing in Tikrit killed 30 people.",
    )["events"]
    assert (alone[0]["place"], alone[0]["killed"]["min"]) == ("Baghdad", 25)
    assert (alone[1]["place"], alone[1]["date"], alone[1]["killed"]["min"]) == (
        "Tikrit",
        "2024",
        30,
    )


def test_the_same_group_doing_an_earlier_attack_is_its_perpetrator(pipeline: Pipeline) -> None:
    events = view(
        pipeline,
        "TEHRAN, Jan. 5, 2024 — ISKP claimed responsibility for Wednesday's twin bombings in "
        "Kerman, saying two of its members had detonated explosive belts among mourners. In "
        "early 2022, the same group attacked a shrine in Shiraz, killing 13 people.",
    )["events"]
    assert [(e["type"], e["date"], e["place"], e["perpetrator"], e["weapons"]) for e in events] == [
        (
            "suicide_bombing",
            "2024-01-03",
            "Kerman",
            "Islamic State Khorasan Province",
            ["explosive belts"],
        ),
        ("armed_assault", "2022", "Shiraz", "Islamic State Khorasan Province", []),
    ]
    assert [e["responsibility"] for e in events] == ["claimed", "attributed"]


def test_a_parents_claim_of_an_attack_laid_on_its_branch_is_the_branchs(
    pipeline: Pipeline,
) -> None:
    found = view(
        pipeline,
        "MOSCOW, March 23 — Gunmen opened fire on concertgoers at a concert hall near Moscow on "
        "Friday, killing at least 133 people. The Islamic State claimed responsibility through "
        "its Amaq news agency. U.S. officials said the attack was carried out by ISKP.",
    )
    [event] = found["events"]
    assert (event["perpetrator"], event["responsibility"]) == (
        "Islamic State Khorasan Province",
        "claimed",
    )
    claims = {(r["source"], r["asserted_by"]) for r in found["relations"] if r["type"] == "claimed"}
    assert claims == {
        ("Islamic State", None),
        ("Islamic State Khorasan Province", "U.S. officials"),
    }
    other = view(
        pipeline,
        "KABUL, March 23 — A bomb killed 12 people in Kabul on Friday. The Islamic State claimed "
        "the bombing, but officials blamed the Taliban.",
    )["events"][0]
    assert (other["perpetrator"], other["responsibility"]) == ("Islamic State", "claimed")


def test_a_group_known_for_such_attacks_is_not_named_for_this_one(pipeline: Pipeline) -> None:
    events = view(
        pipeline,
        "BAGHDAD, March 25 — A suicide bomber blew himself up at a checkpoint in Tikrit on "
        "Monday, killing six soldiers. No group has claimed the attack, but the Islamic State "
        "has carried out similar bombings in the province.",
    )["events"]
    assert [(e["perpetrator"], e["responsibility"]) for e in events] == [(None, "unknown")]


def test_the_seriously_wounded_are_part_of_the_wounded_not_more() -> None:
    assert figures("Two people were killed and 28 injured, two seriously, in the blast.") == {
        "killed": "2..2",
        "injured": "28..28",
    }
    assert figures("At least 59 were wounded, 10 of them critically, at the market.") == {
        "injured": "59..",
    }
    assert figures("Five people were killed and over 100 men, women and children were hurt.") == {
        "killed": "5..5",
        "injured": "100..",
    }
    assert figures("Five people suffered light to moderate injuries in the bombing.") == {
        "injured": "5..5"
    }
    assert figures("A bomb exploded in a bank hall wounding critically 2 customers.") == {
        "injured": "2..2"
    }


def test_massacres_breakdowns_and_a_bomber_told_by_a_relative_clause(pipeline: Pipeline) -> None:
    assert figures("23 villagers are massacred by gunmen in the town of Wandhama.") == {
        "killed": "23..23"
    }
    assert figures("Gunmen murder 12 peasants in rural Cimitarra.") == {"killed": "12..12"}
    assert figures(
        "Gunmen opened fire on a bar, killing five men, three Catholic and two Protestant."
    ) == {"killed": "5..5"}
    bomber = view(
        pipeline,
        "JERUSALEM, March 25 — Five people suffered light injuries in a suicide bombing at a "
        "felafel stand. The bomber, who was killed, apparently exploded prematurely.",
    )
    (event,) = bomber["events"]
    assert event["killed"] is None and event["attackers_killed"] == {"min": 1, "max": 1}
    assert event["injured"] == {"min": 5, "max": 5}
    soldiers = view(
        pipeline,
        "MONTEVIDEO, March 25 — Four army soldiers killed by machine gun fire while guarding "
        "the house of the army's commander.",
    )
    (event,) = soldiers["events"]
    assert event["killed"] == {"min": 4, "max": 4}


def test_a_count_of_many_attacks_over_time_is_not_this_attacks_toll(pipeline: Pipeline) -> None:
    found = view(
        pipeline,
        "YALA, March 25 — Gunmen killed two soldiers in Yala on Monday. Militants have killed "
        "more than 200 people in the south since January.",
    )
    assert [e["killed"] for e in found["events"]] == [{"min": 2, "max": 2}]
    risen = view(
        pipeline,
        "KABUL, March 25 — A bomb killed 40 people in Kabul on Monday. The toll has since risen "
        "to 85.",
    )
    assert risen["events"][0]["killed"] == {"min": 85, "max": 85}


def test_a_group_described_through_another_is_still_the_group_named_before(
    pipeline: Pipeline,
) -> None:
    linked = view(
        pipeline,
        "KABUL, March 25 — ISKP militants stormed a hotel in Kabul on Friday, killing nine "
        "people. The Islamic State-linked group said in a statement that its fighters had "
        "carried out the raid.",
    )
    assert linked["events"][0]["perpetrator"] == "Islamic State Khorasan Province"
    separate = view(
        pipeline,
        "PESHAWAR, March 25 — Gunmen shot dead two polio workers in Bannu on Tuesday, and police "
        "suspected the Pakistani Taliban. The TTP, an alliance separate from the Taliban, has "
        "stepped up attacks since November 2022. The group is led by Noor Wali Mehsud.",
    )
    (event,) = separate["events"]
    assert (event["perpetrator"], event["responsibility"]) == (
        "Tehrik-i-Taliban Pakistan",
        "suspected",
    )
    leaders = {
        (r["source"], r["target"]) for r in separate["relations"] if r["type"] == "leader_of"
    }
    assert leaders == {("Noor Wali Mehsud", "Tehrik-i-Taliban Pakistan")}


def test_killed_along_with_others_and_a_claim_by_the_group_in_a_relative_clause(
    pipeline: Pipeline,
) -> None:
    along = view(
        pipeline,
        "KABUL, March 25 — The minister was killed on Wednesday along with five others when a "
        "suicide bomber blew himself up, officials said. It was the first killing of a cabinet "
        "minister since 2021.",
    )
    assert along["events"][0]["killed"] == {"min": 6, "max": 6}
    background = view(
        pipeline,
        "KABUL, March 25 — A suicide bomber killed 31 worshippers at a shrine in Kabul on "
        "Thursday, and ISKP claimed the attack. It was the deadliest attack since a bombing at "
        "a wedding in Kabul in August 2019 that killed 63 people, which was also claimed by the "
        "group.",
    )
    earlier = next(e for e in background["events"] if e["date"] == "2019-08")
    assert earlier["killed"] == {"min": 63, "max": 63}
    assert earlier["perpetrator"] == "Islamic State Khorasan Province"


def test_a_toll_reported_on_a_later_day_is_the_latest(pipeline: Pipeline) -> None:
    found = view(
        pipeline,
        "JALALABAD, March 25 — A suicide bomber killed at least 31 worshippers at a shrine in "
        "Jalalabad on Thursday, officials said.\n\nOn Saturday the provincial health director "
        "said 36 people had died.",
        published=date(2024, 3, 25),
    )
    (event,) = found["events"]
    assert event["date"] == "2024-03-21"
    assert event["killed"] == {"min": 36, "max": 36}


def test_a_country_the_recogniser_calls_a_person_is_no_person(pipeline: Pipeline) -> None:
    document = Document(
        text="BAMAKO, March 25 — The army blamed JNIM for Sunday's attack on the Tessit camp "
        "near the borders with Niger and Burkina Faso. Drones and artillery were used, it said.",
        published=date(2024, 3, 25),
        source="hard.md",
    )
    people = {
        s.value
        for s in pipeline.extract([document])[0]
        if s.schema == "Person" and s.prop == "name"
    }
    assert "Burkina Faso" not in people and "Niger" not in people


def test_sentences_opening_with_the_group_or_it_mean_the_subject_before(
    pipeline: Pipeline,
) -> None:
    found = view(
        pipeline,
        "LONDON, March 25 — ISKP has built a network of cells in Europe, officials said. The "
        "group, led since 2020 by Yusuf Rahimi, split from the Pakistani Taliban in 2015. It has "
        "fought the Taliban since August 2021.",
    )
    rows = {(r["source"], r["type"], r["target"]): r["time"] for r in found["relations"]}
    assert rows[("Yusuf Rahimi", "leader_of", "Islamic State Khorasan Province")] == "2020"
    splinter = ("Islamic State Khorasan Province", "splinter_of", "Tehrik-i-Taliban Pakistan")
    assert rows[splinter] == "2015"
    assert ("Islamic State Khorasan Province", "rival_of", "Taliban") in rows
    assert not any(s == "Tehrik-i-Taliban Pakistan" for s, kind, _ in rows if kind == "rival_of")


def test_fighters_of_a_group_who_killed_an_official_make_him_no_member(
    pipeline: Pipeline,
) -> None:
    found = view(
        pipeline,
        "KABUL, March 25 — Last month, ISKP fighters killed the governor of Balkh province, "
        "Yusuf Rahimi, in a suicide bombing in Mazar-i-Sharif.",
    )
    assert not any(r["type"] == "member_of" for r in found["relations"])


def test_a_drone_attack_by_militants_is_an_attack_in_the_country_it_names(
    pipeline: Pipeline,
) -> None:
    found = view(
        pipeline,
        "AMMAN, Jan. 29 — Three soldiers were killed and at least 34 injured in a drone attack "
        "on a small base in northeast Jordan on Sunday, the first such deaths since the war in "
        "Gaza began.",
        published=date(2024, 1, 29),
    )
    (event,) = found["events"]
    assert (event["type"], event["date"], event["country"]) == ("bombing", "2024-01-28", "JO")
    assert event["place"] == "Jordan" and event["killed"] == {"min": 3, "max": 3}
    strike = view(
        pipeline,
        "MIRANSHAH, Jan. 29 — A U.S. drone strike killed five militants in North Waziristan.",
    )
    assert strike["events"] == []


def test_an_abduction_stays_a_kidnapping_when_someone_is_shot_during_it(
    pipeline: Pipeline,
) -> None:
    found = view(
        pipeline,
        "ABUJA, Feb. 20 — Gunmen abducted 287 pupils from a school in Kuriga on Thursday, "
        "residents said. A teacher was shot dead during the raid.",
        published=date(2024, 2, 20),
    )
    (event,) = found["events"]
    assert event["type"] == "kidnapping" and event["killed"] == {"min": 1, "max": 1}


def test_a_date_opening_a_later_paragraph_dates_the_attack_it_tells(pipeline: Pipeline) -> None:
    found = view(
        pipeline,
        "LONDON, May 4 — Analysts met on Monday.\n\nLast month, ISKP fighters killed the governor "
        "of Balkh province in a suicide bombing in Mazar-i-Sharif.",
        published=date(2023, 5, 4),
    )
    (event,) = found["events"]
    assert event["date"] == "2023-04" and event["date_precision"] == "month"


def test_suspicion_that_falls_on_a_local_branch_and_armed_men_breaking_up_a_protest(
    pipeline: Pipeline,
) -> None:
    found = view(
        pipeline,
        "KABUL, Oct. 4 — A suicide bomber killed 53 people at an education centre in Kabul on "
        "Friday. No group has claimed the bombing, but suspicion has fallen on the Islamic "
        "State's local branch. Protests by women in Kabul were broken up by Taliban fighters.",
        published=date(2022, 10, 4),
    )
    (event,) = found["events"]
    assert (event["perpetrator"], event["responsibility"]) == (
        "Islamic State Khorasan Province",
        "suspected",
    )


def test_a_capital_dateline_does_not_place_an_attack_told_elsewhere_in_the_country(
    pipeline: Pipeline,
) -> None:
    capital = view(
        pipeline,
        "KABUL, March 25 — A roadside bomb killed four soldiers in eastern Afghanistan on "
        "Sunday, officials said.",
    )
    assert capital["events"][0]["place"] == "Afghanistan"
    town = view(
        pipeline,
        "SEHWAN, March 25 — A suicide bomber killed 88 worshippers at a shrine in southern "
        "Pakistan on Thursday, officials said.",
    )
    assert town["events"][0]["place"] == "Sehwan"
    across = view(
        pipeline,
        "TASHKENT, March 25 — The group said it fired ten rockets from Afghanistan at a "
        "military base in Termez on Monday.",
    )
    assert (across["events"][0]["place"], across["events"][0]["country"]) == ("Termez", "UZ")


def test_a_town_the_recogniser_reads_as_a_person_and_groups_grown_closer(
    pipeline: Pipeline,
) -> None:
    found = view(
        pipeline,
        "ISLAMABAD, Nov. 20 — Officials say the Pakistani Taliban has grown closer to ISIS, "
        "according to a United Nations report seen by reporters.\n\nThree policemen were shot "
        "dead at a checkpoint in Dera Ismail Khan district on Sunday.",
        published=date(2023, 11, 20),
    )
    (event,) = found["events"]
    assert (event["place"], event["country"]) == ("Dera Ismail Khan", "PK")
    (closer,) = [r for r in found["relations"] if r["type"] == "cooperates_with"]
    assert {closer["source"], closer["target"]} == {"Tehrik-i-Taliban Pakistan", "Islamic State"}
    assert closer["asserted_by"] == "United Nations report"


def test_a_target_is_what_was_hit_not_the_attack_on_it(pipeline: Pipeline) -> None:
    found = view(
        pipeline,
        "LAHORE, March 25 — A blast at a rally in Lahore killed 13 people on Monday.",
    )
    assert found["events"][0]["targets"] == ["rally"]
    people = view(
        pipeline,
        "KABUL, March 25 — A suicide bomber struck the waiting pilgrims in Kabul on Monday, "
        "killing 12.",
    )
    assert people["events"][0]["targets"] == ["waiting pilgrims"]
    station = view(
        pipeline,
        "QUETTA, March 25 — A bomb hit the train station in Quetta on Saturday as passengers "
        "waited for a train, killing 26 people.",
    )
    assert station["events"][0]["targets"] == ["train station"]
    camp = view(
        pipeline,
        "MOGADISHU, March 25 — Militants stormed an army camp near Mogadishu, killing 12.",
    )
    assert camp["events"][0]["targets"] == ["army camp"]


def test_that_morning_is_the_day_named_before(pipeline: Pipeline) -> None:
    document = Document(
        text="QUETTA, Aug. 8 — A suicide bomber killed 70 people at a hospital in Quetta on "
        "Monday. Hours later, a lawyer was shot dead. A judge had been shot dead that morning.",
        published=date(2016, 8, 9),
        source="hard.md",
    )
    (work,) = pipeline.run([document])
    days = {d.text: d.value for d in work.dates}
    assert days == {
        "Monday": "2016-08-08",
        "Hours later": "2016-08-08",
        "that morning": "2016-08-08",
    }


def test_provinces_of_other_theatres_place_an_attack(pipeline: Pipeline) -> None:
    found = view(
        pipeline,
        "ABUJA, June 12 — Gunmen abducted 11 travellers on a highway in Yobe state on Monday.",
        published=date(2024, 6, 12),
    )
    (event,) = found["events"]
    assert (event["place"], event["country"]) == ("Yobe", "NG")
    assert event["lat"] is not None and 11 < event["lat"] < 14


def test_a_successor_leads_and_a_group_that_broke_away_from_the_one_before(
    pipeline: Pipeline,
) -> None:
    succeeded = relations(
        pipeline,
        "KABUL, March 25 — Yusuf Rahimi succeeded Omar Baryal as leader of ISKP in 2020.",
    )
    assert ("Yusuf Rahimi", "leader_of", "Islamic State Khorasan Province") in succeeded
    assert ("Omar Baryal", "leader_of", "Islamic State Khorasan Province") not in succeeded
    broke = relations(
        pipeline,
        "PESHAWAR, March 25 — The Pakistani Taliban split into factions in 2014, when "
        "Jamaat-ul-Ahrar broke away.",
    )
    assert ("Jamaat-ul-Ahrar", "splinter_of", "Tehrik-i-Taliban Pakistan") in broke


def test_an_attack_on_a_groups_official_hit_the_group_and_habits_blame_no_one(
    pipeline: Pipeline,
) -> None:
    found = view(
        pipeline,
        "MAZAR-I-SHARIF, March 9 — A suicide bomber killed the Taliban governor of Balkh "
        "province, Yusuf Rahimi, in his office on Thursday. ISKP claimed the assassination. "
        "The group has attacked Taliban officials across the country, while the Taliban have "
        "raided its hideouts in Kabul.",
        published=date(2023, 3, 9),
    )
    rows = {(r["source"], r["type"], r["target"]) for r in found["relations"]}
    assert ("Islamic State Khorasan Province", "attacked", "Yusuf Rahimi") in rows
    assert ("Islamic State Khorasan Province", "attacked", "Taliban") in rows
    assert found["events"][0]["perpetrator"] == "Islamic State Khorasan Province"


def test_assailants_who_killed_with_no_other_way_told_made_an_armed_assault(
    pipeline: Pipeline,
) -> None:
    assault = view(
        pipeline,
        "HERAT, March 25 — The Taliban attacked a security outpost in Shindand on Monday, "
        "killing three police officers.",
    )
    assert assault["events"][0]["type"] == "armed_assault"
    execution = view(
        pipeline,
        "RAQQA, March 25 — Militants executed five tribesmen in an attack on a village on Monday.",
    )
    assert execution["events"][0]["type"] == "other"
    unknown = view(
        pipeline,
        "KABUL, March 25 — Four people were killed in an attack in Kabul on Monday.",
    )
    assert unknown["events"][0]["type"] == "other"


def test_a_list_of_attacks_in_several_places_is_several_attacks(pipeline: Pipeline) -> None:
    found = view(
        pipeline,
        "BAGHDAD, Aug. 2 — Attacks across Iraq killed at least 14 people on Tuesday, officials "
        "said.\n\nIn Kirkuk, a roadside bomb struck a police patrol, killing four officers. In "
        "Diyala province, gunmen opened fire on a checkpoint, killing three soldiers and "
        "wounding five. Later, a suicide bomber blew himself up at a market in Tikrit, killing "
        "seven civilians. ISIS claimed the Tikrit bombing.",
        published=date(2023, 8, 2),
    )
    by_place = {e["place"]: e for e in found["events"]}
    assert {"Diyala province", "Tikrit"} <= set(by_place)
    diyala, tikrit = by_place["Diyala province"], by_place["Tikrit"]
    assert (diyala["type"], diyala["killed"], diyala["injured"]) == (
        "armed_assault",
        {"min": 3, "max": 3},
        {"min": 5, "max": 5},
    )
    assert (tikrit["type"], tikrit["killed"]) == ("suicide_bombing", {"min": 7, "max": 7})
    assert tikrit["perpetrator"] == "Islamic State" and diyala["perpetrator"] is None
    assert diyala["date"] == tikrit["date"] == "2023-08-01"
