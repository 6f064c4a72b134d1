"""What every release writer shares: fixed-time ZIPs, safe names, the records as JSON values."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

from ..checks import Loaded
from ..package import files

# What a file name made from the package's name and version may be: no folder, no way up.
STEM = re.compile(r"[a-z0-9][a-z0-9._-]*")


def epoch_datetime(epoch: int) -> dt.datetime:
    # ZIP cannot store dates before 1980.
    return max(dt.datetime.fromtimestamp(epoch, dt.timezone.utc).replace(tzinfo=None), dt.datetime(1980, 1, 1))


def write_zip(path: Path, entries: dict[str, bytes], epoch: int) -> None:
    """A ZIP whose bytes depend only on `entries`: sorted names, fixed times and permissions."""
    stamp = epoch_datetime(epoch).timetuple()[:6]
    with zipfile.ZipFile(path, "w") as z:
        for name in sorted(entries):
            info = zipfile.ZipInfo(entry_name(name), date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            z.writestr(info, entries[name], compresslevel=9)


def package_name(loaded: Loaded) -> str:
    return f"{loaded.descriptor['name']}-{loaded.descriptor['version']}"


def checked_stem(loaded: Loaded) -> str:
    """The package's name, the stem of the release files (`<name>.zip`…), refused (ValueError) unless
    it and the version (the release folder's name) make a plain file name: the validator checks the
    name and version too; this is the belt, as they become file, folder and ZIP entry names."""
    both = package_name(loaded)
    if not STEM.fullmatch(both) or ".." in both or not STEM.fullmatch(str(loaded.descriptor["version"])):
        raise ValueError(f"datapackage.json: name and version make {both!r}, which is not a file name of a-z, 0-9, '.', '_' and '-'")
    return str(loaded.descriptor["name"])


def database_stem(name: str) -> str:
    """The SQLite file's stem (and so its Datasette database name): the package name with every '.'
    made '-'. Datasette 0.65 builds its foreign-key links from the database name unencoded, and a
    dot there makes every such link 404."""
    return name.replace(".", "-")


def package_file(package_dir: Path, rel: str) -> Path:
    """A file of the package the release copies: a regular file that resolves inside the package folder."""
    try:
        path = files.inside(package_dir, rel)
    except files.Refused:
        path = None
    if path is None or not path.is_file():
        raise ValueError(f"{rel}: not a regular file inside the package folder")
    return path


def inside(out: Path, name: str) -> Path:
    """out / name, refused (ValueError) unless it stays inside `out`."""
    path = out / name
    if Path(name).is_absolute() or ".." in Path(name).parts or path.resolve().parent != out.resolve():
        raise ValueError(f"{name}: would be written outside {out}")
    return path


def inside_tree(out: Path, rel: str) -> Path:
    """out / rel for a file in a folder under `out` (rel may have folders), refused (ValueError)
    unless it is a relative name with no `..` part that stays inside `out`."""
    entry_name(rel)
    path = out / rel
    if not path.resolve().is_relative_to(out.resolve()) or path.resolve() == out.resolve():
        raise ValueError(f"{rel}: would be written outside {out}")
    return path


def entry_name(name: str) -> str:
    """A ZIP entry name, refused (ValueError) unless it is relative with no `..` part."""
    parts = name.split("/")
    if name.startswith("/") or "\\" in name or any(p in ("", ".", "..") for p in parts) or ":" in parts[0]:
        raise ValueError(f"{name}: not a relative ZIP entry name")
    return name


def records(loaded: Loaded, name: str) -> list[dict[str, Any]]:
    return [r.model_dump(mode="json") for r in loaded.records(name)]
