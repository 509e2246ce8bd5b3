"""Services: every write to grants data goes through one of these (keyword-only, atomic, audited)."""
