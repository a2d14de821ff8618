"""Graded progression: baselines from the log, a pure rule engine, proposals the patient accepts or keeps, goals."""
