"""The preview's web server, on 127.0.0.1 only: the preview's site folder as it is, but every HTML
response gets one `<script src="/__preview__/preview.js?build=N" defer>` before `</head>` (the
banner and the reload, scripts/preview/preview.js); the files on disk never do.

    /__preview__/preview.js   the banner and the reload
    /__preview__/preview.css  the banner's looks (the pages' policy allows no inline style)
    /__preview__/state        {"good": N, "busy": bool, "settling": bool, "errors": [lines],
                              "notes": [lines]}: the number of the last good build, whether a
                              build runs, or what can follow its pages (the JSON API), the last
                              build's problems, and what it built despite (stale bytes and hash)

Both files are the site's own ('self'), so the pages' Content-Security-Policy (scripts/site/csp.py:
script-src, style-src and connect-src 'self') lets them load and poll. Every response says
`Cache-Control: no-store`: a page reloaded after a build is the page that build wrote."""

from __future__ import annotations

import json
import mimetypes
import posixpath
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
OWN = {"/__preview__/preview.js": ("preview.js", "text/javascript; charset=utf-8"), "/__preview__/preview.css": ("preview.css", "text/css; charset=utf-8")}
HEAD_END = b"</head>"
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json",
         ".xml": "application/xml", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8", ".cff": "text/plain; charset=utf-8", ".woff2": "font/woff2"}
# Shown while no build has passed yet, in both languages: the banner lists why.
NOTHING_YET = """<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>미리보기 · Preview</title></head>
<body><main>
<h1>아직 성공한 빌드가 없습니다</h1><p>아래 막대에 고칠 곳이 있습니다. 빌드가 성공하면 이 페이지가 새로 고쳐집니다.</p>
<div lang="en"><h1>No good build yet</h1><p>The bar below lists what to fix; this page reloads once a build passes.</p></div>
</main></body></html>
""".encode("utf-8")


class State:
    """What the builder last did, shared by the build loop and the server's threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.good = 0  # the number of the last build that passed (0: none yet)
        self.busy = False
        self.settling = False  # the pages are served; what can wait is being done (the JSON API)
        self.errors: list[str] = []
        self.notes: list[str] = []  # what is wrong but does not stop a build (stale bytes and hash)

    def snapshot(self) -> dict[str, object]:
        with self.lock:
            return {"good": self.good, "busy": self.busy, "settling": self.settling, "errors": list(self.errors), "notes": list(self.notes)}

    def update(self, **values: object) -> None:
        with self.lock:
            for key, value in values.items():
                setattr(self, key, value)


def inject(page: bytes, build: int) -> bytes:
    """The page with the preview's script before `</head>`, after the page's own policy."""
    tag = f'<script src="/__preview__/preview.js?build={build}" defer></script>\n'.encode()
    at = page.find(HEAD_END)
    if at < 0:
        return page + tag
    return page[:at] + tag + page[at:]


def resolve(root: Path, path: str) -> Path | None:
    """The file under `root` a URL path names (a folder's index.html), or None; never outside."""
    parts = [p for p in posixpath.normpath(path).split("/") if p not in ("", ".")]
    if any(p == ".." or "\\" in p or "\0" in p for p in parts):
        return None
    target = root.joinpath(*parts)
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


class Handler(BaseHTTPRequestHandler):
    server: "PreviewServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # the terminal is for the builds' news

    def do_HEAD(self) -> None:  # noqa: N802
        self.respond(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self.respond(head=False)

    def respond(self, head: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        state = self.server.state.snapshot()
        if path == "/__preview__/state":
            return self.send(HTTPStatus.OK, "application/json", json.dumps(state, ensure_ascii=False).encode("utf-8"), head)
        if path in OWN:
            name, kind = OWN[path]
            return self.send(HTTPStatus.OK, kind, (HERE / name).read_bytes(), head)
        root = self.server.root
        if not state["good"]:
            return self.send(HTTPStatus.SERVICE_UNAVAILABLE, TYPES[".html"], inject(NOTHING_YET, 0), head)
        target = resolve(root, path)
        if target is not None and target.name == "index.html" and not path.endswith("/") and not path.endswith(".html"):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status = HTTPStatus.OK
        if target is None:
            status = HTTPStatus.NOT_FOUND
            target = root / ("en/404.html" if path.startswith("/en/") else "404.html")
        try:
            data = target.read_bytes()
        except OSError:  # a build replaced it meanwhile, or there is no 404 page
            return self.send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n", head)
        kind = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if target.suffix == ".html":
            data = inject(data, state["good"])
        self.send(status, kind, data, head)

    def send(self, status: int, kind: str, data: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(data)


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, root: Path, state: State) -> None:
        self.root = root
        self.state = state
        super().__init__(("127.0.0.1", port), Handler)
