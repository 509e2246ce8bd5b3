"""Funds and rounds, applications and their assessment, awards and their money, allocations, contracts."""

from crimeplan.grants.models.applications import Application, Assessment, BudgetLine, Outcome, Score
from crimeplan.grants.models.awards import AllocationDecision, Award, Decision, MonitoringReturn, Payment
from crimeplan.grants.models.commissioning import CoFunding, Contract, Kpi, PerformanceReturn
from crimeplan.grants.models.funds import Criterion, Fund, Round

__all__ = [
    "AllocationDecision",
    "Application",
    "Assessment",
    "Award",
    "BudgetLine",
    "CoFunding",
    "Contract",
    "Criterion",
    "Decision",
    "Fund",
    "Kpi",
    "MonitoringReturn",
    "Outcome",
    "Payment",
    "PerformanceReturn",
    "Round",
    "Score",
]
