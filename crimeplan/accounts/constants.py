from django.db import models


class OrganisationKind(models.TextChoices):
    OPCC = "opcc", "Office of the Police and Crime Commissioner"
    POLICE = "police", "Police force"
    PROBATION = "probation", "Probation service"
    COUNCIL = "council", "Local council"
    CSP = "csp", "Community Safety Partnership"
    HEALTH = "health", "Health"
    HOUSING = "housing", "Housing provider"
    CHARITY = "charity", "Charity or voluntary organisation"
    OTHER = "other", "Other"
