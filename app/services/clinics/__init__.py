"""Clinicians' verification by administrators (and, later, clinics)."""
