"""Proposals found in running text (not in a labelled list), in English, Russian and Kyrgyz.

Every sentence here is written for these tests."""

import pytest

from dashboard.parsing.proposals import find_proposals, sentences
from dashboard.report_parser import parse_report


def _texts(text: str) -> list[str]:
    return [span.text for span in find_proposals(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The speakers urged the district administration to extend the water pipe to the upper village.",
            ["urged the district administration to extend the water pipe to the upper village"],
        ),
        (
            "Residents said that the bus should stop at the new market twice an hour.",
            ["the bus should stop at the new market twice an hour"],
        ),
        (
            "Жители села попросили выделить средства на ремонт моста через реку.",
            ["выделить средства на ремонт моста через реку"],
        ),
        (
            "Жыйында айыл тургундары жаңы мектеп курууну талап кылышты.",
            ["айыл тургундары жаңы мектеп курууну талап кылышты"],
        ),
        ("Тургундардын айтымында, айылдагы жолду оңдоо керек.", ["айылдагы жолду оңдоо керек"]),
    ],
)
def test_a_request_in_prose_is_found_and_trimmed_to_the_action(text, expected):
    assert _texts(text) == expected


def test_one_proposal_per_requested_action():
    text = "The group stressed the need to repair the school roof and the need for a bus route to the district centre."
    assert _texts(text) == ["the need to repair the school roof", "the need for a bus route to the district centre"]


@pytest.mark.parametrize(
    "text",
    [
        "It is important that young people take part in local decisions.",
        "It is important that every council should publish its budget.",
        "The ministry will open two new clinics in the region next year.",
        "The council approved the new waste collection plan for the town.",
        "Residents complained about the poor state of the roads in spring.",
        "Администрация района будет рассматривать этот вопрос в следующем месяце.",
        "Участники одобрили проект развития туризма на побережье.",
        "These are the issues which need to be solved before the winter.",
        "Officials should know that people read the local budget closely.",
    ],
)
def test_importance_announcements_decisions_and_criticism_are_not_proposals(text):
    assert _texts(text) == []


def test_abbreviations_and_initials_do_not_split_a_russian_sentence():
    text = "В г. Нарын депутат А. Б. Сыдыков отметил, что необходимо открыть новый детский сад. Встреча длилась час."
    assert [span.text for span in sentences(text)][0].endswith("детский сад.")
    assert _texts(text) == ["необходимо открыть новый детский сад"]


def test_a_proposal_restated_in_the_headline_counts_once():
    text = (
        "Forum calls for a second maternity ward in Naryn\n\n"
        "The forum calls for a second maternity ward in Naryn, a speaker said."
    )
    assert _texts(text) == ["calls for a second maternity ward in Naryn"]


def test_each_proposal_keeps_its_place_in_the_source_text():
    report = (
        "# source: https://example.org/news/1\n"
        "Meeting with residents of Kara-Kulja\n\n"
        "On 3 May 2023 residents met the akim in the village club. "
        "They asked the akim to repair the irrigation canal before the summer. "
        "Farmers stressed the need to lower the fee for pasture tickets.\n"
    )
    record = parse_report(report)
    assert record.proposals == [
        "asked the akim to repair the irrigation canal before the summer",
        "the need to lower the fee for pasture tickets",
    ]
    for text, (start, end) in zip(record.proposals, record.proposal_spans, strict=True):
        assert record.source_text[start:end] == text


def test_a_labelled_list_is_used_as_it_is_with_spans():
    report = (
        "Round table in Talas\n"
        "Participants: 12\n"
        "Proposals:\n"
        "1. Open a youth centre in the district;\n"
        "2. The akimiat should publish the budget\n"
        "   on its website.\n"
    )
    record = parse_report(report)
    assert record.proposals == [
        "Open a youth centre in the district",
        "The akimiat should publish the budget on its website",
    ]
    start, end = record.proposal_spans[1]
    assert record.source_text[start:end] == "The akimiat should publish the budget\n   on its website"


def test_title_skips_source_url_and_clock_lines_and_is_empty_without_a_headline():
    record = parse_report(
        "# source: https://example.org/a/1\n10:45, 3 May 2023, Bishkek\nResidents of Tokmok met deputies\n\nText."
    )
    assert (record.title, record.headline) == ("Residents of Tokmok met deputies", True)
    no_headline = parse_report(
        "# source: https://example.org/a/2\n"
        "On Monday residents of Tokmok met two deputies in the town hall and talked about heating.\n"
    )
    assert no_headline.headline is False


def test_each_kyrgyz_demand_in_one_sentence_is_its_own_proposal():
    text = "Тургундар көпүрөнү оңдоону талап кылып, мектепке жаңы автобус берүүнү сурашты."
    assert _texts(text) == ["Тургундар көпүрөнү оңдоону талап кылып", "мектепке жаңы автобус берүүнү сурашты"]


def test_a_wish_is_a_proposal_and_a_reason_is_cut_off():
    assert _texts("The parents wanted a school bus for the hamlet, because the road is long.") == [
        "wanted a school bus for the hamlet"
    ]


def test_items_of_a_list_that_a_request_introduces_are_proposals():
    text = (
        "At the end the participants agreed on these recommendations:\n"
        "- Publish the district budget on the akimiat's website\n"
        "- Hold hearings on the budget twice a year\n"
        "\n"
        "The meeting lasted three hours.\n"
    )
    assert _texts(text) == [
        "Publish the district budget on the akimiat's website",
        "Hold hearings on the budget twice a year",
    ]


def test_words_like_noted_or_as_well_as_inside_a_request_do_not_cut_it():
    assert _texts("The council urged the ministry to fund the noted repairs, as well as the new school roof.") == [
        "urged the ministry to fund the noted repairs, as well as the new school roof"
    ]
