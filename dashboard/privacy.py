"""Small-group suppression (`--min-count K`) shared by briefings and exports.

Counts from 1 to K-1 are hidden; zero stays visible (it identifies no one). In a gender
breakdown, hiding one part hides all parts, so that no part is total minus the others.
"""

from dashboard import i18n
from dashboard.i18n import _


def hidden(value, min_count: int | None) -> bool:
    return bool(min_count) and value is not None and 0 < value < min_count


def mark(min_count: int) -> str:
    return f"<{min_count}"


def count_text(value, min_count: int | None) -> str:
    """A count as text in the current language ('1,234' / '1 234'), or '<K' when suppressed."""
    if value is None or hidden(value, min_count):
        return mark(min_count) if min_count else "–"
    return i18n.number(int(value))


def suppress(value, min_count: int | None):
    """The count, or None when it is below the threshold."""
    return None if hidden(value, min_count) else value


def suppress_gender(
    total, women, men, unspecified, min_count: int | None
) -> tuple[int | None, int | None, int | None, int | None]:
    """(total, women, men, unspecified) with None for what must not be shown."""
    if hidden(total, min_count):
        return None, None, None, None
    if any(hidden(part, min_count) for part in (women, men, unspecified)):
        return total, None, None, None
    return total, women, men, unspecified


def note(min_count: int | None) -> str | None:
    if not min_count or min_count <= 1:
        return None
    return _("Counts from 1 to {last} are suppressed for small-group privacy (shown as {mark}).").format(
        last=min_count - 1, mark=mark(min_count)
    )
