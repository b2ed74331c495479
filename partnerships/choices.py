"""The fixed lists of the register (docs/architecture.md)."""

from django.db import models


class OrganisationKind(models.TextChoices):
    GEMEENTE = "gemeente", "Gemeente"
    PROVINCIE = "provincie", "Provincie"
    WATERSCHAP = "waterschap", "Waterschap"
    RIJK = "rijk", "Rijk"
    GEMEENSCHAPPELIJKE_REGELING = "gemeenschappelijke_regeling", "Gemeenschappelijke regeling"
    POLITIE_JUSTITIE = "politie_justitie", "Politie en justitie"
    ZORG_WELZIJN = "zorg_welzijn", "Zorg en welzijn"
    ONDERWIJS_KENNIS = "onderwijs_kennis", "Onderwijs en kennis"
    BEDRIJF = "bedrijf", "Bedrijf"
    COOPERATIE = "cooperatie", "Coöperatie"
    MAATSCHAPPELIJKE_ORGANISATIE = "maatschappelijke_organisatie", "Maatschappelijke organisatie"
    OVERIG = "overig", "Overig"


class Motive(models.TextChoices):
    AMBITIE = "ambitie", "Ambitie vergroten / krachten bundelen"
    EFFICIENCY = "efficiency", "Efficiënter werken"
    ORGANISATORISCH = "organisatorisch", "Organisatorische voordelen"
    HORIZON = "horizon", "De horizon verruimen"
    HINDER = "hinder", "Hinder van elkaar voorkomen"
    MAATSCHAPPELIJK = "maatschappelijk", "Maatschappelijk initiatief mogelijk maken"
    DEMOCRATIE = "democratie", "De democratie versterken"
    BETERE_PARTNER = "betere_partner", "Uitvoering door een partner die het beter kan"
    ANDERS = "anders", "Anders"


class AddedValuePerspective(models.IntegerChoices):
    """The four meerwaarde perspectives of the samenwerkingswijzer (docs/rulebook.md)."""

    ZELF_AFZONDERLIJK = 1, "(1) Zelf de meerwaarde per afzonderlijk verband bepalen"
    SAMEN_AFZONDERLIJK = 2, "(2) Samen de meerwaarde per afzonderlijk verband bepalen"
    ZELF_MEERDERE = 3, "(3) Zelf de meerwaarde over meerdere verbanden bepalen"
    SAMEN_MEERDERE = 4, "(4) Samen de meerwaarde over meerdere verbanden bepalen"


# The same perspectives as the public page says them, without the samenwerkingswijzer's terms.
ADDED_VALUE_IN_PLAIN_WORDS = {
    AddedValuePerspective.ZELF_AFZONDERLIJK: (
        "De gemeente bepaalt zelf wat deze samenwerking oplevert."
    ),
    AddedValuePerspective.SAMEN_AFZONDERLIJK: (
        "De gemeente bepaalt samen met de partners wat deze samenwerking oplevert."
    ),
    AddedValuePerspective.ZELF_MEERDERE: (
        "De gemeente bepaalt zelf wat deze samenwerking oplevert, samen met andere samenwerkingen."
    ),
    AddedValuePerspective.SAMEN_MEERDERE: (
        "De gemeente bepaalt samen met de partners wat deze en andere samenwerkingen samen "
        "opleveren."
    ),
}


class Nature(models.TextChoices):
    BELEIDSAFSTEMMING = "beleidsafstemming", "Beleidsafstemming"
    GEZAMENLIJKE_UITVOERING = "gezamenlijke_uitvoering", "Gezamenlijke uitvoering"
    DELEN_HULPBRONNEN = "delen_hulpbronnen", "Delen van hulpbronnen"
    NETWERK = "netwerk", "Netwerk of platform"


class LegalForm(models.TextChoices):
    OPENBAAR_LICHAAM = "openbaar_lichaam", "Openbaar lichaam (Wgr)"
    GEMEENSCHAPPELIJK_ORGAAN = "gemeenschappelijk_orgaan", "Gemeenschappelijk orgaan (Wgr)"
    BEDRIJFSVOERINGSORGANISATIE = "bedrijfsvoeringsorganisatie", "Bedrijfsvoeringsorganisatie (Wgr)"
    CENTRUMGEMEENTE = "centrumgemeente", "Centrumgemeente of regeling zonder meer (Wgr)"
    STICHTING = "stichting", "Stichting"
    VERENIGING = "vereniging", "Vereniging"
    COOPERATIE = "cooperatie", "Coöperatie"
    BV = "bv", "Besloten vennootschap (BV)"
    NV = "nv", "Naamloze vennootschap (NV)"
    CONVENANT = "convenant", "Convenant"
    OVEREENKOMST = "overeenkomst", "Samenwerkingsovereenkomst"
    NETWERK = "netwerk", "Netwerk of informeel overleg"

    @classmethod
    def wgr_forms(cls) -> frozenset["LegalForm"]:
        return frozenset(
            {
                cls.OPENBAAR_LICHAAM,
                cls.GEMEENSCHAPPELIJK_ORGAAN,
                cls.BEDRIJFSVOERINGSORGANISATIE,
                cls.CENTRUMGEMEENTE,
            }
        )

    @classmethod
    def with_own_body(cls) -> frozenset["LegalForm"]:
        """Wgr forms with a body of their own, in which the raad has a legal role."""
        return frozenset(
            {cls.OPENBAAR_LICHAAM, cls.GEMEENSCHAPPELIJK_ORGAAN, cls.BEDRIJFSVOERINGSORGANISATIE}
        )

    @classmethod
    def private_bodies(cls) -> frozenset["LegalForm"]:
        """Private legal persons: art. 160 Gemeentewet (wensen en bedenkingen) applies."""
        return frozenset({cls.STICHTING, cls.VERENIGING, cls.COOPERATIE, cls.BV, cls.NV})


class BBVCategory(models.TextChoices):
    """The four groups of the paragraaf verbonden partijen (BBV art. 15)."""

    GEMEENSCHAPPELIJKE_REGELINGEN = "gemeenschappelijke_regelingen", "Gemeenschappelijke regelingen"
    VENNOOTSCHAPPEN = "vennootschappen", "Vennootschappen en coöperaties"
    STICHTINGEN = "stichtingen", "Stichtingen en verenigingen"
    OVERIG = "overig", "Overige verbonden partijen"


BBV_CATEGORY_BY_LEGAL_FORM: dict[str, BBVCategory] = {
    LegalForm.OPENBAAR_LICHAAM: BBVCategory.GEMEENSCHAPPELIJKE_REGELINGEN,
    LegalForm.GEMEENSCHAPPELIJK_ORGAAN: BBVCategory.GEMEENSCHAPPELIJKE_REGELINGEN,
    LegalForm.BEDRIJFSVOERINGSORGANISATIE: BBVCategory.GEMEENSCHAPPELIJKE_REGELINGEN,
    LegalForm.CENTRUMGEMEENTE: BBVCategory.GEMEENSCHAPPELIJKE_REGELINGEN,
    LegalForm.BV: BBVCategory.VENNOOTSCHAPPEN,
    LegalForm.NV: BBVCategory.VENNOOTSCHAPPEN,
    LegalForm.COOPERATIE: BBVCategory.VENNOOTSCHAPPEN,
    LegalForm.STICHTING: BBVCategory.STICHTINGEN,
    LegalForm.VERENIGING: BBVCategory.STICHTINGEN,
}


class Regulation(models.TextChoices):
    RAADSREGELING = "raadsregeling", "Raadsregeling"
    COLLEGEREGELING = "collegeregeling", "Collegeregeling"
    GEMENGD = "gemengd", "Gemengde regeling"


class Status(models.TextChoices):
    IN_VOORBEREIDING = "in_voorbereiding", "In voorbereiding"
    ACTIEF = "actief", "Actief"
    BEEINDIGD = "beeindigd", "Beëindigd"


class ParticipationRole(models.TextChoices):
    DEELNEMER = "deelnemer", "Deelnemer"
    PENVOERDER = "penvoerder", "Penvoerder of trekker"
    OPDRACHTNEMER = "opdrachtnemer", "Opdrachtnemer"
    FINANCIER = "financier", "Financier"


class ContributionKind(models.TextChoices):
    FINANCIEEL = "financieel", "Financieel"
    PERSONEEL = "personeel", "Personele inzet"
    IN_NATURA = "in_natura", "In natura"


class DecisionBody(models.TextChoices):
    RAAD = "raad", "Gemeenteraad"
    COLLEGE = "college", "College van B en W"
    BURGEMEESTER = "burgemeester", "Burgemeester"
    ALGEMEEN_BESTUUR = "algemeen_bestuur", "Algemeen bestuur"
    DAGELIJKS_BESTUUR = "dagelijks_bestuur", "Dagelijks bestuur"
    AVA = "ava", "Algemene vergadering van aandeelhouders"
    OVERIG = "overig", "Overig"
