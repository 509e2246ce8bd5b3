"""Services write: keyword-only, typed, atomic, ``full_clean`` before ``save``, an audit event each.

Callers (views, the API, commands) check permissions first with ``crimeplan.cases.permissions``.
"""
