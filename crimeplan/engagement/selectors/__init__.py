"""Reads of engagement records for pages, commands and other apps (they import these modules, not the models)."""
