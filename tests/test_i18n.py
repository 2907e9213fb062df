"""Interface languages: complete catalogs, the language switch, and Russian and Kyrgyz briefings."""

import json
import re
import string
from datetime import date
from decimal import Decimal

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from pptx import Presentation

from dashboard import cli, i18n
from tests.conftest import FOUNDING_REPORT, ROOT, open_page, run_cli

TRANSLATED = ("ru", "ky")
KYRGYZ_LETTERS = set("ңөүҢӨҮ")


def catalog(lang: str):
    with (ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def messages_in_source() -> set[str]:
    method_map = [("streamlit_app.py", "python"), ("dashboard/**.py", "python")]
    found = set()
    for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated_with_the_same_placeholders(lang):
    messages = [message for message in catalog(lang) if message.id]
    assert len(messages) > 100
    problems = []
    for message in messages:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(text.strip() for text in strings):
            problems.append(f"untranslated: {ids[0]!r}")
            continue
        wanted = placeholders(ids[0])
        for text in strings:
            # a form for exactly one may leave the number out ("одна тема"); no form may invent a placeholder
            if placeholders(text) - wanted or (placeholders(text) != wanted and len(strings) == 1):
                problems.append(f"placeholders differ: {ids[0]!r} -> {text!r}")
    assert problems == []


def test_the_catalogs_hold_every_message_the_code_marks():
    """A string wrapped in _() but not extracted and translated fails here: run the README's pybabel commands."""
    for lang in TRANSLATED:
        in_catalog = {message.id[0] if isinstance(message.id, tuple) else message.id for message in catalog(lang)}
        assert messages_in_source() - in_catalog == set(), lang


def test_russian_plural_forms_and_locale_formatting():
    with i18n.using("ru"):
        forms = [i18n.ngettext("{count} participant", "{count} participants", n).format(count=n) for n in (1, 2, 5, 21)]
        assert forms == ["1 участник", "2 участника", "5 участников", "21 участник"]
        assert i18n.number(12268) == "12\xa0268"
        assert i18n.percent(0.406, 1) == "40,6\xa0%"  # CLDR: a no-break space before the sign in Russian
        assert i18n.percent(0.4) == "40\xa0%"
        assert i18n.long_date(date(2021, 7, 8)) == "8 июля 2021\u202fг."
        assert i18n.month_name(7) == "июль"
    with i18n.using("en"):
        assert i18n.number(12268) == "12,268"
        assert i18n.percent(0.406, 1) == "40.6%"
        assert i18n.long_date(date(2021, 7, 8)) == "8 July 2021"
    with i18n.using("ky"):
        assert i18n.percent(0.406, 1) == "40,6%"  # CLDR's Kyrgyz pattern has no space


def test_remembered_numbers_and_region_names_follow_the_language():
    # Formatting and region names are memoised (charts repeat them hundreds of times a run): switching
    # language back and forth must still give each language's form.
    for lang, number, share, region in (
        ("ru", "1\xa0234,5", "12,5\xa0%", "г. Бишкек"),
        ("en", "1,234.5", "12.5%", "Bishkek"),
        ("ru", "1\xa0234,5", "12,5\xa0%", "г. Бишкек"),
    ):
        with i18n.using(lang):
            assert (i18n.number(1234.5), i18n.percent(0.125, 1), i18n.region_label("Bishkek")) == (
                number,
                share,
                region,
            )
            assert i18n.number(Decimal("1234.50")) == number


def test_reference_labels_in_each_language():
    with i18n.using("ky"):
        assert i18n.region_label("Issyk-Kul") == "Ысык-Көл облусу"
        assert i18n.theme_label("environment_water") != i18n.labels("theme", "en")["environment_water"]
        assert i18n.event_type_label("round_table") == "Тегерек стол"
        assert i18n.participant_group_label("youth") == "Жаштар"
    with i18n.using("ru"):
        assert i18n.region_label("Bishkek") == "г. Бишкек"
        assert i18n.event_type_label("public_hearing") == "Общественные слушания"


def test_browser_language_and_link_values():
    assert i18n.from_accept_language("de-DE,de;q=0.9,ru;q=0.8,en;q=0.5") == "ru"
    assert i18n.from_accept_language("ky-KG, en;q=0.9") == "ky"
    assert i18n.from_accept_language("fr-FR") is None
    assert i18n.parse_language("xx") is None


def shown_texts(node) -> list[str]:
    """Every text an AppTest element tree shows: bodies, labels, placeholders, help and options,
    table column headers and chart texts (titles, axis and legend titles, trace names, hover labels)."""
    texts = []
    proto = getattr(node, "proto", None)
    for field in ("label", "body", "placeholder", "help"):
        value = getattr(proto, field, None)
        if isinstance(value, str) and value:
            texts.append(value)
    texts += [option for option in getattr(proto, "options", []) if isinstance(option, str)]
    texts += headers(proto) + chart_texts(proto)
    for child in getattr(node, "children", {}).values():
        texts += shown_texts(child)
    return texts


def headers(proto) -> list[str]:
    """Column headers a dataframe shows (st.column_config labels)."""
    columns = getattr(proto, "columns", None)
    if not isinstance(columns, str) or not columns:
        return []
    return [config["label"] for config in json.loads(columns).values() if (config or {}).get("label")]


def chart_texts(proto) -> list[str]:
    """The words a plotly chart shows: titles, axis and colour-bar titles, notes, trace names, hover labels."""
    spec = getattr(proto, "spec", None)
    if not isinstance(spec, str) or not spec.startswith("{"):
        return []
    figure = json.loads(spec)
    layout = figure.get("layout", {})
    texts = [layout.get("title", {}).get("text", "")]
    texts += [
        value.get("title", {}).get("text", "")
        for key, value in layout.items()
        if key.startswith(("xaxis", "yaxis", "coloraxis")) and isinstance(value, dict)
    ]
    texts += [layout.get("coloraxis", {}).get("colorbar", {}).get("title", {}).get("text", "")]
    texts += [note.get("text", "") for note in layout.get("annotations", [])]
    for trace in figure.get("data", []):
        texts += [trace.get("name") or "", trace.get("colorbar", {}).get("title", {}).get("text", "")]
        # hover labels: the template's words, without its %{...} fields
        texts += re.split(r"<br>|<extra>|</extra>", re.sub(r"%\{[^}]*\}", " ", trace.get("hovertemplate") or ""))
    return [re.sub(r"<[^>]+>", " ", text).strip(" =:") for text in texts if isinstance(text, str) and text.strip()]


def english_left(texts: list[str], lang: str) -> list[str]:
    """Texts that show an English message of the catalog instead of its translation."""
    fixed, chunks = set(), set()
    for message in catalog(lang):
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not msgid or msgid in strings:  # the same in both languages, e.g. "PowerPoint (.pptx)"
            continue
        if placeholders(msgid):
            chunks |= {literal.strip() for literal, *_ in string.Formatter().parse(msgid) if len(literal.strip()) > 12}
        else:
            fixed.add(msgid)
    return [text for text in texts if text in fixed or any(chunk in text for chunk in chunks)]


# Latin words a Russian or Kyrgyz interface keeps: file formats and program names.
KEPT_LATIN = {"CSV", "XLSX", "HTML", "PowerPoint", "pptx", "html", "URL", "UTF"}


def latin_words(texts: list[str]) -> list[str]:
    """Texts with an English word (code in backticks aside): interface text the code shows without marking it."""
    return [
        text
        for text in texts
        if any(
            word not in KEPT_LATIN for word in re.findall(r"[A-Za-z]{3,}", re.sub(r"`[^`]*`|:material/\w+:", "", text))
        )
    ]


def interface_texts(at) -> list[str]:
    """Texts that are interface, never report content: headings, widget labels, column headers, chart words."""
    texts = [element.value for kind in ("title", "header", "subheader") for element in getattr(at, kind)]
    elements = list(at.main) + list(at.sidebar)
    while elements:
        element = elements.pop()
        elements += list(getattr(element, "children", {}).values())
        proto = getattr(element, "proto", None)
        label = getattr(proto, "label", None)
        texts += ([label] if isinstance(label, str) and label else []) + headers(proto) + chart_texts(proto)
    return texts


PAGES = ["overview", "participation", "themes", "proposals", "outcomes", "events", "data", "briefing"]
# (page, link values): every page, and one event's page (the founding report is event 1 in both stores)
VIEWS = [(page, {}) for page in PAGES] + [("events", {"event": "1"})]


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """The store a first start makes (the founding report and 300 demo events) and the tests' demo store."""
    from dashboard import ingest, store, ui
    from dashboard.demo_data import add_demo_events

    folder = tmp_path_factory.mktemp("i18n-stores")
    ui._first_start(folder / "first-start.duckdb")
    con = store.connect(folder / "demo.duckdb")
    ingest.ingest_paths(con, [FOUNDING_REPORT])
    add_demo_events(con, 200, seed=3)
    con.close()
    paths = {"first-start": folder / "first-start.duckdb", "demo": folder / "demo.duckdb"}
    yield paths
    # The app keeps one connection and inbox worker per store; stop them so no thread outlives the module.
    for path in paths.values():
        worker = ui._WORKERS.pop(str(path), None)
        if worker is not None:
            worker.stop()
    ui.connection.clear()


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize(("page", "params"), VIEWS, ids=[page + "-event" * bool(params) for page, params in VIEWS])
@pytest.mark.parametrize("kind", ["first-start", "demo"])
def test_no_english_left_on_any_page(stores, monkeypatch, kind, page, params, lang):
    """The whole page (sidebar and main part, tables and charts) shows only translated interface text."""
    from dashboard import ui

    monkeypatch.setenv("DASHBOARD_DB", str(stores[kind]))
    ui.data_changed()  # the page reads this store, not what the previous test cached
    at = open_page(f"dashboard/pages/{page}.py", {"lang": lang, **params})
    assert not at.exception
    texts = shown_texts(at.sidebar) + shown_texts(at.main)
    assert {"ru": "Фильтры", "ky": "Чыпкалар"}[lang] in texts and len(texts) > 12
    assert english_left(texts, lang) == []
    assert latin_words(interface_texts(at)) == []


def sidebar_text(at) -> str:
    return " ".join(
        [element.value for element in at.sidebar.header]
        + [element.label for element in at.sidebar.multiselect]
        + [element.label for element in at.sidebar.toggle]
    )


@pytest.mark.parametrize(
    ("lang", "title", "filters", "regions", "demo_toggle"),
    [
        ("ru", "Справка", "Фильтры", "Регионы", "Включать демонстрационные данные"),
        ("ky", "Маалымкат", "Чыпкалар", "Аймактар", "Демонстрациялык маалыматтарды кошуу"),
    ],
)
def test_briefing_page_in_russian_and_kyrgyz(app_store, lang, title, filters, regions, demo_toggle):
    at = open_page("dashboard/pages/briefing.py", {"lang": lang, "region": "Batken"})
    assert not at.exception
    assert at.title[0].value == title
    text = sidebar_text(at)
    for expected in (filters, regions, demo_toggle):
        assert expected in text
    region = {"ru": "Баткенская область", "ky": "Баткен облусу"}[lang]
    assert any(region in caption.value for caption in at.caption)  # the filter description, in the language
    assert at.query_params["lang"] in (lang, [lang])  # kept in the link
    kinds = at.radio(key="brief_kind").options
    assert "Briefing pack" not in kinds and len(kinds) == 3


def test_switching_language_keeps_filters_and_unknown_values_are_ignored(app_store):
    at = open_page("dashboard/pages/overview.py", {"lang": "xx", "region": "Batken"})
    assert not at.exception
    assert at.sidebar.header[0].value == "Filters"  # AppTest sends no browser language: English
    assert any("unknown language 'xx'" in caption.value for caption in at.caption)
    at.selectbox(key="f_lang").set_value("ky").run()
    assert not at.exception
    assert at.sidebar.header[0].value == "Чыпкалар"
    assert at.query_params["lang"] in ("ky", ["ky"])
    assert at.query_params["region"] in ("Batken", ["Batken"])
    assert list(at.sidebar.multiselect[0].value) == ["Batken"]
    at.switch_page("dashboard/pages/briefing.py").run()  # moving to another page keeps the language
    assert at.title[0].value == "Маалымкат"


def notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text


def slide_text(slide) -> str:
    return " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


@pytest.mark.parametrize(
    ("lang", "title", "gender_title", "kpi_note", "gender_note"),
    [
        (
            "ru",
            "Справка об итогах диалогов",
            "Участники по полу и регионам",
            "1 мероприятие (8 июля 2021\u202fг.) в 1 регионе: 50 участников, 5 предложений.",
            "Доля женщин: 44,0\xa0%.",
        ),
        (
            "ky",
            "Диалогдордун жыйынтыктары боюнча маалымкат",
            "Катышуучулар жынысы жана аймактар боюнча",
            "1 аймакта 1 иш-чара (2021-ж., 8-июль): 50 катышуучу, 5 сунуш.",
            "Аялдардын үлүшү: 44,0%.",
        ),
    ],
)
def test_briefing_deck_in_russian_and_kyrgyz(demo_store, tmp_path, lang, title, gender_title, kpi_note, gender_note):
    out = tmp_path / f"brief-{lang}.pptx"
    args = ["brief", "--format", "pptx", "--out", str(out), "--region", "Batken", "--no-demo", "--lang", lang]
    assert cli.main(args) == 0
    slides = list(Presentation(out).slides)
    assert title in slide_text(slides[0])
    assert kpi_note in notes(slides[1])
    assert gender_title in slide_text(slides[2])
    assert gender_note in notes(slides[2])
    chart = next(shape.chart for shape in slides[2].shapes if shape.has_chart)
    assert [series.name for series in chart.plots[0].series] == {
        "ru": ["Женщины", "Мужчины"],
        "ky": ["Аялдар", "Эркектер"],
    }[lang]
    # no English left on the slides (report text aside: the founding report is English)
    assert not re.search(r"\b(Filters|Events|Participants|Proposals|Women)\b", slide_text(slides[2]))


def test_brief_lang_ky_writes_a_kyrgyz_deck_with_a_cyrillic_font(demo_store, tmp_path):
    out = tmp_path / "ky.pptx"
    result = run_cli("brief", "--format", "pptx", "--out", str(out), "--lang", "ky", db=demo_store)
    assert result.returncode == 0, result.stderr
    slides = list(Presentation(out).slides)
    text = " ".join(slide_text(slide) for slide in slides)
    assert "Негизги көрсөткүчтөр" in text and KYRGYZ_LETTERS & set(text)
    fonts = {
        run.font.name
        for slide in slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    }
    assert fonts == {"Arial"}
    html = tmp_path / "ky.html"
    result = run_cli("brief", "--format", "html", "--out", str(html), "--lang", "ky", db=demo_store)
    assert result.returncode == 0, result.stderr
    page = html.read_text(encoding="utf-8")
    assert '<html lang="ky">' in page and "Иш-чаралар" in page
    bad = run_cli("brief", "--format", "pptx", "--out", str(out), "--lang", "de", db=demo_store)
    assert bad.returncode == 2 and "--lang" in bad.stderr


def test_export_and_template_in_russian_and_kyrgyz(demo_store, tmp_path):
    from openpyxl import load_workbook

    from dashboard.table_import import COLUMN_NAMES

    out = tmp_path / "ru.xlsx"
    assert cli.main(["export", "--format", "xlsx", "--out", str(out), "--lang", "ru"]) == 0
    workbook = load_workbook(out)
    assert workbook.sheetnames == [
        "Мероприятия",
        "Участие",
        "Предложения",
        "Темы",
        "История исполнения",
        "Столбцы",
        "Сводка",
    ]
    assert [cell.value for cell in workbook["Мероприятия"][1]][:2] == ["№ мероприятия", "Название"]
    # one column id, two meanings: the follow-up history's status is not the review status
    assert "Статус исполнения" in [cell.value for cell in workbook["История исполнения"][1]]
    assert "Статус проверки" in [cell.value for cell in workbook["Предложения"][1]]
    assert workbook["Мероприятия"].max_row == 202  # the same rows as in English
    columns = {row[1]: row for row in workbook["Столбцы"].iter_rows(min_row=2, values_only=True)}
    assert columns["event_date"][:4] == ("events", "event_date", "Мероприятия", "Дата")
    template = tmp_path / "ky.xlsx"
    assert cli.main(["template", "--out", str(template), "--lang", "ky"]) == 0
    workbook = load_workbook(template)
    # the sheet people fill keeps the column names the import reads; the description sheet is in Kyrgyz
    assert [cell.value for cell in workbook["events"][1]] == list(COLUMN_NAMES)
    described = workbook.worksheets[1]
    assert [cell.value for cell in described[1]] == ["мамыча", "милдеттүү", "сүрөттөмө"]
    assert [cell.value for cell in described[2]][:2] == ["title", "ооба"]


def test_pages_format_numbers_dates_and_months_in_the_language(demo_store):
    at = open_page("dashboard/pages/overview.py", {"lang": "ru"})
    tiles = {metric.label: metric.value for metric in at.metric}
    assert re.fullmatch(r"\d{1,3}(\xa0\d{3})+", tiles["Участники"])  # 8 073, not 8,073
    assert re.fullmatch(r"\d{1,2},\d\xa0%", tiles["Доля женщин"])  # 43,2 %, not 43.2%
    at = open_page("dashboard/pages/proposals.py", {"lang": "ky"})
    at.radio(key="proposals_grain").set_value("Ай").run()  # "Month"
    figure = json.loads(next(element.proto.spec for element in at.main if getattr(element.proto, "spec", "")))
    assert figure["layout"]["separators"] == ",\xa0"
    with i18n.using("ky"):
        months = {i18n.month_name(month) for month in range(1, 13)}
    ticks = figure["layout"]["xaxis"]["ticktext"]
    assert ticks and all(tick.split()[0] in months for tick in ticks)  # "Июль 2016", Kyrgyz month names


@pytest.mark.parametrize(
    ("lang", "title", "sentence"),
    [
        ("ru", "Что стало с предложениями", "Предложения: 5. Доля предложений с ответом: 0,0\xa0%."),
        ("ky", "Сунуштардын тагдыры", "Сунуштар: 5. Жооп алган сунуштардын үлүшү: 0,0%."),
    ],
)
def test_briefing_outcomes_slide_in_russian_and_kyrgyz(demo_store, tmp_path, lang, title, sentence):
    out = tmp_path / f"outcomes-{lang}.pptx"
    args = ["brief", "--format", "pptx", "--out", str(out), "--region", "Batken", "--no-demo", "--lang", lang]
    assert cli.main(args) == 0
    slide = next(slide for slide in Presentation(out).slides if title in slide_text(slide))
    assert sentence in notes(slide)
    chart = next(shape.chart for shape in slide.shapes if shape.has_chart)
    statuses = list(chart.plots[0].categories)
    assert {"ru": "Нет ответа", "ky": "Жооп жок"}[lang] in statuses and "No response" not in statuses


def test_link_notices_are_in_the_language_however_many(app_store):
    at = open_page(
        "dashboard/pages/overview.py", {"lang": "ru", "region": ["Atlantis", "Mordor", "Narnia", "Oz", "Lilliput"]}
    )
    notice = next(caption.value for caption in at.caption if caption.value.startswith("В ссылке не учтено"))
    assert notice.endswith("; и еще 2")  # three notices shown, the rest counted


def test_file_errors_are_english_in_the_cli_and_in_the_language_in_the_app():
    import pickle

    from dashboard.i18n import N_, Message
    from dashboard.report_parser import ReportError

    error = ReportError(Message(N_("unknown region {region!r}"), region="x{y}"), 3, "region")
    assert str(error) == "line 3, field region: unknown region 'x{y}'"
    arrived = pickle.loads(pickle.dumps(error))  # as an error comes back from a parsing process
    with i18n.using("ky"):
        assert i18n.translate(str(arrived)) == "3-сап, region талаасы: белгисиз аймак 'x{y}'"
    too_long = Message(N_("the table has more than {limit:,} rows; split it into smaller files"), limit=100000)
    assert too_long == "the table has more than 100,000 rows; split it into smaller files"
    with i18n.using("ru"):
        assert i18n.translate(too_long) == "в таблице более 100\xa0000 строк; разделите ее на несколько файлов"
