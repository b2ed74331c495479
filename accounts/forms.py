"""The beheerder's forms for people: a colleague's details and roles."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator

from .models import Role, User

ROLE_HELP = (
    "Lezer: leest alles intern. Accounthouder: maakt samenwerkingsverbanden aan en bewerkt "
    "die van hemzelf. Beheerder: mag alles, ook gebruikers, lijsten en het afwegingskader."
)


class RolesField(forms.TypedMultipleChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            label="Rollen",
            choices=Role.choices,
            coerce=Role,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=ROLE_HELP,
            **kwargs,
        )


class UserForm(forms.ModelForm):  # type: ignore[type-arg]
    """Name, e-mail, username and roles of a colleague."""

    roles = RolesField()

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "username"]
        labels = {
            "first_name": "Voornaam",
            "last_name": "Achternaam",
            "email": "E-mailadres",
            "username": "Gebruikersnaam",
        }
        help_texts = {
            "username": "Hiermee logt uw collega in. Letters, cijfers en . @ + - _; "
            "hoogstens 150 tekens.",
            "email": "Hierheen sturen we de link om een wachtwoord te kiezen.",
        }

    def __init__(self, *args: Any, roles: set[Role] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = True
        self.fields["username"].validators = [UnicodeUsernameValidator()]
        self.fields["username"].error_messages = {
            "unique": "Deze gebruikersnaam is al in gebruik. Kies een andere.",
            "required": "Vul een gebruikersnaam in.",
        }
        if roles is not None:
            self.initial["roles"] = [role.value for role in roles]

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        taken = User.objects.filter(username__iexact=username).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError("Deze gebruikersnaam is al in gebruik. Kies een andere.")
        return username

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip()
        taken = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                "Er is al een gebruiker met dit e-mailadres. Zoek die op in de lijst."
            )
        return email
