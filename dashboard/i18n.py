"""The interface language: gettext messages, locale formatting and reference-data labels.

Messages live in `locales/<lang>/LC_MESSAGES/messages.po` (English msgids; see docs/glossary.md and
the README for the pybabel commands). The .po files are compiled in memory when first used, so there
is no binary .mo file in the repository to go stale.

The current language is a context variable: the app sets it once per run (`dashboard.ui`), the CLI
with `using(lang)`; code that writes text calls `_()`, `ngettext()` and the formatters below and
never takes a language argument:

    st.title(_("Themes"))
    st.caption(ngettext("{count} event", "{count} events", n).format(count=number(n)))
    KINDS = (N_("Briefing pack"), ...)  # module level: marked here, translated where shown with _()
    raise ReportError(Message(N_("unknown region {region!r}"), region=name))  # English in the CLI,
    st.error(i18n.translate(str(error)))                                     # the language in the app
    figure.update_layout(separators=plotly_separators())
    labels("theme")[theme_id], region_label(region_name)  # reference data in the language
"""

import contextlib
import functools
import re
from contextvars import ContextVar
from datetime import date
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _babel_format_date
from babel.dates import get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal as _babel_format_decimal
from babel.numbers import format_percent as _babel_format_percent
from babel.numbers import get_decimal_symbol, get_group_symbol
from babel.support import NullTranslations, Translations

from dashboard import reference

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"
LANGUAGES = ("en", "ru", "ky")
DEFAULT = "en"
# Each language's name in itself, as the switch shows it.
NATIVE_NAMES = {"en": "English", "ru": "Русский", "ky": "Кыргызча"}

_current: ContextVar[str] = ContextVar("language", default=DEFAULT)


def language() -> str:
    return _current.get()


def set_language(lang: str) -> None:
    _current.set(lang if lang in LANGUAGES else DEFAULT)


@contextlib.contextmanager
def using(lang: str):
    """Everything written inside the block is in `lang`."""
    token = _current.set(lang if lang in LANGUAGES else DEFAULT)
    try:
        yield
    finally:
        _current.reset(token)


def parse_language(value: str | None) -> str | None:
    """`en`, `ru` or `ky` from a URL value or an Accept-Language entry (`ru-RU`, `ky_KG`); None otherwise."""
    if not value:
        return None
    code = value.strip().replace("_", "-").split("-")[0].casefold()
    return code if code in LANGUAGES else None


def from_accept_language(header: str | None) -> str | None:
    """The first supported language in an Accept-Language header, by the browser's order of preference."""
    ranked = []
    for position, entry in enumerate((header or "").split(",")):
        tag, _sep, params = entry.partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        lang = parse_language(tag)
        if lang and quality > 0:
            ranked.append((-quality, position, lang))
    return min(ranked)[2] if ranked else None


# ---------------------------------------------------------------- messages


@functools.cache
def translations(lang: str) -> NullTranslations:
    path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == DEFAULT or not path.exists():
        return NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def _(message: str) -> str:
    """`message` (an English msgid) in the current language."""
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form for `count` in the current language (Russian has three: 1 участник, 2 участника, 5 участников)."""
    return translations(language()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; translate it with `_()` where it is shown."""
    return message


class Message(str):
    """An English message, as the CLI prints it, that keeps its msgid and arguments so the app can show it
    in the interface language with `translate()`: errors raised deep in ingest, before any language is known.

        raise ReportError(Message(N_("unknown region {region!r}"), region=name))
    """

    def __new__(cls, msgid: str, **args):
        text = super().__new__(cls, msgid.format(**args))
        text.msgid, text.args = msgid, args
        return text

    def __reduce__(self):  # errors cross process boundaries (parallel parsing) and must arrive whole
        return _message, (self.msgid, self.args)


def _message(msgid: str, args: dict) -> Message:
    return Message(msgid, **args)


def translate(text) -> str:
    """A `Message` (and the Messages among its arguments) in the current language; other text as it is."""
    if not isinstance(text, Message):
        return str(text)
    args = {name: translate(value) if isinstance(value, Message) else value for name, value in text.args.items()}
    args = {name: _Number(value) if type(value) in (int, float) else value for name, value in args.items()}
    return _(text.msgid).format(**args)


class _Number:
    """A number in a message, written with the language's marks for the msgid's "{n:,}" and "{n:.1f}"."""

    def __init__(self, value: float):
        self.value = value

    def __format__(self, spec: str) -> str:
        if spec == ",":
            return number(self.value)
        if re.fullmatch(r"\.\d+f", spec):
            return _babel_format_decimal(self.value, "0." + "0" * int(spec[1:-1]), locale=_locale())
        return format(self.value, spec)


# ---------------------------------------------------------------- formatting


def _locale() -> Locale:
    return _parsed_locale(language())


@functools.cache  # charts format hundreds of numbers a run; parsing the locale was a quarter of each
def _parsed_locale(code: str) -> Locale:
    try:
        return Locale.parse(code)
    except UnknownLocaleError:  # pragma: no cover - every language in LANGUAGES has CLDR data
        return Locale.parse(DEFAULT)


# Charts label hundreds of cells a run with the same few numbers; babel takes ≈0.05 ms for each.
# Keyed by type as well: 1 and 1.0 are one dict key, and a type could format differently.
FORMATTED_ENTRIES = 8192


def number(value) -> str:
    """A whole or decimal number with the language's grouping: 12,268 / 12 268."""
    return _number(language(), type(value), value)


@functools.lru_cache(maxsize=FORMATTED_ENTRIES)
def _number(code: str, _kind: type, value) -> str:
    return _babel_format_decimal(value, locale=_parsed_locale(code))


def percent(share, decimals: int = 0) -> str:
    """`share` in 0..1 as a percentage in the language's CLDR pattern: 40.6% / 40,6 % (Russian puts a
    no-break space before the sign). Pass a Decimal to avoid float error, e.g. Decimal("39.65").scaleb(-2)."""
    return _percent(language(), type(share), share, decimals)


@functools.lru_cache(maxsize=FORMATTED_ENTRIES)
def _percent(code: str, _kind: type, share, decimals: int) -> str:
    return _babel_format_percent(share, _percent_pattern(code, decimals), locale=_parsed_locale(code))


def percent_pattern(decimals: int = 0) -> str:
    """The language's CLDR percent pattern with exactly `decimals` decimals: "#,##0.0%" / "#,##0.0 %"."""
    return _percent_pattern(language(), decimals)


@functools.cache
def _percent_pattern(code: str, decimals: int) -> str:
    pattern = _parsed_locale(code).percent_formats[None].pattern
    fraction = "." + "0" * decimals if decimals else ""
    return re.sub(r"[#,]*0+(?:\.[0#]*)?", lambda match: match.group(0).split(".")[0] + fraction, pattern, count=1)


def percent_suffix() -> str:
    """What follows a number to make it a percentage, as on a chart axis: "%" / no-break space and "%"."""
    return _locale().percent_formats[None].suffix[0]


def signed(value, decimals: int = 0) -> str:
    """A change with its sign, as in a tile's delta: +1,234 / −3.5 / +1 234."""
    fraction = "." + "0" * decimals if decimals else ""
    return _babel_format_decimal(value, f"+#,##0{fraction};-#,##0{fraction}", locale=_locale())


def plotly_separators() -> str:
    """Plotly's `layout.separators` (decimal mark, then group mark) for the current language."""
    return get_decimal_symbol(_locale()) + get_group_symbol(_locale())


def long_date(day: date) -> str:
    """8 July 2021 / 8 июля 2021 г. / 2021-ж., 8-июль."""
    return _babel_format_date(day, "d MMMM y" if language() == "en" else "long", locale=_locale())


def month_name(month: int, width: str = "wide") -> str:
    """The month's stand-alone name (as on a chart axis): July / июль / Июль."""
    return get_month_names(width, "stand-alone", locale=_locale())[month]


# ---------------------------------------------------------------- reference data


def region_label(name: str | None) -> str:
    """A region's name (stored in English, as in data/regions.csv) in the current language."""
    if not name:
        return ""
    return _region_label(name, language())


@functools.lru_cache(maxsize=1024)  # once per table row or chart cell (over 1,000 a Themes run); few names
def _region_label(name: str, code: str) -> str:
    region = reference.region_by_name(name)
    if region is None:
        return _("Unknown region") if name == "Unknown region" else name  # the SQL files' fallback
    return {"ru": region.name_ru, "ky": region.name_ky}.get(code, region.name) or region.name


_REFERENCE = {
    "theme": (reference.themes, "theme_id"),
    "event_type": (reference.event_types, "event_type"),
    "participant_group": (reference.participant_categories, "category"),
}


def labels(kind: str, lang: str | None = None) -> dict[str, str]:
    """Id -> label in `lang` (default: the current language) for themes, event types or participant groups."""
    return _labels(kind, lang or language())


@functools.cache
def _labels(kind: str, lang: str) -> dict[str, str]:
    rows, key = _REFERENCE[kind]
    return {row[key]: row.get(f"label_{lang}") or row["label_en"] for row in rows()}


@functools.cache
def _english_names(kind: str, lang: str) -> tuple[re.Pattern, dict[str, str]]:
    english, translated = _labels(kind, "en"), _labels(kind, lang)
    names = {english[key]: translated[key] for key in english}
    pattern = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:{pattern})\b|\(manual\)"), names


def english_labels(text, kind: str = "theme"):
    """Text that a SQL file wrote with English labels (e.g. "Health, Migration (manual)") in the language."""
    if not isinstance(text, str) or language() == DEFAULT:
        return text
    pattern, names = _english_names(kind, language())
    return pattern.sub(lambda match: names.get(match.group(0)) or _("(manual)"), text)


# Who set a proposal's theme (proposal_themes.source), as the pages show it.
LABEL_SOURCES = {"rule": N_("rule"), "manual": N_("manual")}


def label_sources(text):
    """ "manual, rule" (a SQL file's list of proposal_themes.source values) in the language."""
    if not isinstance(text, str):
        return text
    return ", ".join(_(LABEL_SOURCES[part]) if part in LABEL_SOURCES else part for part in text.split(", "))


def theme_label(theme_id: str) -> str:
    return labels("theme").get(theme_id, theme_id)


def event_type_label(event_type: str) -> str:
    return labels("event_type").get(event_type, event_type)


def participant_group_label(category: str) -> str:
    return labels("participant_group").get(category, category)


def status_label(status: str) -> str:
    """A follow-up status (dashboard/outcomes.py) in the current language."""
    from dashboard.outcomes import STATUSES

    return _(STATUSES[status]) if status in STATUSES else status
