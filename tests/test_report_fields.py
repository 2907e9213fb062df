"""Facts read from news-style prose: what the text says about the event itself, and nothing it does not.

Every report here is written for these tests."""

from datetime import date

import pytest

from dashboard.report_parser import detect_language, parse_report


def _report(*lines: str) -> str:
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The forum took place on 4th-5th June 2019 in Naryn.", date(2019, 6, 4)),
        ("Форум прошел 11–12 марта 2020 года в Нарыне.", date(2020, 3, 11)),
        # The dateline dates the page; its year completes the event's day and month.
        ("BISHKEK, June 9, 2018 – On Tuesday, June 5, a round table was held in the capital.", date(2018, 6, 5)),
        # A day and month with no year anywhere in the text: unknown, however likely a year seems.
        ("The hearing was held on 6 March in the district hall.", None),
        # 'Today' is no date, even when the page's clock line has one.
        ("Today residents met the akim in the village club.", None),
    ],
)
def test_event_date_from_prose(body, expected):
    record = parse_report(_report("# source: https://example.org/2017/05/01/page", "Meeting in Naryn", "", body))
    assert record.date == expected


def test_a_clock_line_is_neither_title_nor_event_date():
    record = parse_report(
        _report("Чт, 12 октября 2023, 14:05", "Жители Кочкора встретились с акимом", "", "Сегодня прошла встреча.")
    )
    assert record.title == "Жители Кочкора встретились с акимом"
    assert record.date is None


@pytest.mark.parametrize(
    ("body", "region", "city"),
    [
        ("Встреча прошла в Ошской области, в Кара-Суйском районе.", "Osh", None),
        ("Встреча прошла в г. Ош в здании мэрии.", "Osh city", "Ош"),
        ("The hearing was held in Osh city.", "Osh city", "Osh"),
        # A district is not a town.
        ("В Узгенском районе прошли встречи с жителями.", "Osh", None),
        # A village the gazetteer does not know is kept as written, in the text's own script.
        ("The hearing was held in the school hall in Kok-Tash village of Talas region.", "Talas", "Kok-Tash"),
    ],
)
def test_place_where_the_event_was_held(body, region, city):
    record = parse_report(_report("Встреча с жителями" if "Встреч" in body or "В " in body else "Hearing", "", body))
    assert (record.region, record.city) == (region, city)


def test_the_body_says_where_it_was_held_even_when_the_headline_names_another_region():
    record = parse_report(
        _report("В Таласской области прошло собрание союза фермеров", "", "Собрание прошло в Бишкеке в пятницу.")
    )
    assert (record.region, record.city) == ("Bishkek", "Бишкеке")


def test_organisations_and_home_districts_do_not_place_the_event():
    record = parse_report(
        _report(
            "Delegates discuss pastures",
            "",
            "A delegate from Ak-Talaa district of Naryn region spoke for the Naryn Pasture Users Union.",
        )
    )
    assert record.city is None


@pytest.mark.parametrize(
    ("body", "venue"),
    [
        (
            "The round table was held in the conference hall of the Ala-Too hotel in Bishkek.",
            "conference hall of the Ala-Too hotel",
        ),
        ("Встреча прошла в актовом зале районной администрации накануне.", "актовом зале районной администрации"),
    ],
)
def test_venue_from_the_sentence_that_says_where_it_was_held(body, venue):
    assert parse_report(_report("Meeting", "", body)).venue == venue


def test_several_moderators_are_joined():
    record = parse_report(
        _report(
            "Конференция общественных советов",
            "",
            "Модераторами конференции выступили Айбек Токтосунов, эксперт фонда, и Нуриза Асанова, юрист.",
        )
    )
    assert record.moderator == "Айбек Токтосунов; Нуриза Асанова"


@pytest.mark.parametrize(
    ("sentence", "total"),
    [
        ("Курултайга 412 делегат катышууда.", 412),
        ("В слушаниях приняли участие свыше 100 человек.", None),
        ("Около 40 человек пришли на встречу.", None),
    ],
)
def test_counts_only_when_exact(sentence, total):
    record = parse_report(_report("Курултай", "", sentence))
    assert record.participants_total == total


def test_an_approximate_count_leaves_a_warning_naming_its_sentence():
    record = parse_report(_report("Hearing in Talas", "", "More than 60 participants attended the hearing."))
    assert record.participants_total is None
    assert record.warnings == [
        'participants left empty: the count is not exact in "More than 60 participants attended the hearing."'
    ]


def test_russian_text_full_of_kyrgyz_names_is_russian():
    text = "Жители сел Төрт-Көл и Көк-Жар обсудили с акимом вопросы дорог и пастбищ, а также электроснабжения."
    assert detect_language(text) == "ru"
    assert detect_language("Айыл тургундары аким менен жолугушуп, жолдор жана суу маселесин талкуулашты.") == "ky"
