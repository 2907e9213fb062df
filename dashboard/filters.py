"""The dashboard's one set of filters, as SQL parameters and as URL query parameters."""

from dataclasses import dataclass, field, replace
from datetime import date

from dashboard import reference


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
        """The filters in words, for chart titles and briefings."""
        labels = reference.theme_labels()
        types = reference.event_type_labels()
        parts = [
            ", ".join(self.regions) if self.regions else "all regions",
            ", ".join(labels.get(theme, theme) for theme in self.themes) if self.themes else "all themes",
        ]
        if self.event_types:
            parts.append(", ".join(types.get(kind, kind) for kind in self.event_types))
        if self.date_from or self.date_to:
            parts.append(f"{self.date_from or 'start'} to {self.date_to or 'today'}")
        if self.statuses:
            parts.append("status " + ", ".join(self.statuses))
        if not self.include_demo:
            parts.append("real reports only")
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


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(item) for item in value]


def _known(values: list[str], allowed: dict[str, str], what: str, dropped: list[str]) -> tuple[str, ...]:
    """Values mapped to their canonical spelling; unknown ones noted and left out."""
    kept = []
    for value in values:
        canonical = allowed.get(value.strip().casefold())
        if canonical is None:
            dropped.append(f"unknown {what} {value[:40]!r}")
        elif canonical not in kept:
            kept.append(canonical)
    return tuple(kept)


def _date(value: str | None, what: str, dropped: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        dropped.append(f"malformed {what} date {value[:40]!r}")
        return None


def from_query_params(params) -> ParsedFilters:
    """Filters from a URL's query parameters (a mapping of key to str or list of str)."""
    dropped: list[str] = []
    get = (lambda key: params.get_all(key)) if hasattr(params, "get_all") else params.get
    region_names = {}
    for region in reference.regions():
        for spelling in (region.name, region.region_id, region.iso_code):
            region_names[spelling.casefold()] = region.name
    theme_names = {theme_id: theme_id for theme_id in reference.theme_ids()}
    type_names = {kind: kind for kind in reference.event_type_labels()}
    from dashboard.outcomes import STATUSES

    status_names = {status: status for status in STATUSES}
    date_from = _date(_first(get("from")), "from", dropped)
    date_to = _date(_first(get("to")), "to", dropped)
    if date_from and date_to and date_from > date_to:
        dropped.append(f"'from' {date_from} is after 'to' {date_to}; dates ignored")
        date_from = date_to = None
    filters = Filters(
        regions=_known(_as_list(get("region")), region_names, "region", dropped),
        themes=_known(_as_list(get("theme")), theme_names, "theme", dropped),
        date_from=date_from,
        date_to=date_to,
        event_types=_known(_as_list(get("type")), type_names, "event type", dropped),
        include_demo=_first(get("demo")) not in ("0", "false", "no"),
        statuses=_known(_as_list(get("status")), status_names, "status", dropped),
    )
    return ParsedFilters(filters, dropped)


def _first(value) -> str | None:
    values = _as_list(value)
    return values[0] if values else None
