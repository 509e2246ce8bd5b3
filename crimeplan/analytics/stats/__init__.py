"""Descriptive spatial statistics: Getis-Ord Gi*, local Moran's I and the Knox near-repeat test."""

from crimeplan.analytics.stats.knox import KnoxResult, knox
from crimeplan.analytics.stats.local import LocalStatistic, fdr, gi_star, local_moran

__all__ = ["KnoxResult", "LocalStatistic", "fdr", "gi_star", "knox", "local_moran"]
