"""Free-text event reports (English, Russian, Kyrgyz) turned into an EventRecord.

The parser reads what the text states and nothing more: a fact the report does
not give stays None. Labels ("Moderator:", "Количество участников:") come from
data/report_labels.csv, places from data/gazetteer.csv.
"""

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dashboard import reference
from dashboard.config import DATA_DIR, MAX_REPORT_BYTES
from dashboard.i18n import N_, Message
from dashboard.model import EventRecord, Speaker
from dashboard.parsing.proposals import find_proposals, sentences
from dashboard.textmatch import tokenize


class ReportError(Exception):
    """A report that cannot be read, with the line and field where that applies."""

    unit = "line"

    def __init__(self, message: str, line: int | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.field = field

    def __str__(self) -> str:
        # A Message: the CLI prints it in English, the app shows it in the interface language.
        message, line, field = self.message, self.line, self.field
        if line is not None and field:
            return Message(LOCATED[self.unit, True], line=line, field=field, message=message)
        if line is not None:
            return Message(LOCATED[self.unit, False], line=line, message=message)
        if field:
            return Message(N_("field {field}: {message}"), field=field, message=message)
        return message


TOO_LARGE = N_("file is {size:.1f} MB; reports are limited to {limit} MB")
# Where a problem is: (unit, with a field) -> message.
LOCATED = {
    ("line", True): N_("line {line}, field {field}: {message}"),
    ("line", False): N_("line {line}: {message}"),
    ("row", True): N_("row {line}, field {field}: {message}"),
    ("row", False): N_("row {line}: {message}"),
}


# ---------------------------------------------------------------- decoding

# Control characters other than line feed and tab: many of them mean a binary file.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")


def decode_report(data: bytes) -> str:
    """Bytes of a report as normalised text; empty, binary and oversized files are refused."""
    if len(data) > MAX_REPORT_BYTES:
        raise ReportError(Message(TOO_LARGE, size=len(data) / 2**20, limit=MAX_REPORT_BYTES // 2**20))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        if b"\x00" in data:
            raise ReportError(Message(N_("binary file, not a text report")))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Reports saved by older Windows editors in Russian are Windows-1251.
            text = data.decode("cp1251", errors="replace")
    text = normalise_text(text)
    if not text.strip():
        raise ReportError(Message(N_("file is empty")))
    controls = len(_CONTROL.findall(text))
    if controls > len(text) * 0.01 or text.count("\ufffd") > len(text) * 0.05:
        raise ReportError(Message(N_("binary or unreadable file, not a text report")))
    return text


def normalise_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = _INVISIBLE.sub("", text)
    return text.replace("**", "").replace("__", "")


def read_report(path: Path) -> EventRecord:
    size = path.stat().st_size
    if size > MAX_REPORT_BYTES:
        raise ReportError(Message(TOO_LARGE, size=size / 2**20, limit=MAX_REPORT_BYTES // 2**20))
    return parse_report(decode_report(path.read_bytes()), source_file=path.name)


# ---------------------------------------------------------------- labels


@functools.cache
def _labels() -> dict[str, list[str]]:
    labels: dict[str, list[str]] = {}
    for row in reference.read_csv(DATA_DIR / "report_labels.csv"):
        labels.setdefault(row["field"], []).append(row["label"])
    return labels


@functools.cache
def _label_pattern() -> re.Pattern:
    """`Label: value` at the start of a line; longer labels first so 'date and venue' beats 'date'."""
    by_label = {label: field for field, labels in _labels().items() for label in labels}
    alternatives = sorted(by_label, key=len, reverse=True)
    names = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in alternatives)
    return re.compile(
        rf"^\s*(?:[#>*\-•]\s*)*(?P<label>{names})\s*(?P<sep>[:：]|\s[–—-]\s|$)\s*(?P<value>.*)$",
        re.IGNORECASE,
    )


@functools.cache
def _field_by_label() -> dict[str, str]:
    """Casefolded label -> its field; the first field listing a label keeps it."""
    fields: dict[str, str] = {}
    for field, labels in _labels().items():
        for label in labels:
            fields.setdefault(label.casefold(), field)
    return fields


_SPACES = re.compile(r"\s+")


def _field_of(label: str) -> str:
    return _field_by_label()[_SPACES.sub(" ", label.casefold())]


@dataclass
class Line:
    number: int  # 1-based, as an editor shows it
    text: str


@dataclass
class LabelledValue:
    line: int
    value: str


def _labelled_fields(lines: list[Line]) -> dict[str, LabelledValue]:
    """First value of each labelled field; a label alone on its line takes the next line."""
    found: dict[str, LabelledValue] = {}
    for index, line in enumerate(lines):
        match = _label_pattern().match(line.text)
        if not match:
            continue
        field = _field_of(match["label"])
        if field == "proposals":
            continue
        value = match["value"].strip()
        if not match["sep"].strip() and value:
            continue  # 'Date of birth ...' style sentence, not a label
        if not value:
            following = next((item for item in lines[index + 1 :] if item.text.strip()), None)
            if following is None or _label_pattern().match(following.text) or not match["sep"].strip():
                continue
            value = following.text.strip()
        found.setdefault(field, LabelledValue(line.number, value))
    return found


# ---------------------------------------------------------------- dates

_EN_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_RU_MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "мая": 5,
    "май": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
_EN_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_RU_MONTH = (
    r"(?P<mon>январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяю]\w*|июн\w*|июл\w*|август\w*"
    r"|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_DATE_PATTERNS = [
    # Ranges of days ('16th-17th May 2011', '14–15 мая 2015'): the event's first day.
    re.compile(
        rf"\b(?P<d>\d{{1,2}}){_ORDINAL}\s*[-–—]\s*\d{{1,2}}{_ORDINAL}\s+(?:of\s+)?{_EN_MONTH},?\s+(?P<y>\d{{4}})\b",
        re.IGNORECASE,
    ),
    re.compile(rf"(?<!\w)(?P<d>\d{{1,2}})\s*[-–—]\s*\d{{1,2}}\s+{_RU_MONTH}\s+(?P<y>\d{{4}})", re.IGNORECASE),
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    re.compile(r"\b(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})\b"),
    re.compile(rf"\b{_EN_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_EN_MONTH},?\s+(?P<y>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"(?<!\w)(?P<d>\d{{1,2}})[\s-]+{_RU_MONTH}\s+(?P<y>\d{{4}})", re.IGNORECASE),
    # Kyrgyz: 2021-жылдын 8-июлунда
    re.compile(rf"(?P<y>\d{{4}})-?\s*ж\w*\s+(?P<d>\d{{1,2}})[\s-]+{_RU_MONTH}", re.IGNORECASE),
]


@dataclass
class DateMention:
    start: int
    end: int
    raw: str
    value: date | None  # None when the text names a day that does not exist


def _month_number(name: str) -> int:
    folded = name.casefold().rstrip(".")
    for table in (_RU_MONTHS, _EN_MONTHS):
        for stem, number in table.items():
            if folded.startswith(stem):
                return number
    raise ValueError(name)


def find_dates(text: str) -> list[DateMention]:
    mentions: list[DateMention] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(m.start < match.end() and match.start() < m.end for m in mentions):
                continue
            groups = match.groupdict()
            month = int(groups["m"]) if groups.get("m") else _month_number(groups["mon"])
            try:
                value = date(int(groups["y"]), month, int(groups["d"]))
            except ValueError:
                value = None
            mentions.append(DateMention(match.start(), match.end(), match.group(0), value))
    return sorted(mentions, key=lambda mention: mention.start)


# The words that share a first letter are grouped under it: the regex engine then tries a few
# branches at each position of a sentence instead of every word (same matches, half the time).
_EVENT_VERBS = re.compile(
    r"\b(held|took place|was organi[sz]ed|organi[sz]ed|convened|conducted|hosted|gathered|met|implemented|began|"
    r"opened)\b|"
    r"с(?:остоял|обрал|тарт ал\w*)|п(?:рош[её]л|рошла|рошло|рошли|роходит|роведен)|организован|"
    r"ө(?:ттү|түп|түүдө|ткөрүлдү|ткөрүлүүдө|ткөрүштү|ткөрдү|ткөрүп)|уюштурулду|жолугуш\w*|башталды|ачылды",
    re.IGNORECASE,
)


# ---------------------------------------------------------------- places


class _PlacePattern:
    """A gazetteer entry's pattern, compiled when first tried: a report names a few of the hundreds of
    places, and compiling them all was half of what a bulk import's first file cost."""

    def __init__(self, source: str):
        self.source = source

    @functools.cached_property
    def compiled(self) -> re.Pattern:
        return re.compile(self.source, re.IGNORECASE)

    def match(self, text: str, pos: int) -> re.Match | None:
        return self.compiled.match(text, pos)

    def finditer(self, text: str) -> Iterator[re.Match]:
        return self.compiled.finditer(text)


@functools.cache
def _place_patterns() -> list[tuple[_PlacePattern, reference.Place, str]]:
    patterns = []
    for place in reference.gazetteer():
        words = [re.escape(word) for word in re.split(r"\s+", place.place.strip())]
        body = r"[\s-]+".join(words).replace(r"\-", r"[\s-]?")
        tail = r"[\w-]*" if place.prefix else r"(?![\w-])"
        patterns.append((_PlacePattern(rf"(?<![\w-]){body}{tail}"), place, _required_part(place)))
    return patterns


def _required_part(place: reference.Place) -> str:
    """Letters every match of the place's pattern contains: its first word up to a hyphen."""
    return re.split(r"[\s-]+", place.place.strip())[0].lower()


@dataclass
class PlaceMention:
    start: int
    text: str
    place: reference.Place


@functools.cache
def _places_by_first_word() -> tuple[dict[str, list[int]], list[int], list[int]]:
    """Indexes of `_place_patterns` by the first word every match starts with (as `_required_part`
    gives it), those whose first word is no plain word ('г.'), and the lengths of those first words."""
    by_word: dict[str, list[int]] = {}
    other = []
    for index, (_, _, required) in enumerate(_place_patterns()):
        if required.isalnum():
            by_word.setdefault(required, []).append(index)
        else:
            other.append(index)
    return by_word, other, sorted({len(first) for first in by_word})


# Where a place's match can start: a word not preceded by a letter, digit or hyphen.
_WORD_START = re.compile(r"(?<![\w-])\w+")


def find_places(text: str) -> list[PlaceMention]:
    """Gazetteer places in the text, the longest match winning where entries overlap."""
    # A regex scan of the whole text per gazetteer entry is slow on long text. A match starts a word
    # with the entry's first word, so an entry is tried only where such a word starts, as its own
    # scan would find it: left to right, without overlaps.
    patterns = _place_patterns()
    by_word, other, lengths = _places_by_first_word()
    starts_of: dict[str, list[int]] = {}
    for match in _WORD_START.finditer(text):
        starts_of.setdefault(match.group(0).lower(), []).append(match.start())
    tried: dict[int, list[int] | None] = {}  # entry -> where it may match (None: anywhere)
    for word, starts in starts_of.items():
        for length in lengths:  # not every prefix: a word may be a megabyte long
            if length > len(word):
                break
            for index in by_word.get(word[:length], ()):
                tried.setdefault(index, []).extend(starts)
    if other:
        lowered = text.lower()
        tried.update((index, None) for index in other if patterns[index][2] in lowered)
    candidates = []
    for index in sorted(tried):  # the gazetteer's order, which decides among equal matches
        pattern, place, _ = patterns[index]
        if tried[index] is None:
            matches = list(pattern.finditer(text))
        else:
            matches, end = [], 0
            for start in sorted(tried[index]):
                if start >= end and (match := pattern.match(text, start)):
                    matches.append(match)
                    end = match.end()
        candidates += [PlaceMention(match.start(), match.group(0), place) for match in matches]
    candidates.sort(key=lambda mention: (mention.start, -len(mention.text)))
    chosen: list[PlaceMention] = []
    for mention in candidates:
        if chosen and mention.start < chosen[-1].start + len(chosen[-1].text):
            continue
        chosen.append(mention)
    return chosen


_PLACE_WORDS = re.compile(
    r"(?i)(?<![\w-])(city|town|village|district|rayon|raion|oblast|region|province|"
    r"г\.|гор\.|город\w*|с\.|село|селе|района?|районе|области|область|айыл\w*|шаар\w*|району|облусу)(?![\w-])"
)


_CITY_BEFORE = re.compile(r"(?i)(?:г\.|гор\.|город\w*|city of|town of)\s*$")
_AREA_AFTER = re.compile(
    r"(?i)^\s*(?:district|rayon|raion|region|oblast|province|район\w*|област\w*|облус\w*|аймаг\w*|айыл\s+өкмөт\w*)"
)
_AREA_WORD = re.compile(r"(?i)(?<![\w])(?:district|rayon|raion|район\w*|аймаг\w*)(?![\w])")
_CITY_AFTER = re.compile(r"(?i)^\s*(?:city|town|шаары)\b")


def _city_name(mention: PlaceMention, text: str) -> str | None:
    """The town a mention names, or None for a region ('Naryn region', but 'г. Нарын' is a town)."""
    end = mention.start + len(mention.text)
    named_as_area = mention.place.kind == "district" and _AREA_WORD.search(mention.text)
    if named_as_area or _AREA_AFTER.match(text[end:]):
        return None  # 'Узгенском районе', 'Uzgen district': an area, not the town
    # A region's name is a town only when a town word stands next to it ('г. Нарын').
    if mention.place.kind == "region" and not (
        _CITY_BEFORE.search(text[: mention.start]) or _CITY_AFTER.match(text[end:])
    ):
        return None
    name = _PLACE_WORDS.sub(" ", mention.text)
    name = re.sub(r"\s+", " ", name).strip(" ,.-")
    return name or None


# ---------------------------------------------------------------- people and counts

_ROLE_WORDS = {
    "the",
    "a",
    "an",
    "chairman",
    "chairwoman",
    "chair",
    "head",
    "director",
    "deputy",
    "member",
    "expert",
    "representative",
    "minister",
    "mayor",
    "professor",
    "dr",
    "mr",
    "mrs",
    "ms",
    "председатель",
    "глава",
    "директор",
    "заместитель",
    "член",
    "эксперт",
    "представитель",
    "министр",
    "мэр",
    "профессор",
    "руководитель",
    "начальник",
    "аким",
    "депутат",
    "төрага",
}
_NAME_TOKEN = r"[A-ZА-ЯЁӨҮҢ][a-zа-яёөүң]+(?:[-'’][A-ZА-ЯЁӨҮҢ]?[a-zа-яёөүң]+)?"
_NAME = re.compile(rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,3}}")
_PATRONYMIC = re.compile(r"(?i)(ovich|evich|ovna|evna|ich|uulu|kyzy|ович|евич|овна|евна|ична|уулу|кызы)$")


def _leading_name(value: str) -> str | None:
    """The person's name at the start of a value like 'Name Surname, chairman of ...'."""
    match = _NAME.match(value.strip())
    if not match:
        return None
    tokens = match.group(0).split()
    if tokens[0].casefold() in _ROLE_WORDS:
        return None
    return match.group(0)


_MODERATED_BY = re.compile(
    r"(?:moderated by|facilitated by|chaired by|moderator(?: was| of the event was)?|модерировал[аи]?|"
    r"модератор(?:ом|ами)?(?:\s+(?:мероприятия|встречи|конференции|круглого стола|дискуссии))?"
    r"(?:\s+(?:выступил[аи]?|был[аи]?|стал[аи]?))?|модератор\s+[–—-])\s+(?P<rest>.+)",
    re.IGNORECASE,
)

_APPROXIMATE = re.compile(
    r"(?i)(more than|over|about|around|approximately|nearly|almost|some|up to|at least|roughly|"
    r"около|более|свыше|порядка|примерно|почти|больше|до|не менее|ашык|жакын|чамасы)\s*$"
)
# Counts are whole numbers of at most six digits, never the tail of a longer number: a
# bounded run keeps a megabyte of digits from costing quadratic time.
_TOTAL_AFTER_LABEL = re.compile(r"^\s*(?<!\d)(?P<n>\d{1,6})(?!\d)(?!\s*%)(?P<plus>\+)?")
_TOTAL_IN_TEXT = re.compile(
    r"(?i)(?<!\d)(?P<n>\d{1,6})(?!\d)(?P<plus>\+)?\s+(?:participants|people|persons|attendees|representatives|"
    r"delegates|человек|участник\w*|представител\w*|делегат\w*|киши|катышуучу\w*)"
)
_TOTAL_REVERSED = re.compile(
    r"(?i)(?:number of participants|participants|attended by|участников|участники|приняли участие|"
    r"катышуучулардын саны)\s*(?:was|were|is|—|–|-|:)?\s*(?<!\d)(?P<n>\d{1,6})(?!\d)(?P<plus>\+)?(?!\s*%)"
)
_WOMEN = [
    re.compile(r"(?i)(?<!\d)(?P<n>\d{1,6})(?!\d)\s+(?:of them\s+|of whom\s+)?(?:are\s+|were\s+)?(?:women|females?)\b"),
    re.compile(r"(?i)\b(?:women|females?)\s*(?:[-–—:]|were|was)?\s*(?<!\d)(?P<n>\d{1,6})(?!\d)(?!\s*%)"),
    re.compile(r"(?i)(?<!\d)(?P<n>\d{1,6})(?!\d)\s+(?:из них\s+)?(?:женщин\w*|девуш\w*)"),
    re.compile(r"(?i)(?:женщин\w*)\s*[-–—:]?\s*(?<!\d)(?P<n>\d{1,6})(?!\d)(?!\s*%)"),
    re.compile(r"(?i)(?<!\d)(?P<n>\d{1,6})(?!\d)\s+(?:аял\w*|кыз\w*)"),
    re.compile(r"(?i)(?:аялдар\w*)\s*[-–—:]?\s*(?<!\d)(?P<n>\d{1,6})(?!\d)(?!\s*%)"),
]
_MEN = [
    re.compile(r"(?i)(?<!\d)(?P<n>\d{1,6})(?!\d)\s+(?:of them\s+|of whom\s+)?(?:are\s+|were\s+)?(?:men|males?)\b"),
    re.compile(r"(?i)(?<![\w])(?:men|males?)\s*(?:[-–—:]|were|was)?\s*(?<!\d)(?P<n>\d{1,6})(?!\d)(?!\s*%)"),
    re.compile(r"(?i)(?<!\d)(?P<n>\d{1,6})(?!\d)\s+(?:мужчин\w*|юнош\w*)"),
    re.compile(r"(?i)(?:мужчин\w*)\s*[-–—:]?\s*(?<!\d)(?P<n>\d{1,6})(?!\d)(?!\s*%)"),
    re.compile(r"(?i)(?<!\d)(?P<n>\d{1,6})(?!\d)\s+(?:эркек\w*)"),
    re.compile(r"(?i)(?:эркек\w*)\s*[-–—:]?\s*(?<!\d)(?P<n>\d{1,6})(?!\d)(?!\s*%)"),
]


def _exact_number(text: str, match: re.Match) -> int | None:
    """The number a match found, unless the text qualifies it ('more than 40', '40+')."""
    if match.groupdict().get("plus") or _APPROXIMATE.search(text[: match.start("n")][-20:]):
        return None
    return int(match["n"])


def _first_count(patterns: list[re.Pattern], text: str) -> int | None:
    for pattern in patterns:
        for match in pattern.finditer(text):
            return _exact_number(text, match)
    return None


# ---------------------------------------------------------------- proposals

_ITEM = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|[-•*–—▪●·])\s+(?P<text>.+)$")
_QUOTED = re.compile(r"[\"“«„](?P<q>[^\"“”«»„]{3,})[\"”»“]")


def _proposal_sections(lines: list[Line]) -> tuple[list[str], int | None]:
    """Items listed under proposal headings, and the index of the first heading's line."""
    proposals: list[str] = []
    first_heading = None
    index = 0
    while index < len(lines):
        match = _label_pattern().match(lines[index].text)
        if not (match and _field_of(match["label"]) == "proposals"):
            index += 1
            continue
        first_heading = index if first_heading is None else first_heading
        items: list[str] = []
        inline = match["value"].strip()
        if inline:
            items.append(inline)
        marked = None  # whether this list uses numbers or bullets
        blank_before = False
        index += 1
        while index < len(lines):
            text = lines[index].text
            index += 1
            if not text.strip():
                blank_before = True
                continue
            item = _ITEM.match(text)
            if item:
                if marked is False:
                    index -= 1
                    break
                marked = True
                items.append(item["text"].strip())
            elif _label_pattern().match(text) or (blank_before and items):
                index -= 1
                break  # the next section, or prose after the list
            elif marked:
                items[-1] += " " + text.strip()  # a wrapped list item
            else:
                marked = False
                items.append(text.strip())  # an unmarked list: one proposal a line
            blank_before = False
        proposals.extend(_clean_item(item) for item in items)
    return [proposal for proposal in proposals if proposal], first_heading


def _line_offsets(lines: list[Line]) -> list[int]:
    offsets, position = [], 0
    for line in lines:
        offsets.append(position)
        position += len(line.text) + 1
    return offsets


def _locate_all(text: str, items: list[str]) -> list[tuple[int, int] | None]:
    """Where each listed item stands in the text, in order; spaces and line breaks may differ."""
    spans: list[tuple[int, int] | None] = []
    cursor = 0
    for item in items:
        pattern = r"\s+".join(re.escape(word) for word in item.split())
        match = re.compile(pattern).search(text, cursor)
        spans.append((match.start(), match.end()) if match else None)
        cursor = match.end() if match else cursor
    return spans


def _clean_item(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(";.,").strip()


# ---------------------------------------------------------------- the record


def detect_language(text: str) -> str:
    cyrillic = len(re.findall(r"[а-яёөүң]", text, re.IGNORECASE))
    latin = len(re.findall(r"[a-z]", text, re.IGNORECASE))
    if cyrillic <= latin:
        return "en"
    # Russian text names Kyrgyz people and places (Төлөнбек, Төрт-Көл): the common words decide.
    words = tokenize(text)
    kyrgyz = sum(word in _KY_WORDS for word in words)
    russian = sum(word in _RU_WORDS for word in words)
    return "ky" if kyrgyz > russian else "ru"


_KY_WORDS = frozenset(
    "жана менен үчүн деп бул анын алар ал да дагы эле боюнча тарабынан жатат керек эмес болуп болот "
    "бүгүн ошондой мындан ага аны бир".split()
)
_RU_WORDS = frozenset("и в на с по что для не из о от к как это за также его их был была были".split())


def _first_term_match(index, texts: list[str]) -> str | None:
    for text in texts:
        found = index.find(tokenize(text))
        if found:
            return found[0][2]
    return None


@functools.lru_cache(maxsize=64)
def _sentences(text: str) -> tuple[str, ...]:
    """Sentences, not split after abbreviations or initials ('г. Ош', 'А. Б. Иванов'); a report's parts ask often."""
    return tuple(sentence.text.strip() for sentence in sentences(text) if sentence.text.strip())


_DATE_STAMP_START = re.compile(
    r"(?i)^\W*(?:\d|date\b|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\b|"
    r"(?:пн|вт|ср|чт|пт|сб|вс|понед|вторн|сред|четв|пятн|суббот|воскрес|янв|фев|мар|апр|мая|май|июн|июл|авг|сен|окт|ноя|дек)\w*\b|"
    r"(?:дүйшөмбү|шейшемби|шаршемби|бейшемби|жума|ишемби|жекшемби)\b)"
)
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_YEAR_OR_TIME = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|\b\d{1,2}:\d{2}\b")
_LABEL_LINE = re.compile(r"^[\w’' -]{2,30}:\s")


def is_stamp_line(text: str) -> bool:
    """A page's source, URL or clock line ('# source: ...', 'Fri, 24 Nov 2017 11:45'), never the headline."""
    text = text.strip().lstrip("#").strip()
    if re.match(r"(?i)^(source:|https?://|www\.)", text):
        return True
    if len(text) >= 120 or not _DATE_STAMP_START.match(text):
        return False
    # '15 November 2021.' alone on a line may be the event's date; a clock time or a weekday or month word first
    # ('Fri, 24 Nov 2017', 'Ноя 23.2021') marks the page's own stamp.
    return bool(_CLOCK.search(text)) or (not text[0].isdigit() and bool(_YEAR_OR_TIME.search(text)))


def _is_headline(text: str, following: str) -> bool:
    """A headline is one short line that is not a sentence of the body nor in a block of 'Label: value' lines."""
    if len(text) > 250 or (_LABEL_LINE.match(text) and _LABEL_LINE.match(following)):
        return False
    quoted_name = text[:1] in '"“«„' and re.search(r"[\"”»“][.]?$", text)
    return not re.search(r"[.!?…:;,]$", text) or bool(quoted_name)


def _title(lines: list[Line]) -> tuple[str, bool]:
    """(title, whether the report has a headline); without one, the title is the first words of the text."""
    for index, line in enumerate(lines):
        text = line.text.strip().lstrip("#").strip()
        if not text or is_stamp_line(text):
            continue
        match = _label_pattern().match(text)
        if match and _field_of(match["label"]) == "published":
            continue
        following = next((item.text.strip() for item in lines[index + 1 :] if item.text.strip()), "")
        if _is_headline(text, following):
            return text, True
        first = _sentences(text)[0]
        return (first if len(first) <= 120 else first[:119].rsplit(" ", 1)[0] + "…"), False
    return "", False


# Day and month without a year ('on 2 June', 'Friday, June 2', '21 апреля').
_DAY_MONTH = [
    re.compile(rf"\b{_EN_MONTH}\s+(?P<d>\d{{1,2}}){_ORDINAL}\b(?!,?\s*\d)", re.IGNORECASE),
    re.compile(rf"\b(?P<d>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_EN_MONTH}\b(?!,?\s*\d)", re.IGNORECASE),
    re.compile(rf"(?<![\w-])(?P<d>\d{{1,2}})[\s-]+{_RU_MONTH}(?!,?\s*\d)", re.IGNORECASE),
]
# A news dateline: 'BISHKEK, June 5, 2017 –', 'Бишкек, 9 июня /Кабар/.' It dates the page, not the event.
_DATELINE = re.compile(r"^\s*[A-ZА-ЯЁӨҮҢ][\w-]+(?:\s[A-ZА-ЯЁӨҮҢ][\w-]+)?,\s*(?=\w*\s*\d|\d)")


_DAY_RANGE = re.compile(r"\d{1,2}\w*\s*[-–—]\s*\d")


def _day_month(sentence: str, year: int) -> date | None:
    for pattern in _DAY_MONTH:
        for match in pattern.finditer(sentence):
            try:
                return date(year, _month_number(match["mon"]), int(match["d"]))
            except ValueError:
                continue
    return None


def _event_date(fields: dict[str, LabelledValue], lines: list[Line]) -> date | None:
    """The labelled date, else a full date in the prose (one in a sentence saying the event was held
    first), else a day and month whose year only the page's dateline or clock line gives.

    Publication lines, clock lines and datelines date the page, not the event."""
    for field in ("date_venue", "date"):
        labelled = fields.get(field)
        if labelled:
            mentions = find_dates(labelled.value)
            if mentions:
                if mentions[0].value is None:
                    raise ReportError(
                        Message(N_("impossible date {date!r}"), date=mentions[0].raw), labelled.line, "date"
                    )
                return mentions[0].value
    published_lines = {
        line.number
        for line in lines
        if (match := _label_pattern().match(line.text)) and _field_of(match["label"]) == "published"
    }
    published_words = re.compile(r"(?i)\b(published|posted|updated|опубликован\w*|обновлен\w*|жарыялан\w*)\b")
    candidates: list[tuple[int, date]] = []
    page_years: list[int] = []
    event_sentences: list[str] = []
    for line in lines:
        if line.number in published_lines or is_stamp_line(line.text):
            if not re.match(r"(?i)^\W*(?:source:|https?://|www\.)", line.text):  # a URL's year is no statement
                page_years += [int(year) for year in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", line.text)]
            continue
        for sentence in _sentences(line.text):
            if published_words.search(sentence):
                continue
            mentions = [mention for mention in find_dates(sentence) if mention.value is not None]
            dateline = _DATELINE.match(sentence)
            if dateline and mentions and mentions[0].start - dateline.end() < 3:
                page_years.append(mentions[0].value.year)
                if not _DAY_RANGE.match(mentions[0].raw):
                    mentions = mentions[1:]  # one day: the page's date; a range of days is the event's
            for mention in mentions:
                candidates.append((0 if _EVENT_VERBS.search(sentence) else 1, mention.value))
            if _EVENT_VERBS.search(sentence):
                event_sentences.append(sentence[dateline.end() :] if dateline else sentence)
    if candidates:
        return min(candidates, key=lambda candidate: candidate[0])[1]
    if len(set(page_years)) == 1:
        for sentence in event_sentences:
            found = _day_month(sentence, page_years[0])
            if found:
                return found
    return None


# A settlement the event was held in, named with its kind: 'in Tort-Kul village', 'в селе Озгоруш',
# 'Чарбак айылында'. The name is kept as written; the gazetteer gives its region where it knows it.
_SETTLEMENT = [
    re.compile(
        r"\b(?:in|at)\s+(?:the\s+)?(?:mountain\s+)?(?:village|town|city|settlement)\s+of\s+"
        r"(?P<name>[A-Z][\w’'-]+(?:-[A-Z][\w-]+)?)"
    ),
    re.compile(r"\bin\s+(?P<name>[A-Z][\w’'-]+(?:-[A-Z][\w-]+)?)\s+(?:village|town)\b"),
    re.compile(r"(?<![\w])[Вв]\s+(?:сел[еоа]|селении|поселке|посёлке|городе|г\.)\s*(?P<name>[А-ЯЁ][\w-]+)"),
    re.compile(r"(?P<name>[А-ЯЁӨҮҢ][\w-]+)\s+(?:айылында|шаарында|шаарындагы|кыштагында)(?![\w])"),
]


# The building or room the event was held in, as written ('in the high school hall', 'в санатории «...»',
# '... атындагы улуттук филармонияда').
_VENUE_WORDS_EN = (
    r"hall|hotel|centre|center|library|club|theatre|theater|house|school|university|office|building|museum|"
    r"sanatorium|palace|residence|auditorium"
)
_VENUE = [
    re.compile(
        rf"\b(?:in|at)\s+(?:the\s+)?(?P<v>[^,.;:()]{{0,60}}?\b(?:{_VENUE_WORDS_EN})\b(?:\s+of\s+[^,.;:()]{{1,40}}?)?)"
        r"(?=\s+(?:in|on|of|at)\s+[A-Z0-9]|\s+(?:on|in)\s+\d|[,.;:()]|$)",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?<![\w])[Вв]\s+(?P<v>(?:актовом\s+|конференц-|большом\s+|малом\s+)?(?:зале|здании|санатории|гостинице|отеле|"
        r"доме|центре|библиотеке|школе|университете|резиденции|филармонии|театре|музее|кафе|ресторане)"
        r"(?:\s+(?!накануне|прош|состоял|сегодня|вчера|в\s)[^\s,.;]+){0,6})"
    ),
    re.compile(
        r"(?P<v>(?:[^\s,.;]+\s+){0,4}(?:залында|залда|театрында|филармонияда|филармониясында|үйүндө|"
        r"имаратында|борборунда|китепканасында|мектебинде|мейманканасында))(?![\w])",
        re.IGNORECASE,
    ),
]


def _venue(sentences: list[str]) -> str | None:
    for sentence in sentences:
        for pattern in _VENUE:
            if match := pattern.search(sentence):
                value = match["v"].strip(" ,")
                # A Kyrgyz venue starts after the town it stands in ('Каракол шаарындагы ...').
                value = re.split(r"(?i)\S+(?:шаарындагы|айылындагы|районундагы|облусундагы)\s+|бүгүн,?\s+", value)[-1]
                return value or None
    return None


def _settlement(sentence: str) -> str | None:
    for pattern in _SETTLEMENT:
        if match := pattern.search(sentence):
            return match["name"]
    return None


def _place(
    fields: dict[str, LabelledValue], title: str, headline: bool, text: str
) -> tuple[str | None, str | None, str | None]:
    """(region, city, venue) from the venue line, else a sentence saying where the event was held, else
    the headline. Organisation names, delegates' home districts and places in proposals elsewhere in the
    text do not place the event."""
    venue_source = fields.get("date_venue") or fields.get("venue")
    venue = None
    region = city = None
    sources = []
    if venue_source:
        value = venue_source.value
        for mention in find_dates(value):
            value = value.replace(mention.raw, " ")
        value = re.sub(r"^[\s,.;:–—-]+|[\s,.;:–—-]+$", "", value)
        segments = [segment.strip() for segment in value.split(",") if segment.strip()]
        place_segments = [segment for segment in segments if find_places(segment)]
        if place_segments:
            venue = ", ".join(segment for segment in segments if segment != place_segments[0]) or None
            sources.append(place_segments[0])
        else:
            venue = value or None
    # The headline is read after the body's sentences: it often names the organiser's region.
    event_sentences = [
        sentence for sentence in _sentences(text) if _EVENT_VERBS.search(sentence) and sentence.strip() != title
    ]
    page = "\n".join(line for line in text.split("\n") if not is_stamp_line(line))
    sources += [*event_sentences, *([title] if headline else []), page]
    for source in sources:
        mentions = find_places(source)
        if mentions and region is None:
            region = mentions[0].place.region
        if source is page:
            break  # a place named anywhere in the page may give the region, never the town
        for mention in mentions:
            if city is None and mention.place.region == region:
                city = _city_name(mention, source)
        if region and city:
            break
    if venue is None:
        venue = _venue(event_sentences)
    if city is None:
        for sentence in event_sentences:
            name = _settlement(sentence)
            if name is None:
                continue
            known = find_places(name)
            if region is None or not known or known[0].place.region == region:
                city = name
                region = region or (known[0].place.region if known else None)
                break
    return region, city, venue


_NEGATIVE_AFTER_LABEL = re.compile(r"^\s*[-−–]\s*\d")


def _quote(sentence: str, limit: int = 160) -> str:
    sentence = re.sub(r"\s+", " ", sentence).strip()
    return f'"{sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"}"'


def _counts(
    fields: dict[str, LabelledValue], text: str, warnings: list[str]
) -> tuple[int | None, int | None, int | None]:
    """(total, women, men) as stated exactly; an unsure count is left out with a warning naming its sentence.

    A labelled count that is negative or not a number at all is certainly wrong: that is an error."""
    scope = None
    total = None
    for field in ("participants_count", "participants"):
        labelled = fields.get(field)
        if labelled is None:
            continue
        if _NEGATIVE_AFTER_LABEL.match(labelled.value):
            raise ReportError(
                Message(N_("negative count {count!r}"), count=labelled.value.split()[0]), labelled.line, field
            )
        if field == "participants_count" and not re.search(r"\d", labelled.value):
            raise ReportError(
                Message(N_("count is not a number: {value!r}"), value=labelled.value), labelled.line, field
            )
        if match := _TOTAL_AFTER_LABEL.match(labelled.value):
            total = _exact_number(labelled.value, match)
            scope, where = labelled.value, f"line {labelled.line}: {_quote(labelled.value)}"
            if total is None:
                warnings.append(f"participants left empty: the count is not exact in {where}")
            break
    if scope is None:
        for sentence in _sentences(text):
            match = _TOTAL_IN_TEXT.search(sentence) or _TOTAL_REVERSED.search(sentence)
            if match:
                total = _exact_number(sentence, match)
                scope, where = sentence, _quote(sentence)
                if total is None:
                    warnings.append(f"participants left empty: the count is not exact in {where}")
                break
    if scope is None:
        return None, None, None
    women, men = _first_count(_WOMEN, scope), _first_count(_MEN, scope)
    if total is not None and (women or 0) + (men or 0) > total:
        warnings.append(
            f"participants left empty: women ({women}) + men ({men}) is more than the total ({total}) in {where}"
        )
        return None, None, None
    return total, women, men


def _moderator(fields: dict[str, LabelledValue], text: str) -> str | None:
    labelled = fields.get("moderator")
    if labelled:
        return _leading_name(labelled.value)
    for sentence in _sentences(text):
        match = _MODERATED_BY.search(sentence)
        if match:
            # 'A, chair of X, and B, member of Y': each person's name leads a part.
            parts = re.split(r"\s+(?:и|and|жана)\s+|;\s*", match["rest"])
            names = [name for part in parts if (name := _leading_name(part))]
            return "; ".join(dict.fromkeys(names)) or None
    return None


_SPEECH = re.compile(
    r"(?i)(speech|spoke|speakers?|addressed|remarks|выступил\w*|выступлени\w*|приветственн\w*|сөз сүйлө\w*)"
)


_INTRODUCES_NAME = re.compile(r"(?i)(?:\bby|spoke|speaker|выступил\w*|словом|:)\s*$")


def _speakers(text: str, moderator: str | None) -> list[Speaker]:
    speakers: list[Speaker] = []
    for paragraph in text.split("\n"):
        if not _SPEECH.search(paragraph):
            continue
        names = [
            match
            for match in _NAME.finditer(paragraph)
            if match.group(0).split()[0].casefold() not in _ROLE_WORDS
            and (
                any(_PATRONYMIC.search(token) for token in match.group(0).split()[1:])
                or _INTRODUCES_NAME.search(paragraph[: match.start()])
            )
        ]
        for position, match in enumerate(names):
            end = names[position + 1].start() if position + 1 < len(names) else len(paragraph)
            role = paragraph[match.end() : end].strip(" ,;.–—-")
            role = re.sub(r"\s*[,;]\s*$", "", role)
            if match.group(0) != moderator and all(s.name != match.group(0) for s in speakers):
                speakers.append(Speaker(name=match.group(0), role=role or None))
    return speakers


_PRESENTATION_WORDS = re.compile(r"(?i)(presentation|report on|презентаци|доклад|баяндама)")


def _presentations(text: str) -> list[str]:
    titles: list[str] = []
    for paragraph in text.split("\n"):  # not sentences: titles may hold full stops
        if _PRESENTATION_WORDS.search(paragraph):
            titles.extend(match["q"].strip() for match in _QUOTED.finditer(paragraph))
    return list(dict.fromkeys(titles))


def _topic(fields: dict[str, LabelledValue], title: str) -> str | None:
    if "topic" in fields:
        return fields["topic"].value.strip(' "“”«»')
    quoted = _QUOTED.search(title)
    return quoted["q"].strip() if quoted else None


def parse_report(text: str, source_file: str | None = None) -> EventRecord:
    """One report's text as an EventRecord; raises ReportError for a report that cannot be one."""
    text = normalise_text(text)
    lines = [Line(number, line) for number, line in enumerate(text.split("\n"), start=1)]
    title, headline = _title(lines)
    if not title:
        raise ReportError(Message(N_("report has no text")), field="title")
    fields = _labelled_fields(lines)
    proposals, first_heading = _proposal_sections(lines)
    spans = _locate_all(text, proposals)
    if not proposals:
        # No labelled list: proposals are read from the prose, stamp lines (source, URL, clock) aside.
        offsets = _line_offsets(lines)
        skip = [(offsets[i], offsets[i] + len(line.text)) for i, line in enumerate(lines) if is_stamp_line(line.text)]
        found = find_proposals(text, skip)
        proposals = [span.text for span in found]
        spans = [(span.start, span.end) for span in found]
    # Facts are looked for before the proposals, so a proposal's numbers are never counts.
    body_lines = lines[:first_heading] if first_heading else lines
    body = "\n".join(line.text for line in body_lines)
    region, city, venue = _place(fields, title, headline, body)
    warnings: list[str] = []
    total, women, men = _counts(fields, body, warnings)
    moderator = _moderator(fields, body)
    categories_source = fields.get("participants")
    categories_text = categories_source.value if categories_source else ""
    categories = sorted({found[2] for found in reference.participant_category_index().find(tokenize(categories_text))})
    return EventRecord(
        title=title,
        headline=headline,
        date=_event_date(fields, body_lines),
        region=region,
        city=city,
        venue=venue,
        topic=_topic(fields, title),
        event_type=_first_term_match(reference.event_type_index(), [title, body[:600]]),
        organiser=fields["organiser"].value if "organiser" in fields else None,
        moderator=moderator,
        purpose=fields["purpose"].value if "purpose" in fields else None,
        language=detect_language(text),
        participants_total=total,
        participants_women=women,
        participants_men=men,
        participant_categories=categories,
        speakers=_speakers(body, moderator),
        presentations=_presentations(body),
        proposals=proposals,
        proposal_spans=spans,
        warnings=warnings,
        source_file=source_file,
        source_text=text,
    )
