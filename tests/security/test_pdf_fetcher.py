"""The PDFs' URL fetcher serves files of the static folders and nothing else."""

from pathlib import Path

import pytest
from django.test import override_settings

from samenwerkingswijzer.pdf import BASE_URL, static_file_fetcher

ROOT = Path(__file__).resolve().parents[2]
THEME = ROOT / "static" / "css" / "theme.css"


def fetch(url: str) -> bytes:
    return bytes(static_file_fetcher().fetch(url).read())


def test_a_static_file_is_served_from_disk():
    assert fetch("file:///static/css/theme.css") == THEME.read_bytes()


def test_a_static_file_of_an_app_is_served_too():
    assert fetch("file:///static/bootstrap/css/bootstrap.min.css").startswith(b"@charset")


@pytest.mark.parametrize(
    "url",
    [
        "file:///static//etc/passwd",
        "file:///static/%2Fetc/passwd",
        "file:///static/../../../../etc/passwd",
        "file:///static/css/../../../../../etc/passwd",
        "file:///static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "file:///static/css%2f..%2f..%2fpyproject.toml",
        "file:///static/..%5c..%5cpyproject.toml",
        "file:///static/css/theme.css%00.png",
        "file:///etc/passwd",
        f"file://{ROOT}/pyproject.toml",
        "file://localhost/static/css/theme.css",
        "http://127.0.0.1:8000/static/css/theme.css",
        "https://example.org/static/css/theme.css",
        "ftp://127.0.0.1/static/css/theme.css",
        "file:///static/bestaat-niet.css",
        "file:///static/",
    ],
)
def test_anything_else_is_refused(url):
    with pytest.raises(ValueError, match="niet toegestaan"):
        fetch(url)


def test_a_data_url_is_read_as_usual():
    assert fetch("data:text/plain,hallo") == b"hallo"


@pytest.fixture
def secret(tmp_path) -> Path:
    secret = tmp_path / "geheim.txt"
    secret.write_text("wachtwoorden")
    return secret


def test_a_symlink_out_of_a_static_folder_is_refused(tmp_path, secret):
    folder = tmp_path / "static"
    (folder / "css").mkdir(parents=True)
    (folder / "css" / "eigen.css").write_text("body { color: black; }")
    (folder / "css" / "lek.css").symlink_to(secret)
    with override_settings(STATICFILES_DIRS=[folder]):
        assert fetch("file:///static/css/eigen.css") == b"body { color: black; }"
        with pytest.raises(ValueError, match="niet toegestaan"):
            fetch("file:///static/css/lek.css")


def test_a_symlink_out_of_the_collected_folder_is_refused(tmp_path, secret):
    collected = tmp_path / "staticfiles"
    collected.mkdir()
    (collected / "lek.css").symlink_to(secret)
    refused = pytest.raises(ValueError, match="niet toegestaan")
    with override_settings(STATIC_ROOT=collected), refused:
        fetch("file:///static/lek.css")


def test_a_document_referring_to_another_file_is_not_rendered(secret):
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    html = f'<p>Tekst</p><img src="/static/{"../" * 12}{str(secret).lstrip("/")}" alt="">'
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=static_file_fetcher())
    with pytest.raises(FatalURLFetchingError, match=r"geheim\.txt"):
        document.write_pdf()
