"""Reference data read from data/: regions, themes, event types, places, participant groups.

Everything country- or language-specific is a CSV here, so another country is new
files, not new code.
"""

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from dashboard.config import DATA_DIR
from dashboard.textmatch import Term, TermIndex


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{key: (value or "").strip() for key, value in row.items()} for row in csv.DictReader(handle)]


@dataclass(frozen=True)
class Region:
    region_id: str
    name: str
    name_ru: str
    name_ky: str
    iso_code: str
    country: str
    kind: str
    grid_row: int
    grid_col: int


@functools.cache
def regions() -> tuple[Region, ...]:
    return tuple(
        Region(
            region_id=row["region_id"],
            name=row["name"],
            name_ru=row["name_ru"],
            name_ky=row["name_ky"],
            iso_code=row["iso_code"],
            country=row["country"],
            kind=row["kind"],
            grid_row=int(row["grid_row"]),
            grid_col=int(row["grid_col"]),
        )
        for row in read_csv(DATA_DIR / "regions.csv")
    )


@functools.cache
def region_names() -> tuple[str, ...]:
    return tuple(region.name for region in regions())


def region_by_name(name: str) -> Region | None:
    """The region whose English name (or id, or ISO code) is `name`, ignoring case."""
    return _regions_by_key().get(name.strip().casefold())


@functools.cache
def _regions_by_key() -> dict[str, Region]:
    # Tables name a region on every row: a lookup, not a pass over the regions per row. Names first,
    # so a name wins over another region's id or code spelled the same.
    keyed = {}
    for key in ("iso_code", "region_id", "name"):
        keyed.update({getattr(region, key).casefold(): region for region in regions()})
    return keyed


@functools.cache
def themes() -> tuple[dict[str, str], ...]:
    return tuple(read_csv(DATA_DIR / "themes.csv"))


@functools.cache
def theme_ids() -> tuple[str, ...]:
    return tuple(theme["theme_id"] for theme in themes())


@functools.cache
def theme_labels() -> dict[str, str]:
    return {theme["theme_id"]: theme["label_en"] for theme in themes()}


@functools.cache
def event_types() -> tuple[dict[str, str], ...]:
    return tuple(read_csv(DATA_DIR / "event_types.csv"))


@functools.cache
def event_type_labels() -> dict[str, str]:
    return {row["event_type"]: row["label_en"] for row in event_types()}


def _terms_index(rows: list[dict[str, str]], key: str) -> TermIndex:
    return TermIndex([(Term.parse(term), row[key]) for row in rows for term in row["terms"].split("|") if term])


@functools.cache
def event_type_index() -> TermIndex:
    return _terms_index(list(event_types()), "event_type")


@functools.cache
def participant_categories() -> tuple[dict[str, str], ...]:
    return tuple(read_csv(DATA_DIR / "participant_categories.csv"))


@functools.cache
def participant_category_index() -> TermIndex:
    return _terms_index(list(participant_categories()), "category")


@functools.cache
def participant_category_labels() -> dict[str, str]:
    return {row["category"]: row["label_en"] for row in participant_categories()}


@dataclass(frozen=True)
class Place:
    place: str
    region: str
    kind: str
    prefix: bool


@functools.cache
def gazetteer() -> tuple[Place, ...]:
    return tuple(
        Place(place=row["place"], region=row["region"], kind=row["kind"], prefix=row["match"] == "prefix")
        for row in read_csv(DATA_DIR / "gazetteer.csv")
    )
