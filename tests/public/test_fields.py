"""Every field of a partnership is public or internal by a decision written in public/fields.py."""

from partnerships.models import Partnership
from public.fields import INTERNAL_PARTNERSHIP_FIELDS, PUBLIC_FIELDS


def test_every_partnership_field_is_declared_public_or_internal():
    concrete = {
        field.name
        for field in Partnership._meta.get_fields()
        if field.concrete and not field.many_to_many
    }
    public = set(PUBLIC_FIELDS["partnership"])
    internal = set(INTERNAL_PARTNERSHIP_FIELDS)

    assert public.isdisjoint(internal)
    assert concrete == public | internal, "beslis in public/fields.py: openbaar of intern?"


def test_internal_notes_and_users_are_never_public():
    public = set(PUBLIC_FIELDS["partnership"])

    assert {"internal_notes", "account_holder", "deputy", "published"}.isdisjoint(public)
    assert "mandate" not in PUBLIC_FIELDS["tierdecision"]
    assert "motivation" not in PUBLIC_FIELDS["tierdecision"]
    assert "lessons_learned" not in PUBLIC_FIELDS["evaluation"]
