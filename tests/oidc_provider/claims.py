"""The claims the test provider gives: names and e-mail from the user, groups from its groups."""

from typing import Any

from oidc_provider.lib.claims import ScopeClaims


def userinfo(claims: dict[str, Any], user: Any) -> dict[str, Any]:
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["email"] = user.email
    claims["preferred_username"] = user.username
    return claims


class GroupClaims(ScopeClaims):
    info_groups = ("Groepen", "De groepen waarin u zit.")

    def scope_groups(self) -> dict[str, Any]:
        return {"groups": sorted(self.user.groups.values_list("name", flat=True))}
