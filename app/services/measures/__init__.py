"""Outcome measures: instruments, scoring, schedules, storage and safety flags."""
