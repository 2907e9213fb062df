"""Coverage in words: what the reports in view can and cannot support (Overview)."""

import pandas as pd

from dashboard import reference
from dashboard.charts import THIN_EVENTS

NOT_STATED = "Region not stated"
LISTED_REGIONS = 4


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:LISTED_REGIONS])
    return shown + (f" and {len(names) - LISTED_REGIONS} more" if len(names) > LISTED_REGIONS else "")


def matrix(frame: pd.DataFrame) -> pd.DataFrame:
    """Real reports per region (rows, every region in view) and year (columns, the years with any
    event in view, demo included, so gaps show), from coverage_by_region_year."""
    dated = frame[frame["year"].notna()].astype({"year": int})
    grid = dated.pivot_table(index="region", columns="year", values="reports", aggfunc="sum", fill_value=0)
    names = list(frame["region"].drop_duplicates())
    ordered = [name for name in reference.region_names() if name in names]  # the reference order
    grid = grid.reindex(index=ordered + [name for name in names if name not in ordered], fill_value=0).astype(int)
    grid.columns = [str(year) for year in grid.columns]
    grid.index.name = "region"
    return grid


def summary(frame: pd.DataFrame, include_demo: bool) -> list[str]:
    """Plain sentences from coverage_by_region_year: how many real reports, from how many of the
    regions in view and which years, and what that allows a reader to conclude."""
    regions = [name for name in frame["region"].drop_duplicates() if name != NOT_STATED]
    real = frame[frame["reports"] > 0]
    reports = int(real["reports"].sum())
    demo = int(frame["demo_events"].sum())
    sentences = []
    if reports == 0:
        sentences.append(
            "No real report matches these filters" + (": every figure shown is demo data." if demo else ".")
        )
    else:
        covered = [name for name in regions if name in set(real["region"])]
        years = sorted(int(year) for year in real["year"].dropna().unique())
        span = "undated" if not years else str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        sentences.append(
            f"{reports:,} real report{'s' if reports != 1 else ''} "
            f"from {len(covered)} of {len(regions)} regions, {span}."
        )
        if len(years) > 1:
            latest = real[real["year"] == years[-1]]["region"].nunique()
            verb = "has" if latest == 1 else "have"
            sentences.append(f"{latest} of {len(regions)} regions {verb} reports in {years[-1]}.")
        missing = [name for name in regions if name not in covered]
        if missing:
            sentences.append(
                f"The figures describe the reported events, not the whole country: regions without reports "
                f"({_names(missing)}) cannot be compared with the others."
            )
        if reports < THIN_EVENTS:
            sentences.append(
                f"Fewer than {THIN_EVENTS} real reports: read the figures as counts of these events, "
                "not as shares or trends."
            )
        elif not missing:
            sentences.append(
                "Differences between regions or years can reflect where and when reports were collected "
                "as much as what was said."
            )
    if demo:
        sentences.append(
            f"Demo data adds {demo:,} synthetic events, left out of this matrix"
            + (" but counted in the other figures while 'Include demo data' is on." if include_demo else ".")
        )
    return sentences
