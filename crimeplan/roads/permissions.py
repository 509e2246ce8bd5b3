"""Road safety permissions: the pages and the summary API are public (STATS19 is open data);
recording actions and importing need these named permissions."""

from __future__ import annotations

MANAGE_ACTIONS = "roads.manage_actions"
IMPORT_STATS19 = "roads.import_stats19"
