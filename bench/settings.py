"""The app's production-like settings for the benchmark: DEBUG off, plus the bare floor view."""

import os

# Set before the app's settings read the environment: production mode, on plain HTTP.
os.environ.setdefault("DEBUG", "False")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-used-anywhere-else-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from samenwerkingswijzer.settings import *  # noqa: F403
from samenwerkingswijzer.settings import BASE_DIR, STORAGES, TEMPLATES

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = BASE_DIR / "bench-results" / "static"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]  # type: ignore[misc]
# Hashed names from a manifest as in production, without WhiteNoise's gzip/brotli step:
# the benchmark never downloads static files, and compressing them takes minutes.
STORAGES = STORAGES | {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
}
