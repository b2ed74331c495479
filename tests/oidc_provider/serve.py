"""Start the test provider: `python -m tests.oidc_provider.serve` (settings in the environment).

TEST_PROVIDER_URL   its own address, http://127.0.0.1:<port>
TEST_PROVIDER_DB    a fresh SQLite file
TEST_PROVIDER_SETUP JSON: {"client_id", "client_secret", "redirect_uris": [...],
                    "post_logout_redirect_uris": [...], "users": [{"username", "password",
                    "first_name", "last_name", "email", "groups": [...]}]}
"""

import json
import os
from urllib.parse import urlsplit

import django


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    django.setup()

    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application
    from oidc_provider.models import Client, ResponseType

    setup = json.loads(os.environ["TEST_PROVIDER_SETUP"])
    call_command("migrate", verbosity=0)
    call_command("creatersakey", stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client.objects.create(
        name="Samenwerkingswijzer",
        client_type="confidential",
        client_id=setup["client_id"],
        client_secret=setup["client_secret"],
        jwt_alg="RS256",
        require_consent=False,
        reuse_consent=True,
    )
    client.redirect_uris = setup["redirect_uris"]
    client.post_logout_redirect_uris = setup["post_logout_redirect_uris"]
    client.save()
    client.response_types.add(ResponseType.objects.get(value="code"))
    for person in setup["users"]:
        user = User.objects.create_user(
            person["username"],
            email=person["email"],
            password=person["password"],
            first_name=person["first_name"],
            last_name=person["last_name"],
        )
        for name in person["groups"]:
            user.groups.add(Group.objects.get_or_create(name=name)[0])

    address = urlsplit(os.environ["TEST_PROVIDER_URL"])
    print("provider ready", flush=True)
    run(address.hostname, address.port, get_wsgi_application(), threading=True)


if __name__ == "__main__":
    main()
