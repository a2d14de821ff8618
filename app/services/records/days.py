"""Which local dates a patient may record or ask about: bounded by the server's clock, never the device's.

From the day before the account was created (a timezone change can move "today" back by a day) to the day after
the patient's local today (a phone a few hours ahead, or a traveller east of their profile's zone). A check-in
dated 9999 would otherwise hide a patient from "no check-in for 3 days"; a tick for a day before the account
existed would land on a plan that did not exist then.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from flask_babel import lazy_gettext as _l

from app.formatting import date_text
from app.models import User
from app.services.clock import local_today
from app.services.records.validation import Invalid

DAY_SLACK = timedelta(days=1)
VIEW_AHEAD = timedelta(days=366)  # a day's plan can be looked at up to a year ahead ("coming up"), not ticked


@dataclass(frozen=True)
class DayRange:
    first: date
    last: date

    def check(self, day: date, verb: str = "record") -> date:
        """The day itself, or Invalid with a sentence that names the allowed range."""
        if day < self.first:
            first = date_text(self.first)
            raise Invalid(_l("is before your account existed (the first day you can open is %(day)s)", day=first)
                          if verb == "open" else
                          _l("is before your account existed (the first day you can record is %(day)s)", day=first))
        if day > self.last:
            last = date_text(self.last)
            raise Invalid(_l("is too far in the future (the last day you can open is %(day)s)", day=last)
                          if verb == "open" else
                          _l("is too far in the future (the last day you can record is %(day)s)", day=last))
        return day


def recordable_days(patient: User, now: datetime | None = None) -> DayRange:
    now = now or datetime.now(UTC)
    created = patient.created_at or now
    return DayRange(local_today(patient.timezone, created) - DAY_SLACK, local_today(patient.timezone, now) + DAY_SLACK)


def viewable_days(patient: User, now: datetime | None = None) -> DayRange:
    """The days whose page or JSON a patient may open: from the account's first day to a year ahead."""
    recordable = recordable_days(patient, now)
    return DayRange(recordable.first, local_today(patient.timezone, now) + VIEW_AHEAD)
