"""Coverage in words: what the reports in view can and cannot support (Overview)."""

import numpy as np
import pandas as pd

from dashboard import i18n, reference
from dashboard.charts import THIN_EVENTS
from dashboard.i18n import N_, _, ngettext

NOT_STATED = N_("Region not stated")
LISTED_REGIONS = 4


def _names(names: list[str]) -> str:
    shown = ", ".join(map(i18n.region_label, names[:LISTED_REGIONS]))
    if len(names) <= LISTED_REGIONS:
        return shown
    return _("{names} and {count} more").format(names=shown, count=len(names) - LISTED_REGIONS)


def matrix(frame: pd.DataFrame) -> pd.DataFrame:
    """Real reports per region (rows, every region in view) and year (columns, the years with any
    event in view, demo included, so gaps show), from coverage_by_region_year."""
    # In plain Python: a hundred-odd rows, which pandas' groupby, unstack and reindex took ≈ 15–30 ms
    # to pivot on every Overview run.
    regions, years, reports = (frame[column].tolist() for column in ("region", "year", "reports"))
    counts: dict[tuple[str, int], int] = {}
    for region, year, count in zip(regions, years, reports, strict=True):
        if not pd.isna(year):
            counts[region, int(year)] = counts.get((region, int(year)), 0) + int(count)
    names = set(regions)
    ordered = [name for name in reference.region_names() if name in names]  # the reference order
    known = set(ordered)
    ordered += [name for name in dict.fromkeys(regions) if name not in known]
    columns = sorted({year for _, year in counts})
    return pd.DataFrame(
        [[counts.get((name, year), 0) for year in columns] for name in ordered],
        index=pd.Index(ordered, name="region"),
        columns=[str(year) for year in columns],
        dtype="int64",
    )


def events_by_year(frame: pd.DataFrame, include_demo: bool) -> pd.DataFrame:
    """Events and participants per year in view (queries/events_by_year.sql's answer), added up from
    coverage_by_region_year's rows: the Overview then asks one query fewer for a view not seen before."""
    totals: dict[int, list[int]] = {}
    columns = ("year", "reports", "demo_events", "report_participants", "demo_participants")
    for year, reports, demo, participants, demo_participants in zip(
        *(frame[column].tolist() for column in columns), strict=True
    ):
        if pd.isna(year):  # undated events, and regions without any event in view
            continue
        counts = totals.setdefault(int(year), [0, 0])
        counts[0] += int(reports) + (int(demo) if include_demo else 0)
        counts[1] += int(participants) + (int(demo_participants) if include_demo else 0)
    years = sorted(year for year, (events, _participants) in totals.items() if events)
    # numpy arrays, not pandas Series: a quarter of the time, on every Overview run
    return pd.DataFrame(
        {
            "year": np.array(years, dtype=np.int64),
            "events": np.array([totals[year][0] for year in years], dtype=np.int64),
            "participants": np.array([totals[year][1] for year in years], dtype=np.int64),
        }
    )


def summary(frame: pd.DataFrame, include_demo: bool) -> list[str]:
    """Plain sentences from coverage_by_region_year: how many real reports, from how many of the
    regions in view and which years, and what that allows a reader to conclude."""
    # In plain Python, as `matrix`: pandas' filters and counts on these hundred-odd rows took a few
    # milliseconds of every Overview run (a tenth of its cost with 20 viewers at once).
    rows = list(zip(*(frame[column].tolist() for column in ("region", "year", "reports", "demo_events")), strict=True))
    regions = [name for name in dict.fromkeys(region for region, *_ in rows) if name != NOT_STATED]
    real = [(region, None if pd.isna(year) else int(year)) for region, year, count, _ in rows if count > 0]
    reports = sum(int(count) for _, _, count, _ in rows if count > 0)
    demo = sum(int(count) for *_, count in rows)
    sentences = []
    if reports == 0:
        sentences.append(
            _("No real report matches these filters: every figure shown is demo data.")
            if demo
            else _("No real report matches these filters.")
        )
    else:
        reporting = {region for region, _ in real}
        covered = [name for name in regions if name in reporting]
        years = sorted({year for _, year in real if year is not None})
        span = _("undated") if not years else str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        sentences.append(
            ngettext(
                "{count} real report from {covered} of {regions} regions, {span}.",
                "{count} real reports from {covered} of {regions} regions, {span}.",
                reports,
            ).format(count=i18n.number(reports), covered=len(covered), regions=len(regions), span=span)
        )
        if len(years) > 1:
            latest = len({region for region, year in real if year == years[-1]})
            sentences.append(
                ngettext(
                    "{count} of {regions} regions has reports in {year}.",
                    "{count} of {regions} regions have reports in {year}.",
                    latest,
                ).format(count=latest, regions=len(regions), year=years[-1])
            )
        missing = [name for name in regions if name not in covered]
        if missing:
            sentences.append(
                _(
                    "The figures describe the reported events, not the whole country: regions without reports "
                    "({names}) cannot be compared with the others."
                ).format(names=_names(missing))
            )
        if reports < THIN_EVENTS:
            sentences.append(
                _(
                    "Fewer than {limit} real reports: read the figures as counts of these events, "
                    "not as shares or trends."
                ).format(limit=THIN_EVENTS)
            )
        elif not missing:
            sentences.append(
                _(
                    "Differences between regions or years can reflect where and when reports were collected "
                    "as much as what was said."
                )
            )
    if demo:
        sentences.append(
            (
                _(
                    "Demo data adds {count} synthetic events, left out of this matrix but counted in the other "
                    "figures while 'Include demo data' is on."
                )
                if include_demo
                else _("Demo data adds {count} synthetic events, left out of this matrix.")
            ).format(count=i18n.number(demo))
        )
    return sentences
