"""Where `make site` may write, and how it keeps to what it made.

A build replaces SITE_DIR whole, so SITE_DIR is refused when replacing it could lose anything that
`make site` did not make: the checkout or a folder inside it (but `site/`), the data package, the
home folder, `/`, a folder holding any of these, a file, a mount point, or a folder that is not
empty and carries no MARKER (the file every build leaves in the site it made). Each build works in
a temporary folder beside SITE_DIR that names its owner in OWNER; a later build removes only such
folders of the same SITE_DIR whose owner is dead. One build at a time writes a SITE_DIR: the
others wait on LOCK beside it."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import socket
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..paths import ROOT

DEFAULT_SITE = ROOT / "site"
BENCH = ROOT / "bench"  # make bench builds its synthetic sites in here (gitignored)
MARKER = ".kadrey-meta-site"
# Fixed bytes, so that the same commit still builds the same tree.
MARKER_TEXT = (
    "This folder was built by `make site` (scripts/site/build.py of kadrey-meta-llama3).\n"
    "Every build replaces it whole: keep nothing else here.\n"
)
OWNER = ".build-owner"
LOCK_WAIT = 900.0  # seconds a build waits for another one writing the same SITE_DIR
URL = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/+-]*)?")
LATEST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z


class TargetError(Exception):
    """A setting `make site` refuses before it writes anything: one line, exit status 2."""


def shown(value: str) -> str:
    """A value as it can be printed on one line."""
    return value if value.isprintable() else repr(value)


def _url_problem(value: str) -> str | None:
    """Why `value` is not a URL the build may print in HTML, XML, JSON, YAML and BibTeX unescaped,
    or None. The pattern has no room for credentials (`user:pass@`), whitespace, quote marks or
    control characters."""
    if not URL.fullmatch(value):
        return "must be an absolute http:// or https:// URL of letters, digits and . - _ ~ % / + only (e.g. https://example.org/site/)"
    if re.search(r"%(?![0-9A-Fa-f]{2})", value):
        return "a % must start an escape of two hex digits"
    if (port := re.match(r"https?://[^/:]+:([0-9]+)", value)) and not 0 < int(port[1]) < 65536:
        return "the port must be 1 to 65535"
    return None


def check_site_url(value: str) -> str:
    """SITE_URL, with a final slash; only characters that need no escaping in HTML, XML or JSON."""
    if why := _url_problem(value):
        raise TargetError(f"SITE_URL={shown(value)}: {why}")
    return value if value.endswith("/") else value + "/"


def check_repo_url(value: str | None) -> str | None:
    """REPO_URL, the project's repository (the Pages workflow passes the GitHub address), as given;
    None when empty or unset, so that the citation and the JSON-LD leave it out rather than guess."""
    if not value:
        return None
    if why := _url_problem(value):
        raise TargetError(f"REPO_URL={shown(value)}: {why.replace('/site/', '/project')}")
    return value


def check_epoch(value: str) -> str:
    if not re.fullmatch(r"[0-9]+", value) or int(value) > LATEST_EPOCH:
        raise TargetError(f"SOURCE_DATE_EPOCH={shown(value)}: must be a whole number of seconds since 1970-01-01 UTC, in digits (e.g. 1700000000)")
    return value


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError):
        return None


def _inside(path: Path, folder: Path) -> bool:
    return path != folder and path.is_relative_to(folder)


def is_marked(folder: Path) -> bool:
    marker = folder / MARKER
    if marker.is_symlink() or not marker.is_file():
        return False
    with open(marker, "rb") as f:
        return f.read(len(MARKER_TEXT) + 1).startswith(MARKER_TEXT.split("\n")[0].encode())


def _writable_parent(path: Path) -> tuple[Path, bool]:
    """The nearest existing folder above `path`, and whether a build can create folders in it."""
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return parent, parent.is_dir() and os.access(parent, os.W_OK | os.X_OK)


def refusal(site: Path, dataset: Path) -> str | None:
    """Why a build must not replace the folder `site` (resolved), or None when it may."""
    home = _home()
    dataset = dataset.resolve()
    if site == Path(site.anchor):
        return "is the root folder"
    if home is not None and site == home:
        return "is your home folder"
    if site == ROOT:
        return "is the checkout"
    if site == dataset:
        return "is the data package folder (DATASET)"
    for kept, what in ((ROOT, "the checkout"), (dataset, "the data package folder (DATASET)"), (home, "your home folder")):
        if kept is not None and _inside(kept, site):
            return f"holds {what}"
    if _inside(site, dataset):
        return "is inside the data package folder (DATASET)"
    if _inside(site, ROOT) and site != DEFAULT_SITE and not _inside(site, BENCH):
        return "is inside the checkout, where a build may only write site/ (and make bench, folders inside bench/)"
    if site.exists() and not site.is_dir():
        return "is a file, not a folder"
    if site.is_dir() and os.path.ismount(site):
        return "is a mount point, which a build cannot replace: build into a folder inside it"
    parent, writable = _writable_parent(site)
    if not writable:
        return f"{parent} is not a folder this build can write in"
    if site.is_dir() and site != DEFAULT_SITE and any(site.iterdir()) and not is_marked(site):
        return f"is a folder that is not empty and was not built by make site (it has no {MARKER}): empty it, or choose another folder"
    return None


def check_site_dir(value: str | None, dataset: Path) -> Path:
    """SITE_DIR resolved, or TargetError saying why a build must not replace it."""
    site = Path(value or DEFAULT_SITE)
    try:
        resolved = site.resolve()
        why = refusal(resolved, dataset)
    except OSError as e:  # a loop of links, a folder that cannot be read…
        why = f"cannot be checked ({e.strerror or e})"
    if why:
        raise TargetError(f"SITE_DIR={shown(str(value or site))}: {why}")
    return resolved


def check_staging(value: str) -> Path:
    """BUILD_STAGING, which `make bench` sets to keep the staged Markdown: only inside bench/."""
    folder = Path(value).resolve()
    if not _inside(folder, BENCH):
        raise TargetError(f"BUILD_STAGING={shown(value)}: must be a folder inside {BENCH} (it is for make bench)")
    return folder


def write_marker(site: Path) -> None:
    (site / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


@contextmanager
def locked(site: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the lock of `site` (a file beside it, kept), waiting up to `wait` seconds for it."""
    site.parent.mkdir(parents=True, exist_ok=True)
    lock = site.parent / f".{site.name}.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"make site: another build is writing {site}; waiting for it", file=sys.stderr, flush=True)
            deadline = time.monotonic() + wait
            while True:
                time.sleep(0.1)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise TargetError(f"SITE_DIR={site}: another build has been writing it for {wait:g} s ({lock} is locked); gave up") from None
        yield
    finally:
        os.close(fd)


def _process_start(pid: int) -> int | None:
    """When process `pid` started (clock ticks since boot), where /proc tells: tells a reused pid apart."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return int(stat[stat.rindex(")") + 2 :].split()[19])
    except (OSError, ValueError, IndexError):
        return None


def _owner() -> dict[str, object]:
    return {"host": socket.gethostname(), "pid": os.getpid(), "start": _process_start(os.getpid()), "time": time.time()}


def work_folder(site: Path) -> Path:
    """A new temporary folder beside `site` that names its build."""
    work = Path(tempfile.mkdtemp(prefix=f".{site.name}-build-", dir=site.parent))
    (work / OWNER).write_text(json.dumps({"site_dir": str(site), **_owner()}) + "\n", encoding="utf-8")
    return work


def _dead(owner: dict[str, object]) -> bool:
    pid = owner.get("pid")
    if owner.get("host") != socket.gethostname() or not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
        return False  # not a process of this machine that can be asked
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    start = _process_start(pid)
    return owner.get("start") is not None and start is not None and start != owner.get("start")  # the pid was reused


def stale_folders(site: Path) -> list[Path]:
    """Temporary folders beside `site` left by builds of `site` that are no longer running."""
    prefix = f".{site.name}-build-"
    found = []
    for folder in sorted(site.parent.iterdir()):
        marker = folder / OWNER
        if not folder.name.startswith(prefix) or folder.is_symlink() or not folder.is_dir() or marker.is_symlink() or not marker.is_file():
            continue
        try:
            owner = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(owner, dict) and owner.get("site_dir") == str(site) and _dead(owner):
            found.append(folder)
    return found


def sweep(site: Path) -> None:
    for folder in stale_folders(site):
        shutil.rmtree(folder, ignore_errors=True)
