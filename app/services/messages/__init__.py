"""Secure messages along active care links: storing (store.py) and reading (read.py)."""
