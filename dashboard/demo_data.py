"""Synthetic demo events for trying the dashboard, every row flagged `is_demo`.

Events are drawn with numpy from a seeded generator; proposals are composed in SQL
from the per-theme phrase templates in data/demo/, so a million events stay a few
bulk statements. Each template is classified once by the real classifier, so demo
labels carry real evidence.
"""

from datetime import date

import duckdb
import numpy as np
import pandas as pd

from dashboard import recurring, reference, sql
from dashboard.classifier import classify
from dashboard.config import DATA_DIR
from dashboard.sql import execute, fetch_one, records
from dashboard.store import refresh_derived, transaction

FIRST_DAY = date(2015, 1, 1)
LAST_DAY = date(2026, 10, 31)
EVENT_TYPE_WEIGHTS = {
    "open_dialogue_platform": 0.35,
    "round_table": 0.25,
    "public_hearing": 0.2,
    "forum": 0.05,
    "conference": 0.05,
    "focus_group": 0.05,
    "meeting": 0.05,
}
TITLE_PATTERNS = {
    "en": "{type} in {region} on {topic}",
    "ru": "{type}: {topic} ({region})",
}
PROPOSALS_PER_EVENT = (3, 17)  # inclusive range; about ten on average
FOCUS_SHARE = 35  # percent of proposals drawn from a region's focus themes


# Follow-up in the demo: who answers a proposal on each theme (others go to local bodies), and what
# they say at each step.
RESPONSIBLE_BODIES = {
    "migration": "Ministry of Labour, Social Security and Migration",
    "pensions_social": "Ministry of Labour, Social Security and Migration",
    "health": "Ministry of Health",
    "education_youth": "Ministry of Education and Science",
    "economy_development": "Ministry of Economy and Commerce",
    "infrastructure_services": "Ministry of Transport and Communications",
    "environment_water": "Ministry of Natural Resources, Ecology and Technical Supervision",
    "defense_security": "Ministry of Internal Affairs",
    "borders_interethnic": "Office of the Presidential Envoy in the region",
}
LOCAL_BODIES = ("District state administration", "Local kenesh", "Office of the Presidential Envoy in the region")
RESPONSES = {
    "under_review": "Forwarded to the responsible department for consideration",
    "accepted": "Included in the work plan for the coming year",
    "declined": "Not supported: no budget allocation this year",
    "in_progress": "Funds allocated; work has started",
    "partly_implemented": "Carried out in part of the district",
    "implemented": "Completed and reported to the local kenesh",
}


class DemoError(Exception):
    pass


def _templates() -> pd.DataFrame:
    rows = reference.read_csv(DATA_DIR / "demo" / "proposal_templates.csv")
    frame = pd.DataFrame(rows)
    frame["template_id"] = range(len(frame))
    return frame


def _template_labels(templates: pd.DataFrame) -> pd.DataFrame:
    labels = []
    for template_id, template in zip(templates["template_id"], templates["template"], strict=True):
        for label in classify(template.replace("{place}", "")):
            labels.append((template_id, label.theme_id, label.score, label.evidence, label.confidence))
    return pd.DataFrame(labels, columns=["template_id", "theme_id", "score", "evidence", "confidence"])


def _places() -> pd.DataFrame:
    towns = [
        (place.region, place.place)
        for place in reference.gazetteer()
        if place.kind in ("city", "town") and not place.prefix and place.place.isascii()
    ]
    frame = pd.DataFrame(towns, columns=["region", "place"]).drop_duplicates()
    for region in reference.regions():  # every region needs at least one place
        if region.name not in set(frame["region"]):
            frame.loc[len(frame)] = (region.name, region.name)
    frame["place_index"] = frame.groupby("region").cumcount()
    return frame


def _events(count: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    regions = reference.regions()
    region_weights = np.array([2.0 if r.kind == "city" else 1.0 for r in regions])
    region_index = rng.choice(len(regions), size=count, p=region_weights / region_weights.sum())
    span = (LAST_DAY - FIRST_DAY).days
    # Later years hold more events, as programmes grew.
    days = (np.sqrt(rng.random(count)) * span).astype(int)
    types = list(EVENT_TYPE_WEIGHTS)
    type_weights = np.array(list(EVENT_TYPE_WEIGHTS.values()))
    event_type = rng.choice(len(types), size=count, p=type_weights / type_weights.sum())
    language = np.where(rng.random(count) < 0.6, "ru", "en")
    total = np.clip(rng.lognormal(mean=3.6, sigma=0.45, size=count).astype(int), 8, 400)
    women_share = np.clip(rng.normal(0.43, 0.12, size=count), 0.05, 0.9)
    women = rng.binomial(total, women_share)
    unspecified = np.where(rng.random(count) < 0.1, rng.integers(1, 6, size=count), 0)
    men = np.maximum(total - women - unspecified, 0)
    no_split = rng.random(count) < 0.08  # some reports give no gender split
    topic_theme = rng.choice(len(reference.theme_ids()) - 1, size=count)
    frame = pd.DataFrame(
        {
            "demo_index": np.arange(count),
            "region": [regions[i].name for i in region_index],
            "event_date": pd.to_datetime(FIRST_DAY) + pd.to_timedelta(days, unit="D"),
            "event_type": [types[i] for i in event_type],
            "language": language,
            "total": total,
            "women": pd.Series(women, dtype="Int64").mask(no_split),
            "men": pd.Series(men, dtype="Int64").mask(no_split),
            "topic": [reference.theme_ids()[i] for i in topic_theme],
            "n_proposals": rng.integers(PROPOSALS_PER_EVENT[0], PROPOSALS_PER_EVENT[1] + 1, size=count),
            "place_pick": rng.integers(0, 1_000_000, size=count),
        }
    )
    return frame


def _outcomes(proposals: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Status histories: about half the proposals get a response within months, some of those are
    accepted, fewer carried out; nothing is dated after the demo period (or today)."""
    rng = np.random.default_rng(seed + 1)
    last = min(pd.Timestamp(LAST_DAY), pd.Timestamp(date.today()))
    count = len(proposals)
    steps = []

    def step(mask, status, start, low, high):
        when = start + pd.to_timedelta(rng.integers(low, high, size=count), unit="D")
        kept = mask & (when <= last)
        steps.append(
            pd.DataFrame(
                {
                    "proposal_id": proposals["proposal_id"][kept],
                    "status": status if isinstance(status, str) else status[kept],
                    "status_date": when[kept],
                    "body": body[kept],
                }
            )
        )
        return kept, when

    made = pd.to_datetime(proposals["event_date"]).reset_index(drop=True)
    proposals = proposals.reset_index(drop=True)
    local = rng.choice(LOCAL_BODIES, size=count)
    body = np.where(
        rng.random(count) < 0.3, local, proposals["theme_id"].map(RESPONSIBLE_BODIES).fillna(pd.Series(local))
    )
    draw = rng.random(count)
    reviewed, reviewed_on = step(draw < 0.55, "under_review", made, 20, 240)
    decided = np.where(rng.random(count) < 0.7, "accepted", "declined")
    decided_mask, decided_on = step(reviewed & (rng.random(count) < 0.75), decided, reviewed_on, 30, 300)
    accepted = decided_mask & (decided == "accepted")
    started, started_on = step(accepted & (rng.random(count) < 0.65), "in_progress", decided_on, 60, 400)
    finished = np.where(rng.random(count) < 0.65, "implemented", "partly_implemented")
    step(started & (rng.random(count) < 0.7), finished, started_on, 90, 700)
    history = pd.concat(steps, ignore_index=True)
    history["responsible_body"] = history.pop("body")
    history["response"] = history["status"].map(RESPONSES)
    history["source"] = [f"Letter No. {number}" for number in rng.integers(100, 9999, size=len(history))]
    return history


def add_demo_events(con: duckdb.DuckDBPyConnection, count: int, seed: int) -> dict[str, int]:
    """Add `count` demo events drawn with `seed`; refuses a seed already in the store."""
    events = _events(count, seed)
    templates = _templates()
    labels = _template_labels(templates)
    places = _places()
    focus = pd.DataFrame(reference.read_csv(DATA_DIR / "demo" / "region_focus.csv"))
    theme_labels = pd.DataFrame(
        [(t["theme_id"], t["label_en"], t["label_ru"]) for t in reference.themes()],
        columns=["theme_id", "label_en", "label_ru"],
    )
    type_labels = pd.DataFrame(
        [(t["event_type"], t["label_en"], t["label_ru"]) for t in reference.event_types()],
        columns=["event_type", "label_en", "label_ru"],
    )
    frames = {
        "demo_events_in": events,
        "demo_templates": templates,
        "demo_template_labels": labels,
        "demo_places": places,
        "demo_focus": focus,
        "demo_theme_labels": theme_labels,
        "demo_type_labels": type_labels,
    }
    for name, frame in frames.items():
        con.register(name, frame)
    try:
        params = {
            "seed": seed,
            "focus_share": FOCUS_SHARE,
            "title_en": TITLE_PATTERNS["en"],
            "title_ru": TITLE_PATTERNS["ru"],
        }
        execute(con, "demo/stage_events", params)
        clash = fetch_one(con, "demo/clashing_events")[0]
        if clash:
            raise DemoError(f"demo data with seed {seed} is already in the store; use another --seed")
        with transaction(con):
            execute(con, "demo/insert_events", params)
            execute(con, "demo/insert_proposals", params)
            proposals = sql.frame(con, "demo/stage_proposal_dates")
            con.register("demo_outcomes_in", _outcomes(proposals, seed))
            execute(con, "demo/insert_outcomes")
            # The groups first, so the one pass over every event below gives its figures with them.
            recurring.replace_groups(con)
            refresh_derived(con)
        added = records(con, "demo/staged_counts")[0]
    finally:
        for name in [*frames, "demo_outcomes_in"]:
            con.unregister(name)
        execute(con, "demo/drop_stage")
    return {"events": int(added["events"]), "proposals": int(added["proposals"])}
