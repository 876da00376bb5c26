"""The ages that matter (Dutch law and practice) and date arithmetic around birthdays."""

from calendar import monthrange
from datetime import date

# 16: kwalificatieplicht, start the plan; 17: Plan 18; 18: adulthood; 21: onderhoudsplicht and
# pleegzorg end; 23: verlengde jeugdhulp and RMC end; 27: upper age of the target group.
MILESTONES = (16, 17, 18, 21, 23, 27)


def shift(day: date, *, years: int = 0, months: int = 0) -> date:
    """The same day some years and months later (or earlier); 29 February becomes the 28th."""
    total = day.year * 12 + (day.month - 1) + years * 12 + months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def months_between(start: date, end: date) -> int:
    """Whole months from start to end (negative when end is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return months


def next_milestone(birth_date: date, today: date) -> tuple[int, int] | None:
    """The next age that matters and the whole months until then, or None past the last."""
    for age in MILESTONES:
        birthday = shift(birth_date, years=age)
        if birthday > today:
            return age, months_between(today, birthday)
    return None


def birth_date_ranges_for_window(today: date, months: int) -> list[tuple[date, date]]:
    """Birth dates (exclusive, inclusive) of people who reach a milestone within `months`."""
    until = shift(today, months=months)
    return [(shift(today, years=-age), shift(until, years=-age)) for age in MILESTONES]
