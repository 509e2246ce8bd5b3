from django.db import models


class Direction(models.TextChoices):
    REDUCE = "reduce", "Reduce"
    INCREASE = "increase", "Increase (more is success, e.g. reporting)"
    MONITOR = "monitor", "Monitor (no direction is success)"


class Source(models.TextChoices):
    STORE = "store", "Police-recorded crime (data.police.uk)"
    MODULE = "module", "Counted by a crimeplan module (grants, case work)"
    ENTERED = "entered", "A figure entered by staff"


class Statistic(models.TextChoices):
    COUNT = "count", "Number of records"
    HARM = "harm", "Harm (Cambridge Crime Harm Index days)"
    RATE = "rate", "Records per 1,000 residents"
    HARM_RATE = "harm_rate", "Harm per 1,000 residents"


class AreaLevel(models.TextChoices):
    FORCE = "force", "Police force area"
    CSP = "csp", "Community Safety Partnership"
    LAD = "lad", "Local authority"
    WARD = "ward", "Ward"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    GREY = "grey", "No rating"
