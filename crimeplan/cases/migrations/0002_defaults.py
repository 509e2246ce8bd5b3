"""Default configuration: the three programmes, the seven pathways, outcome scales and the ASB policy.

Each partnership changes these in the admin; the defaults make a fresh installation usable.
"""

from django.db import migrations

PROGRAMMES = [
    # name, slug, code, kind, retention months after closing, description
    (
        "Early Action",
        "early-action",
        "EA",
        "early_action",
        24,
        "Multi-agency help for vulnerable people with complex needs, before crisis, with partners and volunteers.",
    ),
    (
        "Integrated Offender Management",
        "iom",
        "IOM",
        "iom",
        72,
        "Police, probation and partners managing the people who cause most crime, in fixed, flex and free cohorts.",
    ),
    (
        "ASB case review",
        "asb-case-review",
        "ASB",
        "asb_review",
        36,
        "Anti-social behaviour case reviews (the community trigger) under the Anti-social Behaviour, Crime and "
        "Policing Act 2014.",
    ),
]

# The seven resettlement pathways of the Reducing Re-offending National Action Plan (Home Office, 2004).
PATHWAYS = [
    ("Accommodation", "accommodation", "circumstances", "A safe, settled place to live"),
    ("Education, training and employment", "education-employment", "circumstances", "Skills, learning and work"),
    ("Health, including mental health", "health", "health", "Physical and mental health"),
    ("Drugs and alcohol", "drugs-alcohol", "health", "Drug and alcohol use"),
    ("Finance, benefit and debt", "finance", "circumstances", "Income, benefits and debts"),
    ("Children, families and relationships", "relationships", "circumstances", "Family and other relationships"),
    (
        "Attitudes, thinking and behaviour",
        "attitudes",
        "circumstances",
        "Attitudes and thinking that support offending",
    ),
]

SCALES = [
    (
        "Somewhere to live",
        "home",
        "How settled and safe is where you live?",
        "No settled home",
        "Settled and safe",
        "circumstances",
    ),
    (
        "Drug and alcohol use",
        "drugs-alcohol",
        "How much is drug or alcohol use harming you?",
        "Harming me most days",
        "Not harming me",
        "health",
    ),
    ("Wellbeing", "wellbeing", "How are you feeling in yourself?", "Very low", "Good", "health"),
    ("Money", "money", "How well are you managing money?", "Cannot cover essentials", "Managing well", "circumstances"),
    (
        "Things to do",
        "things-to-do",
        "Do you have learning, work or volunteering each week?",
        "Nothing",
        "Most days",
        "circumstances",
    ),
    (
        "Staying out of trouble",
        "trouble",
        "How confident are you of staying out of trouble?",
        "Not at all",
        "Very",
        "circumstances",
    ),
]


def create(apps, schema_editor):
    Programme = apps.get_model("cases", "Programme")
    NeedDomain = apps.get_model("cases", "NeedDomain")
    OutcomeScale = apps.get_model("cases", "OutcomeScale")
    AsbPolicy = apps.get_model("cases", "AsbPolicy")
    for name, slug, code, kind, months, description in PROGRAMMES:
        Programme.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "code": code, "kind": kind, "retention_months": months, "description": description},
        )
    for order, (name, slug, category, description) in enumerate(PATHWAYS, start=1):
        NeedDomain.objects.get_or_create(
            slug=slug, defaults={"name": name, "data_category": category, "description": description, "order": order}
        )
    for order, (name, slug, question, low, high, category) in enumerate(SCALES, start=1):
        OutcomeScale.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "question": question,
                "minimum": 1,
                "maximum": 5,
                "low_label": low,
                "high_label": high,
                "data_category": category,
                "order": order,
            },
        )
    if not AsbPolicy.objects.exists():
        AsbPolicy.objects.create()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
