"""The dashboard's one set of filters, as SQL parameters and as URL query parameters."""

from dataclasses import dataclass, field, replace
from datetime import date

from dashboard import i18n, reference
from dashboard.i18n import N_, _


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


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(item) for item in value]


def _known(values: list[str], allowed: dict[str, str], unknown: str, dropped: list[str]) -> tuple[str, ...]:
    """Values mapped to their canonical spelling; unknown ones noted (message `unknown`) and left out."""
    kept = []
    for value in values:
        canonical = allowed.get(value.strip().casefold())
        if canonical is None:
            dropped.append(_(unknown).format(value=repr(value[:40])))
        elif canonical not in kept:
            kept.append(canonical)
    return tuple(kept)


def _date(value: str | None, message: str, dropped: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        dropped.append(_(message).format(value=repr(value[:40])))
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
    date_from = _date(_first(get("from")), N_("malformed from date {value}"), dropped)
    date_to = _date(_first(get("to")), N_("malformed to date {value}"), dropped)
    if date_from and date_to and date_from > date_to:
        dropped.append(_("'from' {start} is after 'to' {end}; dates ignored").format(start=date_from, end=date_to))
        date_from = date_to = None
    filters = Filters(
        regions=_known(_as_list(get("region")), region_names, N_("unknown region {value}"), dropped),
        themes=_known(_as_list(get("theme")), theme_names, N_("unknown theme {value}"), dropped),
        date_from=date_from,
        date_to=date_to,
        event_types=_known(_as_list(get("type")), type_names, N_("unknown event type {value}"), dropped),
        include_demo=_first(get("demo")) not in ("0", "false", "no"),
        statuses=_known(_as_list(get("status")), status_names, N_("unknown status {value}"), dropped),
    )
    return ParsedFilters(filters, dropped)


def _first(value) -> str | None:
    values = _as_list(value)
    return values[0] if values else None
