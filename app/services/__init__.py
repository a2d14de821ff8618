"""Domain logic: plain functions taking a session and data, no Flask request inside."""
