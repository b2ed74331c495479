"""Join PDFs that WeasyPrint rendered as parts of one document into that one document.

A long document is rendered in parts (see `render_pdf_in_parts` in samenwerkingswijzer.pdf),
so that memory holds one part's layout, not the whole document's. This module joins the
parts with pikepdf (qpdf) and keeps what a reader and a screen reader use:
- the pages, in order;
- the tags (PDF/UA): each part's structure tree becomes a `Part` under one `Document`, and
  the numbers that link pages and links to it (the parent tree) are shifted per part;
- the bookmarks: one outline; a part that goes on with a chapter of an earlier part hangs
  its bookmarks under that chapter's;
- the named destinations of every heading, so that a link in one part reaches a heading
  in another: the contents (first part) link to `ANCHOR_URL` + name, which is turned into
  a link to the named destination here;
- the catalog of the first part (language, metadata with the PDF/UA or PDF/A mark, output
  intents) and its document information (title, author).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, PageLocation, String

# A link to another part's heading is rendered as a link to this address plus the anchor;
# `join_parts` turns it into a link inside the document. `.invalid` can never resolve.
ANCHOR_URL = "https://samenwerkingswijzer.invalid/anker#"

# What the joined catalog takes from the first part; the rest is rebuilt from all parts.
REBUILT = {"/Type", "/Pages", "/Names", "/Outlines", "/StructTreeRoot"}


@dataclass(frozen=True)
class RenderedPart:
    content: bytes
    # Its first chapter began in an earlier part: its top bookmarks belong under that one.
    continues: bool = False


def page_of_destinations(content: bytes) -> dict[str, int]:
    """Every named destination of a rendered part: anchor -> 0-based page in that part."""
    with pikepdf.open(io.BytesIO(content)) as pdf:
        pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
        return {
            name: pages[destination[0].objgen]
            for name, destination in _named_destinations(pdf)
            if destination[0].objgen in pages
        }


def _named_destinations(pdf: pikepdf.Pdf) -> list[tuple[str, Any]]:
    """WeasyPrint writes the destinations as one flat name tree: [name, [page /XYZ x y z]]."""
    names = pdf.Root.get("/Names")
    dests = names.get("/Dests") if names is not None else None
    if dests is None:
        return []
    flat = dests.get("/Names", Array())
    return [(str(flat[i]), flat[i + 1]) for i in range(0, len(flat), 2)]


def join_parts(parts: Sequence[RenderedPart], chapters: frozenset[str] = frozenset()) -> bytes:
    """One PDF of the parts, in order (see the module's description).

    `chapters` are the anchors of the chapter headings: in a part that goes on with a
    chapter, the bookmarks before its first chapter heading belong to the chapter before.
    """
    sources = [pikepdf.open(io.BytesIO(part.content)) for part in parts]
    try:
        return _join(sources, [part.continues for part in parts], chapters)
    finally:
        for source in sources:
            source.close()


def _join(sources: list[pikepdf.Pdf], continues: list[bool], chapters: frozenset[str]) -> bytes:
    joined = pikepdf.new()
    first = sources[0]
    for entry, value in first.Root.items():
        if entry not in REBUILT:
            joined.Root[entry] = _copied(joined, first, value)
    joined.docinfo = _copied(joined, first, first.docinfo)  # type: ignore[assignment]

    tree_root = joined.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = joined.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Document, P=tree_root, K=Array())
    )
    parent_tree = Array()
    next_key = 0
    destinations: list[tuple[str, Any]] = []
    outline: list[tuple[bool, OutlineItem]] = []

    for source, goes_on in zip(sources, continues, strict=True):
        start = len(joined.pages)
        source_pages = {page.obj.objgen: number for number, page in enumerate(source.pages)}
        joined.pages.extend(source.pages)
        key_shift = next_key
        for page in joined.pages[start:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + key_shift
            for annotation in page.obj.get("/Annots", Array()):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + key_shift
                _link_anchor_inside(annotation)

        tree = source.Root.get("/StructTreeRoot")
        if tree is not None:
            for element in _as_list(tree.get("/K")):
                if "/P" in element:
                    del element.P  # the part's own root is not copied
                element.S = Name.Part
                copied = joined.copy_foreign(element)
                copied.P = document
                document.K.append(copied)
            numbers = tree.ParentTree.get("/Nums", Array())
            for i in range(0, len(numbers), 2):
                key = int(numbers[i]) + key_shift
                copied_parents = _copied(joined, source, numbers[i + 1])
                parent_tree.extend([key, copied_parents])  # type: ignore[list-item]
                next_key = max(next_key, key + 1)

        def global_page(
            destination: Array, start: int = start, pages: dict[Any, int] = source_pages
        ) -> int:
            return start + pages[destination[0].objgen]

        headings = set()
        for name, destination in _named_destinations(source):
            if destination[0].objgen in source_pages:
                target = joined.pages[global_page(destination)].obj
                destinations.append((name, Array([target, *list(destination)[1:]])))
                if name in chapters:
                    headings.add(_position(destination))
        with source.open_outline() as source_outline:
            for item in source_outline.root:
                target_of = item.destination
                if isinstance(target_of, Array) and _position(target_of) in headings:
                    goes_on = False  # from its first chapter heading on, the part's own
                outline.append((goes_on, _copy_item(item, global_page)))

    tree_root.K = Array([document])
    tree_root.ParentTree = joined.make_indirect(Dictionary(Nums=parent_tree))
    tree_root.ParentTreeNextKey = next_key
    joined.Root.StructTreeRoot = tree_root
    if destinations:
        destinations.sort(key=lambda pair: pair[0])
        flat = Array()
        for name, destination in destinations:
            flat.extend([String(name), destination])
        joined.Root.Names = Dictionary(Dests=joined.make_indirect(Dictionary(Names=flat)))
    _write_outline(joined, outline)

    output = io.BytesIO()
    joined.save(
        output,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        # The same document twice gives the same bytes (qpdf would pick a random /ID).
        deterministic_id=True,
    )
    return output.getvalue()


def _copied(joined: pikepdf.Pdf, source: pikepdf.Pdf, value: pikepdf.Object) -> pikepdf.Object:
    """`value` of `source` in `joined`; qpdf copies only indirect objects between files, and
    remembers each, so that a page copied once is the same page wherever it is referred to."""
    if isinstance(value, Name):
        return Name(str(value))
    if isinstance(value, String):
        return String(str(value))
    if not isinstance(value, Dictionary | Array | pikepdf.Stream):
        return value
    if not value.is_indirect:
        value = source.make_indirect(value)
    return joined.copy_foreign(value)


def _position(destination: Array) -> tuple[tuple[int, int], float]:
    """Where a destination [page /XYZ left top zoom] points: a heading's bookmark and its
    anchor point at the same place."""
    return destination[0].objgen, round(float(destination[3]), 2)


def _as_list(value: object) -> list[pikepdf.Object]:
    if value is None:
        return []
    if isinstance(value, Array):
        return list(value)
    return [value]  # type: ignore[list-item]


def _link_anchor_inside(annotation: pikepdf.Object) -> None:
    """A link to `ANCHOR_URL#name` becomes a link to the named destination `name`."""
    action = annotation.get("/A")
    if action is None or action.get("/S") != Name.URI:
        return
    uri = str(action.get("/URI", ""))
    if uri.startswith(ANCHOR_URL):
        del annotation.A
        annotation.Dest = String(uri.removeprefix(ANCHOR_URL))


def _copy_item(item: OutlineItem, global_page: object) -> OutlineItem:
    """A bookmark of a part with its children, pointing at the page in the joined PDF."""
    destination = item.destination
    copied = OutlineItem(item.title)
    if isinstance(destination, Array) and len(destination) >= 4:
        page = global_page(destination)  # type: ignore[operator]
        copied = OutlineItem(
            item.title,
            page,
            PageLocation.XYZ,
            left=float(destination[2]),
            top=float(destination[3]),
        )
    copied.is_closed = item.is_closed
    copied.children.extend(_copy_item(child, global_page) for child in item.children)
    return copied


def _write_outline(joined: pikepdf.Pdf, items: list[tuple[bool, OutlineItem]]) -> None:
    """The parts' bookmarks in order; those of a part that goes on with a chapter go under
    the last bookmark of the part before, where they would be in one long document."""
    with joined.open_outline() as outline:
        last: OutlineItem | None = None
        for goes_on, item in items:
            if goes_on and last is not None:
                last.children.append(item)
            else:
                outline.root.append(item)
                last = item
