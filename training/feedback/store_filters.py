"""The filters of `FeedbackStore.list` (store.py) as a SQL WHERE clause: label, model and
analyst, and the `since`/`until` time bounds.

Separate from store.py because it is pure text work (no connection, no transaction): it
parses what analysts type as bounds and builds the clause, which keeps the store module
about connections and rows, and under the 400-line limit."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from training.errors import InputError

__all__ = ["timestamp_bound", "where_clause"]


def timestamp_bound(value: str | date | None, *, end: bool) -> str | None:
    """A `since` (inclusive) or `until` (exclusive) bound in the stored format. A date alone
    means the start of that day, or for `until` the start of the next one (the day counts)."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, str) and len(value) == 10:
            value = date.fromisoformat(value)
        if isinstance(value, date) and not isinstance(value, datetime):
            moment = datetime(value.year, value.month, value.day, tzinfo=UTC) + timedelta(days=1 if end else 0)
        else:
            moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
            moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except ValueError:
        which = "until" if end else "since"
        raise InputError(
            f"expected '{which}' to be a date (2026-05-01) or an ISO 8601 time, found {value!r}"[:200]
        ) from None
    return moment.isoformat(timespec="microseconds")


def where_clause(
    *,
    label: str | None,
    model_id: str | None,
    analyst: str | None,
    since: str | date | None,
    until: str | date | None,
) -> tuple[str, list]:
    """ " WHERE ..." (or "" when nothing filters) and its arguments, in order. `since` is
    inclusive, `until` exclusive; both compare with the correction's `updated` time."""
    where, args = [], []
    for column, value in (("label", label), ("model_id", model_id), ("analyst", analyst)):
        if value is not None:
            where.append(f"{column} = ?")
            args.append(value)
    for op, bound in ((">=", timestamp_bound(since, end=False)), ("<", timestamp_bound(until, end=True))):
        if bound is not None:
            where.append(f"updated {op} ?")
            args.append(bound)
    return (" WHERE " + " AND ".join(where)) if where else "", args
