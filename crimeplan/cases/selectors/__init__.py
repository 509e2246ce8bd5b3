"""Reading case work: every read is scoped to the acting user here, never in a view."""
