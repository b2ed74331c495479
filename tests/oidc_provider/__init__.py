"""A small OpenID Connect provider (django-oidc-provider) that the sign-in tests start.

It is a Django project of its own, with its own settings and database, run in a second
process by `tests/accounts/test_oidc.py`: the app talks to it over HTTP as it would to the
municipality's provider. Not part of the application.
"""
