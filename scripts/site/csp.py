"""A Content-Security-Policy for every page: scripts only from the site itself and the inline
scripts the theme writes (by their sha256), nothing from any other host.

The theme's inline scripts differ with each page's depth (`new URL("../..", location)`), so each
page gets the hashes of its own; the policy goes into a `<meta http-equiv>` right after the charset,
before any script. JSON blocks (`type="application/json"`, JSON-LD) are data, never run, and need
no hash."""

from __future__ import annotations

import base64
import hashlib
import re

SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
TYPE = re.compile(r'\btype="(?P<type>[^"]*)"')
CHARSET = '<meta charset="utf-8">'
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


def inline_script_hashes(html: str) -> list[str]:
    hashes = set()
    for m in SCRIPT.finditer(html):
        attrs = m["attrs"]
        kind = TYPE.search(attrs)
        if "src=" in attrs or (kind and kind["type"] not in EXECUTABLE_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(m["body"].encode("utf-8")).digest()).decode()
        hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def policy(html: str) -> str:
    scripts = " ".join(["'self'", *inline_script_hashes(html)])
    # 'wasm-unsafe-eval': the search (Pagefind) runs WebAssembly; it allows no JavaScript eval.
    return (
        f"default-src 'self'; script-src {scripts} 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
    )


def with_policy(html: str) -> str:
    """The page with its policy in a `<meta http-equiv>` right after the charset."""
    if CHARSET not in html:
        raise ValueError(f"no {CHARSET} to put the Content-Security-Policy after")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html.replace(CHARSET, CHARSET + "\n    " + meta, 1)
