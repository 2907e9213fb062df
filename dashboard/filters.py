"""The dashboard's one set of filters, as SQL parameters and as URL query parameters."""

from dataclasses import dataclass, field, replace
from datetime import date

from dashboard import i18n, reference
from dashboard.i18n import N_, _

# The URL query keys of the filters (to_query_params, from_query_params); other keys in a URL are the page's own.
QUERY_KEYS = ("region", "theme", "from", "to", "type", "demo", "status")


@dataclass(frozen=True)
class Filters:
    regions: tuple[str, ...] = ()  # English names as in data/regions.csv
    themes: tuple[str, ...] = ()  # theme ids
    date_from: date | None = None
    date_to: date | None = None
    event_types: tuple[str, ...] = ()
    include_demo: bool = True
    statuses: tuple[str, ...] = ()  # follow-up statuses (dashboard/outcomes.py); narrows proposals only

    def params(self) -> dict:
        """Parameters for the filtered_events / filtered_proposals macros."""
        return {
            "regions": list(self.regions),
            "themes": list(self.themes),
            "date_from": self.date_from,
            "date_to": self.date_to,
            "event_types": list(self.event_types),
            "include_demo": self.include_demo,
            "statuses": list(self.statuses),
        }

    def with_(self, **changes) -> "Filters":
        return replace(self, **changes)

    def describe(self) -> str:
        """The filters in words, in the current language, for chart titles and briefings."""
        parts = [
            ", ".join(map(i18n.region_label, self.regions)) if self.regions else _("all regions"),
            ", ".join(map(i18n.theme_label, self.themes)) if self.themes else _("all themes"),
        ]
        if self.event_types:
            parts.append(", ".join(map(i18n.event_type_label, self.event_types)))
        if self.date_from or self.date_to:
            parts.append(
                _("{start} to {end}").format(start=self.date_from or _("start"), end=self.date_to or _("today"))
            )
        if self.statuses:
            parts.append(_("status {statuses}").format(statuses=", ".join(self.statuses)))
        if not self.include_demo:
            parts.append(_("real reports only"))
        return "; ".join(parts)

    def to_query_params(self) -> dict[str, list[str] | str]:
        params: dict[str, list[str] | str] = {}
        if self.regions:
            params["region"] = list(self.regions)
        if self.themes:
            params["theme"] = list(self.themes)
        if self.date_from:
            params["from"] = self.date_from.isoformat()
        if self.date_to:
            params["to"] = self.date_to.isoformat()
        if self.event_types:
            params["type"] = list(self.event_types)
        if not self.include_demo:
            params["demo"] = "0"
        if self.statuses:
            params["status"] = list(self.statuses)
        return params


@dataclass
class ParsedFilters:
    filters: Filters
    dropped: list[str] = field(default_factory=list)  # what was ignored, for a small notice


class FilterError(ValueError):
    """A filter value that is not known or not a date (strict mode), said in one line."""


def _spellings(kind: str) -> dict[str, str]:
    """Accepted spellings (case-folded) of one kind of filter value -> its canonical value."""
    if kind == "region":
        return {
            spelling.casefold(): region.name
            for region in reference.regions()
            for spelling in (region.name, region.region_id, region.iso_code)
        }
    if kind == "theme":
        values = reference.theme_ids()
    elif kind == "event type":
        values = tuple(reference.event_type_labels())
    else:
        from dashboard.outcomes import STATUSES

        values = tuple(STATUSES)
    return {value.casefold(): value for value in values}


_UNKNOWN = {
    "region": N_("unknown region {value}"),
    "theme": N_("unknown theme {value}"),
    "event type": N_("unknown event type {value}"),
    "status": N_("unknown status {value}"),
}
_MALFORMED = {"from": N_("malformed from date {value}"), "to": N_("malformed to date {value}")}


class _Check:
    """Filter values checked one by one: strict raises FilterError at the first bad one, lenient
    (for URLs, which anyone can edit) leaves it out and notes why in `dropped`."""

    def __init__(self, strict: bool):
        self.strict = strict
        self.dropped: list[str] = []

    def reject(self, message: str, value: str, known: str = "") -> None:
        if self.strict:
            raise FilterError(message.format(value=repr(value)) + known)
        self.dropped.append(_(message).format(value=repr(value[:40])))

    def known(self, kind: str, values: list[str]) -> tuple[str, ...]:
        """Values in their canonical spelling, each once."""
        if not values:
            return ()
        allowed = _spellings(kind)
        kept: list[str] = []
        for value in values:
            canonical = allowed.get(value.strip().casefold())
            if canonical is None:
                self.reject(_UNKNOWN[kind], value, f"; known: {', '.join(dict.fromkeys(allowed.values()))}")
            elif canonical not in kept:
                kept.append(canonical)
        return tuple(kept)

    def day(self, which: str, value: date | str | None) -> date | None:
        if not value or isinstance(value, date):
            return value or None  # the command line's dates come parsed by argparse
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            self.reject(_MALFORMED[which], value, " (YYYY-MM-DD)")
            return None


def checked(
    *,
    regions=(),
    themes=(),
    event_types=(),
    statuses=(),
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    include_demo: bool = True,
    strict: bool,
) -> ParsedFilters:
    """The one check of filter values, from the command line (strict: FilterError at the first
    bad value) or a URL (lenient: bad values are dropped, each with a notice in `dropped`)."""
    check = _Check(strict)
    date_from = check.day("from", date_from)
    date_to = check.day("to", date_to)
    if date_from and date_to and date_from > date_to:
        if strict:
            raise FilterError(f"'from' {date_from} is after 'to' {date_to}")
        check.dropped.append(
            _("'from' {start} is after 'to' {end}; dates ignored").format(start=date_from, end=date_to)
        )
        date_from = date_to = None
    regions = check.known("region", list(regions))
    themes = check.known("theme", list(themes))
    event_types = check.known("event type", list(event_types))
    statuses = check.known("status", list(statuses))
    filters = Filters(regions, themes, date_from, date_to, event_types, include_demo, statuses)
    return ParsedFilters(filters, check.dropped)


def region_name(name: str) -> str:
    """The canonical name of a region given by name, id or ISO code; FilterError when unknown."""
    return checked(regions=[name], strict=True).filters.regions[0]


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(item) for item in value]


def from_query_params(params) -> ParsedFilters:
    """Filters from a URL's query parameters (a mapping of key to str or list of str)."""
    get = (lambda key: params.get_all(key)) if hasattr(params, "get_all") else params.get
    return checked(
        regions=_as_list(get("region")),
        themes=_as_list(get("theme")),
        event_types=_as_list(get("type")),
        statuses=_as_list(get("status")),
        date_from=_first(get("from")),
        date_to=_first(get("to")),
        include_demo=_first(get("demo")) not in ("0", "false", "no"),
        strict=False,
    )


def _first(value) -> str | None:
    values = _as_list(value)
    return values[0] if values else None
