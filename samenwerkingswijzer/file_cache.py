"""Large generated files, made once per version and kept in Django's cache in chunks.

Why the cache in chunks, and not files on a disk: the app servers share the database, and so
the database cache (or whatever CACHE_URL names), but no disk; a shared volume would be one
more thing to set up for every deployment. A file of tens of megabytes in one cache entry
would have to be read and written whole (the database cache even pickles and base64-encodes
it): in chunks of CHUNK_BYTES, writing it holds one chunk at a time, and each entry stays
under memcached's limit of 1 MB per item. A hit reads the compressed chunks of a file up to
WHOLE_BYTES in one round trip (a few MB for the whole register); a larger one a chunk at a
time.

The file is stored compressed (gzip) and sent so to every client that accepts it, as every
browser does: a file of the whole register is ten times smaller on the wire, and sending it
costs the server a tenth of the reading. Other clients get it decompressed while it streams.

A stored file is complete or absent, never half: the chunks carry a random generation id,
and the manifest (the entry under the file's own key, naming the generation, the number of
chunks and the size) is written after the last chunk. A download that stops half-way stores
no manifest, and two servers making the same version at once cannot mix their chunks.
"""

from __future__ import annotations

import logging
import re
import secrets
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag

logger = logging.getLogger(__name__)

CHUNK_BYTES = 512 * 1024
# A version is never asked for again once the data changed; old ones simply expire.
CACHE_SECONDS = 24 * 60 * 60
# One server makes a missing file at a time; the others stream it without storing meanwhile.
LOCK_SECONDS = 10 * 60
# Browsers and proxies may keep a file this long without asking; after that the ETag makes
# asking cheap. Short, because a published change should show within minutes.
MAX_AGE_SECONDS = 5 * 60
# Named to sort after the public dossiers ("public-dossier:..."): a full database cache culls
# the alphabetically first third of its keys, and one register file is worth more than one
# dossier.
KEY_PREFIX = "register-file"
GZIP = 31  # zlib's window bits for the gzip format
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as Django's GZipMiddleware reads Accept-Encoding
# A compressed file up to this size is read from the cache at once and sent whole (read_whole).
WHOLE_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    """The manifest of a complete file in the cache."""

    key: str
    generation: str
    chunks: int
    size: int  # of the file itself
    gzip_size: int  # of the chunks, which hold it compressed
    made_at: datetime

    def chunk_key(self, number: int) -> str:
        return chunk_key(self.key, self.generation, number)


def chunk_key(key: str, generation: str, number: int) -> str:
    return f"{KEY_PREFIX}:{key}:{generation}:{number}"


def manifest_key(key: str) -> str:
    return f"{KEY_PREFIX}:{key}"


def find(key: str) -> StoredFile | None:
    """The manifest of the file stored under `key`, if it is there (its chunks unchecked)."""
    stored = cache.get(manifest_key(key))
    # Plain values, not the dataclass: an entry stays readable when that class changes.
    if not (isinstance(stored, tuple) and len(stored) == 5):
        return None
    generation, chunks, size, gzip_size, made_at = stored
    return StoredFile(key, generation, chunks, size, gzip_size, made_at)


def is_complete(stored: StoredFile) -> bool:
    """Every chunk still there: a full cache may have culled some (a cheap key lookup each)."""
    return all(cache.has_key(stored.chunk_key(n)) for n in range(stored.chunks))


def read(stored: StoredFile) -> Iterator[bytes]:
    """The stored file compressed (gzip), one chunk in memory at a time."""
    for number in range(stored.chunks):
        chunk = cache.get(stored.chunk_key(number))
        if not isinstance(chunk, bytes):
            # Culled between the check and now: the response ends short of its
            # Content-Length, so the client sees a broken download, never a wrong file.
            logger.error("Chunk %s of %s vanished from the cache", number, stored.key)
            return
        yield chunk


# The files this process last read whole, by key: (generation, compressed chunks). A stored
# file never changes, so a copy of the same generation is the same file; the manifest is still
# read from the shared cache at every request, so a file made anew elsewhere is seen at once.
# Without it every hit decodes the whole file again (the database cache stores values
# base64-encoded): two thirds of the time of a hit on the JSON of 20,000 partnerships.
_recent: dict[str, tuple[str, list[bytes]]] = {}
RECENT_FILES = 4  # the CSV and the JSON, and the next version of each while it replaces them


def read_whole(stored: StoredFile) -> list[bytes] | None:
    """Every chunk of the stored file (compressed), from this process's copy or in one round
    trip to the cache; None when one is gone. For a file of at most WHOLE_BYTES: a query per
    chunk, to check that it is there and again to read it, cost more than sending the file."""
    recent = _recent.get(stored.key)
    if recent is not None and recent[0] == stored.generation:
        return recent[1]
    keys = [stored.chunk_key(number) for number in range(stored.chunks)]
    found = cache.get_many(keys)
    chunks = [found.get(key) for key in keys]
    if not all(isinstance(chunk, bytes) for chunk in chunks):
        return None
    _recent.pop(stored.key, None)
    while len(_recent) >= RECENT_FILES:
        del _recent[next(iter(_recent))]  # the oldest
    _recent[stored.key] = (stored.generation, chunks)  # type: ignore[assignment]
    return chunks  # type: ignore[return-value]


def read_decompressed(stored: StoredFile) -> Iterator[bytes]:
    """The stored file as it was made, decompressed a chunk at a time."""
    decompressor = zlib.decompressobj(GZIP)
    for chunk in read(stored):
        yield decompressor.decompress(chunk)
    yield decompressor.flush()


def store_while_streaming(
    key: str, content: Iterable[bytes], made_at: datetime | None = None
) -> Iterator[bytes]:
    """`content` passed on as it is made, and stored under `key` once it is complete, as made
    at `made_at` (default: now; the Last-Modified already sent with the first piece).

    While one server makes the file, another that misses it streams its own without storing.
    """
    made_at = made_at or timezone.now()
    lock = f"{KEY_PREFIX}-lock:{key}"
    if not cache.add(lock, True, LOCK_SECONDS):
        yield from content
        return
    try:
        generation = secrets.token_hex(8)
        compressor = zlib.compressobj(6, zlib.DEFLATED, GZIP)
        buffer = bytearray()
        chunks = size = gzip_size = 0
        for piece in content:
            yield piece
            size += len(piece)
            buffer += compressor.compress(piece)
            while len(buffer) >= CHUNK_BYTES:
                piece_key = chunk_key(key, generation, chunks)
                cache.set(piece_key, bytes(buffer[:CHUNK_BYTES]), CACHE_SECONDS)
                del buffer[:CHUNK_BYTES]
                chunks += 1
                gzip_size += CHUNK_BYTES
        buffer += compressor.flush()
        cache.set(chunk_key(key, generation, chunks), bytes(buffer), CACHE_SECONDS)
        chunks += 1
        gzip_size += len(buffer)
        manifest = (generation, chunks, size, gzip_size, made_at)
        cache.set(manifest_key(key), manifest, CACHE_SECONDS)
    finally:
        cache.delete(lock)


def cached_file_response(
    request: HttpRequest,
    *,
    key: str,
    make: Callable[[], Iterable[bytes]],
    content_type: str,
) -> HttpResponse | StreamingHttpResponse:
    """The file of `key` (which names its version) from the cache, or made by `make()` while
    it streams and stored; its key as ETag, when it was made as Last-Modified, and a 304
    when the browser already has this version. From the cache compressed (gzip) to a client
    that accepts it, under an ETag of its own.
    """
    stored = find(key)
    compressed = stored is not None and bool(
        ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", ""))
    )
    etag = quote_etag(f"{key}-gzip" if compressed else key)
    # Not made yet: it will be made now, so the browser's copy is older. Whole seconds, as
    # the header says it: the copy made now must carry the same date when served again.
    made_at = stored.made_at if stored else timezone.now().replace(microsecond=0)
    response: HttpResponse | StreamingHttpResponse | None = get_conditional_response(
        request, etag=etag, last_modified=int(made_at.timestamp())
    )
    if response is None:
        whole = None
        if stored is not None and compressed and stored.gzip_size <= WHOLE_BYTES:
            whole = read_whole(stored)
        if stored is not None and (whole is not None or is_complete(stored)):
            if compressed:
                pieces = whole if whole is not None else read(stored)
                response = StreamingHttpResponse(pieces, content_type=content_type)
                response["Content-Encoding"] = "gzip"
                response["Content-Length"] = str(stored.gzip_size)
            else:
                pieces = read_decompressed(stored)
                response = StreamingHttpResponse(pieces, content_type=content_type)
                response["Content-Length"] = str(stored.size)
        else:
            if stored is not None:  # partly culled: made anew, now, as it is made
                made_at = timezone.now().replace(microsecond=0)
                etag = quote_etag(key)
            chunks = store_while_streaming(key, make(), made_at)
            response = StreamingHttpResponse(chunks, content_type=content_type)
    response["ETag"] = etag
    patch_vary_headers(response, ("Accept-Encoding",))
    response["Last-Modified"] = http_date(made_at.timestamp())
    # A visitor with a session may get a new session cookie with this response: only the
    # browser may keep that one, never a shared proxy.
    scope = "private" if settings.SESSION_COOKIE_NAME in request.COOKIES else "public"
    patch_cache_control(response, max_age=MAX_AGE_SECONDS, **{scope: True})
    return response
