"""Join PDFs that WeasyPrint rendered as parts of one document into that one document.

A long document is rendered in parts (see `render_pdf_in_parts` in samenwerkingswijzer.pdf),
so that memory holds one part's layout, not the whole document's. The join keeps that
bound: it reads one part at a time (with pikepdf) and writes its objects out, renumbered,
before it opens the next. Holding every object of the joined document at once, as a PDF
library's merge does, took 730 MB for the jaarrekening of a 5,000 register: its structure
tree alone has a quarter of a million elements.

What a reader and a screen reader use is kept:
- the pages, in order, under one page tree;
- the tags (PDF/UA): each part's `Document` element becomes a `Part` under one `Document`,
  and the numbers that tie pages and links to it (the parent tree) are shifted per part;
- the bookmarks, as one outline; a part that goes on with a chapter of an earlier part hangs
  its bookmarks before its first chapter heading under that chapter's;
- the named destinations of the headings, so that a link in one part reaches a heading in
  another: the contents (first part) link to `ANCHOR_URL` + name, which becomes a link to
  the named destination;
- the catalog of the first part (language, metadata with the PDF/UA or PDF/A mark, output
  intents) and its document information (title, author).
The objects go into compressed object streams, as WeasyPrint writes them.
"""

from __future__ import annotations

import hashlib
import io
import re
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Name, String

# A link to another part's heading is rendered as a link to this address plus the anchor;
# `join_parts` turns it into a link inside the document. `.invalid` can never resolve.
ANCHOR_URL = "https://samenwerkingswijzer.invalid/anker#"

# The catalog entries that the join makes anew; the others come from the first part.
REBUILT = {"/Type", "/Pages", "/Names", "/Outlines", "/StructTreeRoot"}

# Numbers of the objects the join writes itself.
CATALOG, PAGES, TREE_ROOT, DOCUMENT, PARENT_TREE, OUTLINES, DESTINATIONS = range(1, 8)
FIRST_FREE = 8
OBJECTS_PER_STREAM = 200

# A token of an unparsed object: strings and names are passed over as they are (qpdf
# escapes the parentheses inside a string), so that only real references are renumbered.
TOKEN = re.compile(
    rb"""\((?:\\.|[^\\)])*\)
    | <[0-9A-Fa-f\s]*>
    | /[^\s/\[\]()<>{}%]*
    | (\d+)\ (\d+)\ R(?![A-Za-z0-9_])""",
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class RenderedPart:
    content: bytes
    # Its first chapter began in an earlier part: its first bookmarks belong under that one.
    continues: bool = False


def _named_destinations(pdf: pikepdf.Pdf) -> list[tuple[str, Any]]:
    """WeasyPrint writes the destinations as one flat name tree: [name, [page /XYZ x y z]]."""
    names = pdf.Root.get("/Names")
    dests = names.get("/Dests") if names is not None else None
    if dests is None:
        return []
    flat = dests.get("/Names", Array())
    return [(str(flat[i]), flat[i + 1]) for i in range(0, len(flat), 2)]


@dataclass
class _Bookmark:
    title: str
    destination: bytes  # "[page /XYZ left top zoom]", renumbered
    children: list[_Bookmark] = field(default_factory=list)


class _Writer:
    """A PDF written object by object: plain objects into compressed object streams,
    streams directly, and a cross-reference stream at the end."""

    def __init__(self) -> None:
        self.output = io.BytesIO()
        self.output.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        self.next_number = FIRST_FREE
        # number -> (1, offset) written directly, or (2, stream number, index) in a stream
        self.xref: dict[int, tuple[int, int, int]] = {}
        self.pending: list[tuple[int, bytes]] = []

    def allocate(self) -> int:
        number = self.next_number
        self.next_number += 1
        return number

    def plain(self, number: int, data: bytes) -> None:
        self.pending.append((number, data))
        if len(self.pending) >= OBJECTS_PER_STREAM:
            self.flush()

    def stream(self, number: int, dictionary: bytes, data: bytes) -> None:
        self.xref[number] = (1, self.output.tell(), 0)
        self.output.write(b"%d 0 obj\n%s\nstream\n" % (number, dictionary))
        self.output.write(data)
        self.output.write(b"\nendstream\nendobj\n")

    def flush(self) -> None:
        if not self.pending:
            return
        number = self.allocate()
        header, body = [], io.BytesIO()
        for index, (member, data) in enumerate(self.pending):
            header.append(b"%d %d" % (member, body.tell()))
            body.write(data + b"\n")
            self.xref[member] = (2, number, index)
        first = b" ".join(header) + b"\n"
        data = zlib.compress(first + body.getvalue())
        dictionary = b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>" % (
            len(self.pending),
            len(first),
            len(data),
        )
        self.pending = []
        self.stream(number, dictionary, data)

    def finish(self, info: int | None, identifier: bytes) -> bytes:
        self.flush()
        number = self.allocate()
        offset = self.output.tell()
        self.xref[number] = (1, offset, 0)
        rows = [b"\x00\x00\x00\x00\x00\xff\xff"]
        for n in range(1, number + 1):
            kind, second, third = self.xref.get(n, (0, 0, 0))
            rows.append(bytes([kind]) + second.to_bytes(4, "big") + third.to_bytes(2, "big"))
        data = zlib.compress(b"".join(rows))
        ident = identifier.hex().encode()
        dictionary = (
            b"<< /Type /XRef /Size %d /W [1 4 2] /Root %d 0 R%s /ID [<%s> <%s>]"
            b" /Filter /FlateDecode /Length %d >>"
            % (
                number + 1,
                CATALOG,
                b" /Info %d 0 R" % info if info else b"",
                ident,
                ident,
                len(data),
            )
        )
        self.output.write(b"%d 0 obj\n%s\nstream\n" % (number, dictionary))
        self.output.write(data)
        self.output.write(b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offset)
        return self.output.getvalue()


class _Part:
    """One part being copied: its objects get new numbers as they are first referred to,
    so that exactly what the pages and the tags use is written."""

    def __init__(self, writer: _Writer, source: pikepdf.Pdf) -> None:
        self.writer = writer
        self.source = source
        # Objects of the part that the join replaces by its own.
        self.numbers: dict[int, int] = {source.Root.objgen[0]: CATALOG}
        self.numbers[source.Root.Pages.objgen[0]] = PAGES
        tree = source.Root.get("/StructTreeRoot")
        if tree is not None and tree.is_indirect:
            # Only the part's Document element refers to the root: it now hangs under ours.
            self.numbers[tree.objgen[0]] = DOCUMENT
        self.todo: list[int] = []

    def number(self, old: int) -> int:
        new = self.numbers.get(old)
        if new is None:
            new = self.numbers[old] = self.writer.allocate()
            self.todo.append(old)
        return new

    def renumbered(self, data: bytes) -> bytes:
        def one(match: re.Match[bytes]) -> bytes:
            if match[1] is None:
                return match[0]
            return b"%d 0 R" % self.number(int(match[1]))

        return TOKEN.sub(one, data)

    def write_all(self) -> None:
        """Write every object referred to so far, and what they refer to in turn."""
        while self.todo:
            old = self.todo.pop()
            obj = self.source.get_object((old, 0))
            new = self.numbers[old]
            if isinstance(obj, pikepdf.Stream):
                data = obj.read_raw_bytes()
                dictionary = obj.stream_dict
                dictionary.Length = len(data)
                self.writer.stream(new, self.renumbered(dictionary.unparse(resolved=True)), data)
            else:
                self.writer.plain(new, self.renumbered(obj.unparse(resolved=True)))


def join_parts(parts: Sequence[RenderedPart], chapters: frozenset[str] = frozenset()) -> bytes:
    """One PDF of the parts, in order (see the module's description).

    `chapters` are the anchors of the chapter headings: in a part that goes on with a
    chapter, the bookmarks before its first chapter heading belong to the chapter before.
    """
    writer = _Writer()
    page_numbers: list[int] = []
    document_kids: list[int] = []
    parent_tree: list[bytes] = []
    destinations: list[tuple[bytes, bytes]] = []
    bookmarks: list[_Bookmark] = []
    catalog = b""
    info: int | None = None
    next_key = 0
    digest = hashlib.md5(usedforsecurity=False)

    for index, rendered in enumerate(parts):
        digest.update(rendered.content)
        with pikepdf.open(io.BytesIO(rendered.content)) as source:
            part = _Part(writer, source)
            if index == 0:
                catalog = _catalog_entries(source, part)
                if "/Info" in source.trailer:
                    info = part.number(source.trailer.Info.objgen[0])
            shift = next_key
            for page in source.pages:
                _prepare_page(page.obj, shift)
                page_numbers.append(part.number(page.obj.objgen[0]))
            tree = source.Root.get("/StructTreeRoot")
            if tree is not None:
                for element in _as_list(tree.get("/K")):
                    element.S = Name.Part
                    document_kids.append(part.number(element.objgen[0]))
                numbers = tree.ParentTree.get("/Nums", Array())
                for i in range(0, len(numbers), 2):
                    key = int(numbers[i]) + shift
                    value = part.renumbered(numbers[i + 1].unparse())
                    parent_tree.append(b"%d %s" % (key, value))
                    next_key = max(next_key, key + 1)
            headings = set()
            for name, destination in _named_destinations(source):
                destinations.append((_pdf_string(name), part.renumbered(destination.unparse())))
                if name in chapters:
                    headings.add(_position(destination))
            goes_on = rendered.continues
            with source.open_outline() as outline:
                for item in outline.root:
                    target = item.destination
                    if isinstance(target, Array) and _position(target) in headings:
                        goes_on = False  # from its first chapter heading on, its own
                    copied = _bookmark(item, part.renumbered)
                    if goes_on and bookmarks:
                        bookmarks[-1].children.append(copied)
                    else:
                        bookmarks.append(copied)
            part.write_all()

    kids = b" ".join(b"%d 0 R" % n for n in page_numbers)
    writer.plain(PAGES, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_numbers)))
    writer.plain(
        TREE_ROOT,
        b"<< /Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R /ParentTreeNextKey %d >>"
        % (DOCUMENT, PARENT_TREE, next_key),
    )
    parts_list = b" ".join(b"%d 0 R" % n for n in document_kids)
    writer.plain(
        DOCUMENT,
        b"<< /Type /StructElem /S /Document /P %d 0 R /K [%s] >>" % (TREE_ROOT, parts_list),
    )
    writer.plain(PARENT_TREE, b"<< /Nums [%s] >>" % b" ".join(parent_tree))
    destinations.sort(key=lambda pair: pair[0])
    names = b" ".join(b"%s %s" % pair for pair in destinations)
    writer.plain(DESTINATIONS, b"<< /Names [%s] >>" % names)
    _write_outline(writer, bookmarks)
    writer.plain(
        CATALOG,
        b"<< /Type /Catalog /Pages %d 0 R /StructTreeRoot %d 0 R /Outlines %d 0 R"
        b" /Names << /Dests %d 0 R >>%s >>" % (PAGES, TREE_ROOT, OUTLINES, DESTINATIONS, catalog),
    )
    return writer.finish(info, digest.digest())


def _catalog_entries(source: pikepdf.Pdf, part: _Part) -> bytes:
    """The first part's catalog entries that the join does not make anew."""
    return b"".join(
        b" %s %s" % (str(key).encode(), part.renumbered(value.unparse()))
        for key, value in source.Root.items()
        if key not in REBUILT
    )


def _prepare_page(page: Any, shift: int) -> None:
    """Shift the page's and its links' keys into the parent tree; links to another part's
    heading become links to its named destination."""
    if "/StructParents" in page:
        page.StructParents = int(page.StructParents) + shift
    for annotation in page.get("/Annots", Array()):
        if "/StructParent" in annotation:
            annotation.StructParent = int(annotation.StructParent) + shift
        action = annotation.get("/A")
        if action is not None and action.get("/S") == Name.URI:
            uri = str(action.get("/URI", ""))
            if uri.startswith(ANCHOR_URL):
                del annotation.A
                annotation.Dest = String(uri.removeprefix(ANCHOR_URL))


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, Array) else [value]


def _position(destination: Any) -> tuple[tuple[int, int], float]:
    """Where a destination [page /XYZ left top zoom] points: a heading's bookmark and its
    anchor point at the same place."""
    return destination[0].objgen, round(float(destination[3]), 2)


def _bookmark(item: Any, renumbered: Callable[[bytes], bytes]) -> _Bookmark:
    destination = item.destination
    return _Bookmark(
        str(item.title),
        renumbered(destination.unparse()) if isinstance(destination, Array) else b"null",
        [_bookmark(child, renumbered) for child in item.children],
    )


def _pdf_string(text: str) -> bytes:
    return String(text).unparse()


def _write_outline(writer: _Writer, bookmarks: list[_Bookmark]) -> None:
    """The outline objects: each bookmark with its parent, neighbours and children, open."""

    def numbered(items: list[_Bookmark]) -> Iterator[tuple[_Bookmark, int]]:
        for item in items:
            yield item, writer.allocate()

    def visible(items: list[_Bookmark]) -> int:
        return sum(1 + visible(item.children) for item in items)

    def write(items: list[_Bookmark], parent: int) -> tuple[int, int]:
        pairs = list(numbered(items))
        for i, (item, number) in enumerate(pairs):
            links = [
                b"/Title %s /Parent %d 0 R /Dest %s"
                % (_pdf_string(item.title), parent, item.destination)
            ]
            if i > 0:
                links.append(b"/Prev %d 0 R" % pairs[i - 1][1])
            if i + 1 < len(pairs):
                links.append(b"/Next %d 0 R" % pairs[i + 1][1])
            if item.children:
                first, last = write(item.children, number)
                links.append(
                    b"/First %d 0 R /Last %d 0 R /Count %d" % (first, last, visible(item.children))
                )
            writer.plain(number, b"<< %s >>" % b" ".join(links))
        return pairs[0][1], pairs[-1][1]

    if not bookmarks:
        writer.plain(OUTLINES, b"<< /Type /Outlines /Count 0 >>")
        return
    first, last = write(bookmarks, OUTLINES)
    writer.plain(
        OUTLINES,
        b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>"
        % (first, last, visible(bookmarks)),
    )
