"""The beheerder keeps the reference lists, the standard evaluation questions and the
organisations in the admin: the role's group gets those model permissions, and every
beheerder may open the admin (is_staff)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

BEHEERDER = "beheerder"
PERMISSIONS = {
    "partnerships": {
        "policydomain": ("view", "add", "change", "delete"),
        "budgetprogramme": ("view", "add", "change", "delete"),
        # Deleting an organisation is refused while it takes part; merging is an in-app page.
        "organisation": ("view", "add", "change"),
    },
    "evaluations": {
        # Answers keep their question (PROTECT): a question in use is switched off, not deleted.
        "evaluationquestion": ("view", "add", "change", "delete"),
    },
}


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    for app_label, models in PERMISSIONS.items():
        # On a new database the permissions are made after all migrations; make them now.
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
        for model, actions in models.items():
            for action in actions:
                yield Permission.objects.get(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                )


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=BEHEERDER)
    group.permissions.add(*_permissions(apps))
    apps.get_model("accounts", "User").objects.filter(groups=group).update(is_staff=True)


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=BEHEERDER).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_auditevent"),
        ("partnerships", "0005_text_and_date_bounds"),
        ("evaluations", "0004_text_and_date_bounds"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
