"""Opening the package's files: only regular files that resolve inside the package folder.

A path in the descriptor is data, not an instruction: an absolute path, a `..` part, a URL, a
symlink that leads out of the package, a FIFO or a device is refused by name, never opened.
FIFOs are opened non-blocking and checked with fstat, so a FIFO in place of a data file cannot
hang the build."""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath


class Refused(Exception):
    """The path is not a regular file inside its root; the message says why, without the path."""


def unsafe_reason(rel: object) -> str | None:
    """Why a descriptor path cannot name a file inside the package, or None when its form is fine."""
    if not isinstance(rel, str) or not rel:
        return "must be a relative path inside the package (a string)"
    if "://" in rel or rel.split(":", 1)[0].isalpha() and ":" in rel.split("/", 1)[0]:
        return "must be a relative path inside the package, not a URL"
    pure = PurePosixPath(rel)
    if pure.is_absolute() or "\\" in rel:
        return "must be a relative path inside the package, not an absolute one"
    if ".." in pure.parts:
        return "must be a relative path inside the package (no '..')"
    if any(ord(c) < 0x20 or c == "\x7f" for c in rel):
        return "must not contain control characters"
    return None


def inside(root: Path, rel: str) -> Path:
    """`root/rel` resolved, after checking that it stays inside `root` (symlinks included): the one
    rule for the package's files, the files the release copies and the checkout's files the build reads."""
    reason = unsafe_reason(rel)
    if reason:
        raise Refused(reason)
    base = root.resolve()
    path = base / rel
    # Name the symlink that leads out, if one does: walk the parts as they are on disk.
    current = base
    for part in PurePosixPath(rel).parts:
        current = current / part
        if current.is_symlink():
            target = current.resolve()
            if target != base and base not in target.parents:
                raise Refused(f"is a symlink ({PurePosixPath(*current.relative_to(base).parts)}) that leads outside the package; refused")
    real = path.resolve()
    if real != base and base not in real.parents:
        raise Refused("resolves outside the package; refused")
    return real


def read_regular(path: Path, limit: int = -1) -> bytes:
    """The bytes of `path` (its first `limit` bytes, when given), which must be a regular file (not
    a FIFO, device, socket or folder)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        raise
    except OSError as e:
        raise Refused(f"cannot be opened ({e.strerror})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Refused("is not a regular file (a folder, FIFO, device or socket); refused")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read(limit)
    finally:
        os.close(fd)


def read_inside(root: Path, rel: str, limit: int = -1) -> bytes:
    """The bytes (the first `limit`, when given) of the package file `rel`: FileNotFoundError when
    it is missing, Refused when it is not a regular file inside `root`."""
    return read_regular(inside(root, rel), limit)
