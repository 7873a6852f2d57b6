"""A response cache for the API over a read-only store: an ASGI middleware in front of the app.

A GET under /api/ is answered from memory when the same request (path, query string, and
whether the client takes gzip) was answered before with 200 and the store file is unchanged
(its size and modification time, and its write-ahead log's). A store that changes empties
the cache. Bounded in entries and bytes (least recently used first out). Requests that
arrive together for the same key wait for the first one instead of each querying the store.
Requests the app would refuse (no valid token) never reach the cache.
"""
from __future__ import annotations

import asyncio
import os
from collections import OrderedDict
from collections.abc import Callable

Entry = tuple[dict, bytes]  # the http.response.start message, the body


def file_stamp(path: str) -> Callable[[], tuple]:
    """What says a store file changed: size and mtime of the file and of its WAL."""
    def stamp() -> tuple:
        out = []
        for name in (path, path + ".wal"):
            try:
                st = os.stat(name)
                out += [st.st_size, st.st_mtime_ns]
            except OSError:
                out += [None, None]
        return tuple(out)
    return stamp


class ResponseCache:
    def __init__(self, app, stamp: Callable[[], tuple], allowed: Callable[[dict], bool],
                 max_entries: int = 256, max_bytes: int = 32 * 2**20):
        self.app, self.stamp, self.allowed = app, stamp, allowed
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self.entries: OrderedDict[tuple, Entry] = OrderedDict()
        self.size = 0
        self.valid_for: tuple | None = None
        self.pending: dict[tuple, asyncio.Future] = {}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or \
                not scope["path"].startswith("/api/") or not self.allowed(scope):
            return await self.app(scope, receive, send)
        stamp = self.stamp()
        if stamp != self.valid_for:
            self.entries.clear()
            self.size, self.valid_for = 0, stamp
        gzip = any(k == b"accept-encoding" and b"gzip" in v for k, v in scope["headers"])
        key = (scope["path"], scope["query_string"], gzip)
        waited = key not in self.entries and key in self.pending
        if waited:
            await asyncio.shield(self.pending[key])
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
            return await self._replay(entry, send)
        if waited or key in self.pending:  # the first one's answer was not kept (an error)
            return await self.app(scope, receive, send)
        self.pending[key] = asyncio.get_running_loop().create_future()
        try:
            entry = await self._answer(scope, receive, send)
            if entry is not None and stamp == self.valid_for:
                self._keep(key, entry)
        finally:
            self.pending.pop(key).set_result(None)

    async def _answer(self, scope, receive, send) -> Entry | None:
        """Ask the app, pass its answer on, and return it when it can be kept."""
        start: dict = {}
        body: list[bytes] = []

        async def capture(message):
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                body.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        headers = dict(start.get("headers", []))
        if start.get("status") != 200 or b"set-cookie" in headers:
            return None
        return start, b"".join(body)

    def _keep(self, key: tuple, entry: Entry) -> None:
        n = len(entry[1])
        if n > self.max_bytes // 4:
            return
        if key in self.entries:
            self.size -= len(self.entries.pop(key)[1])
        self.entries[key] = entry
        self.size += n
        while len(self.entries) > self.max_entries or self.size > self.max_bytes:
            _, (_, old) = self.entries.popitem(last=False)
            self.size -= len(old)

    @staticmethod
    async def _replay(entry: Entry, send) -> None:
        start, body = entry
        await send({**start, "headers": [*start["headers"], (b"x-cache", b"hit")]})
        await send({"type": "http.response.body", "body": body})
