"""The streamed writers give exactly the file that writing it at once would give."""

import csv
import io
import json

import pytest

from samenwerkingswijzer import exports

DOCUMENTS = [
    ({"bron": "Gemeente", "aantal": 0, "lijst": []}, []),
    (
        {"bron": "Gëmeente\n", "aantal": 2, "lijst": []},
        [
            {"naam": "Eén", "regels": ["a\nb", {"diep": [1, 2.5, None, True]}], "leeg": {}},
            {"naam": 'Twee "quote" \\ \u2028', "lijst": [], "getal": -3},
        ],
    ),
]


@pytest.mark.parametrize(("document", "items"), DOCUMENTS)
@pytest.mark.parametrize("piece_chars", [1, 64 * 1024])
def test_json_stream_is_the_document_with_one_item_per_line(
    document, items, piece_chars, monkeypatch
):
    monkeypatch.setattr(exports, "STREAM_PIECE_CHARS", piece_chars)

    streamed = b"".join(exports.stream_json(document, iter(items))).decode()

    assert json.loads(streamed) == {**document, "lijst": items}
    lines = streamed.split("\n")
    assert [json.loads(line.strip().rstrip(",")) for line in lines if line.startswith("    ")] == (
        items
    )
    head = json.dumps({**document, "lijst": []}, ensure_ascii=False, indent=2)
    assert streamed.startswith(head.rpartition("[]")[0])


def test_json_stream_refuses_a_document_whose_last_key_is_not_an_empty_list():
    with pytest.raises(ValueError, match="empty list"):
        list(exports.stream_json({"lijst": [], "aantal": 1}, []))


def test_csv_stream_is_for_dutch_excel_in_pieces(monkeypatch):
    monkeypatch.setattr(exports, "STREAM_PIECE_CHARS", 10)
    rows = [["naam", "bedrag"], ["Café; één", "1234.50"], ['Met "aanhalingstekens"', ""]]

    pieces = list(exports.stream_csv(rows))
    text = b"".join(pieces).decode("utf-8")

    assert len(pieces) > 1
    assert text.startswith("\ufeffnaam;bedrag\r\n")
    assert list(csv.reader(io.StringIO(text[1:]), delimiter=";")) == rows
