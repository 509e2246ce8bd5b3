"""Eligibility rules for applications, in a registry, collecting every failure with a message.

Like Django's password validators: each rule class has a ``code``, a one-line ``summary`` (shown on
the fund's page, so applicants can check before applying) and ``check(facts)``, which returns every
way the application breaks the rule. ``check_eligibility`` runs the fund's rules (all of them unless
the fund lists some) and returns every failure; none means eligible.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from crimeplan.grants.constants import OrganisationType, Purpose
from crimeplan.grants.identifiers import REGISTER


@dataclass(frozen=True)
class Failure:
    """One reason an application is not eligible: the rule, the answer to change and what to do."""

    code: str
    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "field": self.field, "message": self.message}


@dataclass(frozen=True)
class FundTerms:
    name: str
    min_award: Decimal
    max_award: Decimal | None
    match_funding_percent: Decimal
    eligible_org_types: frozenset[str]
    eligible_csps: frozenset[str]
    area_name: str
    excluded_purposes: frozenset[str]
    priorities: frozenset[int]


@dataclass(frozen=True)
class Facts:
    """The answers a rule needs, with each chosen area's CSP already looked up."""

    fund: FundTerms
    org_type: str
    charity_number: str
    company_number: str
    has_constitution: bool | None
    requested: Decimal
    match_funding: Decimal
    purpose: str
    priorities: frozenset[int]
    area_csps: dict[str, str | None] = field(default_factory=dict)


def pounds(value: Decimal) -> str:
    """£1,250 or £99.50 (pence only when there are some)."""
    return f"£{value:,.2f}".replace(".00", "")


class Rule(abc.ABC):
    code: ClassVar[str]
    summary: ClassVar[str]

    @abc.abstractmethod
    def check(self, facts: Facts) -> list[Failure]:
        """Every way ``facts`` break this rule (empty when they meet it)."""

    def fail(self, field_name: str, message: str) -> Failure:
        return Failure(self.code, field_name, message)


RULES: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    if cls.code in RULES:
        raise ValueError(f"an eligibility rule with code {cls.code!r} is already registered")
    RULES[cls.code] = cls
    return cls


@register
class OrganisationTypeRule(Rule):
    code = "organisation_type"
    summary = "The organisation is of a type the fund supports, with its registration number or a constitution."

    def check(self, facts: Facts) -> list[Failure]:
        allowed = facts.fund.eligible_org_types
        if allowed and facts.org_type not in allowed:
            kind = OrganisationType(facts.org_type).label.lower() if facts.org_type else "this kind of organisation"
            names = "; ".join(OrganisationType(t).label for t in sorted(allowed))
            return [self.fail("org_type", f"The {facts.fund.name} does not fund a {kind}. It funds: {names}.")]
        register_kind = REGISTER.get(OrganisationType(facts.org_type)) if facts.org_type else None
        if register_kind == "charity" and not facts.charity_number:
            return [self.fail("charity_number", "Enter your charity number")]
        if register_kind == "company" and not facts.company_number:
            return [self.fail("company_number", "Enter your company number")]
        if facts.org_type == OrganisationType.COMMUNITY_GROUP and not facts.has_constitution:
            return [
                self.fail(
                    "has_constitution",
                    "A community group needs a written constitution or set of rules, with a bank account in the "
                    "group's name, to receive a grant",
                )
            ]
        return []


@register
class AreaRule(Rule):
    code = "area"
    summary = "Every area the project serves is in the fund's area."

    def check(self, facts: Facts) -> list[Failure]:
        if not facts.area_csps:
            return [self.fail("area_codes", "Choose the areas the project will serve")]
        outside = sorted(code for code, csp in facts.area_csps.items() if csp not in facts.fund.eligible_csps)
        if outside:
            return [
                self.fail(
                    "area_codes",
                    f"These areas are outside {facts.fund.area_name}, which the fund serves: {', '.join(outside)}",
                )
            ]
        return []


@register
class AmountRule(Rule):
    code = "amount"
    summary = "The amount asked for is within the fund's minimum and maximum award."

    def check(self, facts: Facts) -> list[Failure]:
        fund, asked = facts.fund, facts.requested
        if asked <= 0:
            return [self.fail("budget", "Add the costs you are asking the fund to pay for")]
        if fund.max_award is not None and asked > fund.max_award:
            return [
                self.fail(
                    "budget",
                    f"You asked for {pounds(asked)}. The {fund.name} gives up to {pounds(fund.max_award)}: "
                    f"reduce your costs by {pounds(asked - fund.max_award)}",
                )
            ]
        if asked < fund.min_award:
            return [
                self.fail(
                    "budget", f"You asked for {pounds(asked)}. The {fund.name} gives at least {pounds(fund.min_award)}"
                )
            ]
        return []


@register
class MatchFundingRule(Rule):
    code = "match_funding"
    summary = "Enough of the project's cost comes from other sources (match funding), where the fund asks for it."

    def check(self, facts: Facts) -> list[Failure]:
        wanted = facts.fund.match_funding_percent
        total = facts.requested + facts.match_funding
        if wanted <= 0 or total <= 0:
            return []
        share = facts.match_funding * 100 / total
        if share < wanted:
            # (match + more) / (requested + match + more) >= wanted%  <=>  match + more >= requested × w / (100 − w)
            need = (facts.requested * wanted / (100 - wanted) - facts.match_funding).quantize(Decimal("0.01"))
            return [
                self.fail(
                    "match_funding",
                    f"At least {wanted:.0f}% of the project's cost must come from other sources; yours is "
                    f"{share:.0f}%. Find about {pounds(need)} more match funding or reduce the amount asked for",
                )
            ]
        return []


@register
class PurposeRule(Rule):
    code = "purpose"
    summary = "The money is for a purpose the fund pays for, and the project serves at least one of its priorities."

    def check(self, facts: Facts) -> list[Failure]:
        found = []
        if not facts.purpose:
            found.append(self.fail("purpose", "Say what the money will mostly pay for"))
        elif facts.purpose in facts.fund.excluded_purposes:
            found.append(
                self.fail("purpose", f"The {facts.fund.name} does not pay for {Purpose(facts.purpose).label.lower()}")
            )
        if facts.fund.priorities and not facts.priorities & facts.fund.priorities:
            found.append(
                self.fail("priorities", f"Choose at least one of the plan priorities the {facts.fund.name} serves")
            )
        return found


def rules_for(codes: Iterable[str] = ()) -> list[Rule]:
    wanted = set(codes) or set(RULES)
    unknown = wanted - set(RULES)
    if unknown:
        raise ValueError(f"unknown eligibility rules {sorted(unknown)}; known: {', '.join(RULES)}")
    return [cls() for code, cls in RULES.items() if code in wanted]


def check_eligibility(facts: Facts, codes: Iterable[str] = ()) -> list[Failure]:
    """Every failure of every rule (an empty list means eligible)."""
    return [failure for rule in rules_for(codes) for failure in rule.check(facts)]


@dataclass(frozen=True)
class Screening:
    """The first questions of the journey, asked before anything else: can this organisation apply at all?"""

    org_type: str
    has_constitution: bool
    has_bank_account: bool
    amount: Decimal
    purposes: frozenset[str]


def screen(fund: FundTerms, answers: Screening) -> list[Failure]:
    """Every reason the organisation cannot apply, from the screening answers (none: it can start)."""
    found = []
    if fund.eligible_org_types and answers.org_type not in fund.eligible_org_types:
        kind = OrganisationType(answers.org_type).label.lower()
        names = "; ".join(OrganisationType(t).label.lower() for t in sorted(fund.eligible_org_types))
        found.append(
            Failure("organisation_type", "org_type", f"the {fund.name} does not fund a {kind}. It funds: {names}")
        )
    if answers.org_type == OrganisationType.COMMUNITY_GROUP and not answers.has_constitution:
        found.append(
            Failure(
                "organisation_type",
                "has_constitution",
                "a community group needs a written constitution or set of rules before it can receive a grant",
            )
        )
    if not answers.has_bank_account:
        found.append(
            Failure(
                "organisation_type",
                "has_bank_account",
                "we can only pay a grant into a bank account in the organisation's name",
            )
        )
    if answers.amount < fund.min_award:
        found.append(Failure("amount", "amount", f"the {fund.name} gives at least {pounds(fund.min_award)}"))
    if fund.max_award is not None and answers.amount > fund.max_award:
        found.append(Failure("amount", "amount", f"the {fund.name} gives up to {pounds(fund.max_award)}"))
    for purpose in sorted(answers.purposes & fund.excluded_purposes):
        found.append(
            Failure("purpose", "purposes", f"the {fund.name} does not pay for {Purpose(purpose).label.lower()}")
        )
    return found
