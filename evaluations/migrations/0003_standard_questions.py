"""The ten standard evaluation questions (Maassluis practice; docs/rulebook.md, section 4)."""

from django.db import migrations

QUESTIONS = [
    "Wordt de beoogde meerwaarde gerealiseerd?",
    "Worden de lokale doelen gerealiseerd?",
    "Staat de inbreng van de gemeente in verhouding tot die van de partners?",
    "Worden kansen verzilverd?",
    "Worden de risico's beheerst?",
    "Is de informatievoorziening op orde?",
    "Zijn er voldoende mogelijkheden voor sturing en controle?",
    "Is er constructief samenspel tussen de partners?",
    "Is de raad in positie om te sturen en te controleren?",
    "Politieke aandachtspunten",
]


def add_questions(apps, schema_editor):
    EvaluationQuestion = apps.get_model("evaluations", "EvaluationQuestion")
    for order, text in enumerate(QUESTIONS, start=1):
        EvaluationQuestion.objects.get_or_create(text=text, defaults={"order": order * 10})


def remove_questions(apps, schema_editor):
    EvaluationQuestion = apps.get_model("evaluations", "EvaluationQuestion")
    EvaluationQuestion.objects.filter(text__in=QUESTIONS, answers__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0002_reminderlog")]

    operations = [migrations.RunPython(add_questions, remove_questions)]
