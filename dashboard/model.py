"""The structured record of one event, shared by the report parser, table import and the store."""

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field, fields


@dataclass
class Speaker:
    name: str
    role: str | None = None


@dataclass
class EventRecord:
    title: str
    date: dt.date | None = None
    region: str | None = None  # English region name as in data/regions.csv
    city: str | None = None
    venue: str | None = None
    topic: str | None = None
    event_type: str | None = None
    organiser: str | None = None
    moderator: str | None = None
    purpose: str | None = None
    language: str | None = None
    participants_total: int | None = None
    participants_women: int | None = None
    participants_men: int | None = None
    participant_categories: list[str] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    presentations: list[str] = field(default_factory=list)
    proposals: list[str] = field(default_factory=list)
    # Character span (start, end) of each proposal in source_text, None where it has none (tables).
    proposal_spans: list[tuple[int, int] | None] = field(default_factory=list)
    # False when the report has no headline and `title` is made from its first words.
    headline: bool = True
    # What the parser was unsure of and left out, each naming the sentence.
    warnings: list[str] = field(default_factory=list)
    source_file: str | None = None
    source_text: str | None = None
    is_demo: bool = False

    @property
    def fingerprint(self) -> str:
        """Identity of the event: same date, region and title is the same event."""
        title = re.sub(r"[\W_]+", " ", self.title.casefold()).strip()
        key = f"{self.date or ''}|{(self.region or '').casefold()}|{title}"
        return hashlib.sha256(key.encode()).hexdigest()[:32]

    @property
    def content_hash(self) -> str:
        """Changes only when a stored fact changes, not with bytes, BOMs or line endings."""
        # What dataclasses.asdict gives (the same JSON, so the same hash as stored), without its deep copy.
        facts = {name: getattr(self, name) for name in _FACTS}
        facts["speakers"] = [{"name": speaker.name, "role": speaker.role} for speaker in self.speakers]
        return hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode()).hexdigest()[:32]

    @property
    def participants_unspecified(self) -> int | None:
        """Participants not counted as women or men, so the three always add up to the total."""
        if self.participants_total is None:
            return None
        return self.participants_total - (self.participants_women or 0) - (self.participants_men or 0)


_FACTS = tuple(item.name for item in fields(EventRecord) if item.name not in ("source_file", "source_text"))
