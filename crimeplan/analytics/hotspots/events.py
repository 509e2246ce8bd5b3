"""Event arrays and their month arithmetic, without scikit-learn (see :mod:`.base`).

Kept apart from the predictor contract so that code which only needs the
types or the month conversion (the data loaders, the pages' selectors) does not
import scikit-learn.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from crimeplan.analytics.months import parse_month

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def month_start_days(months: Sequence[str] | npt.NDArray[Any]) -> FloatArray:
    """Days since 1970-01-01 of the first day of each ``YYYY-MM`` month."""
    for month in set(months):
        parse_month(str(month))
    return np.asarray(np.asarray(months, dtype="datetime64[M]").astype("datetime64[D]").astype(np.int64), float)


def days_to_month_index(days: npt.ArrayLike) -> IntArray:
    """Whole months since 1970-01 of times given in days since 1970-01-01."""
    months: IntArray = (
        np.floor(np.asarray(days, float)).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    )
    return months
