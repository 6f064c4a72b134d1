"""The citation as published: CITATION.cff of the checkout, stamped with where this build put the
dataset, and the BibTeX and RIS that citation managers import, each written by a library from it.

    published(citation, site_url, repo_url, version_url, zip_name)  the stamped CITATION.cff (a dict)
    cff_text(d)   it as YAML (the site's /CITATION.cff; the release ZIP can carry the same)
    bibtex(d)     a BibTeX @misc entry (bibtexparser 2)
    ris(d)        a RIS record of type DATA (rispy)

The checkout's CITATION.cff holds what never depends on a build (title, authors, version, licence);
the addresses come from SITE_URL and REPO_URL. No DOI exists: none is written. Without REPO_URL,
no field that would hold it is written (`repository-code`, BibTeX `url`, RIS `UR`)."""

from __future__ import annotations

import copy
import re
from typing import Any

import bibtexparser
import rispy
import yaml
from bibtexparser import model

BIBTEX_KEY = "kadrey_meta_llama3"  # the key the cite page has always shown: kept for those who use it
# Characters that mean something to (La)TeX in a BibTeX value, and how each is written as itself.
TEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}
HEADER = "# Published by `make site` from CITATION.cff of the repository, with this build's addresses.\n"


def published(citation: dict[str, Any], site_url: str, repo_url: str | None, version_url: str, zip_name: str, package: bool = False) -> dict[str, Any]:
    """CITATION.cff with `url` (SITE_URL), `repository-code` (REPO_URL, only when set) and
    `identifiers`: the URLs of this version's files, which stay where they are after later releases
    (`version_url` is `<SITE_URL>downloads/<version>/`; a folder URL alone would not resolve on a
    static host). `package`: whether the build publishes the Data Package tree under `package/`."""
    out = copy.deepcopy(citation)
    for key in ("url", "repository-code", "identifiers", "doi"):  # only this build says where it is
        out.pop(key, None)
    version = out["version"]
    out["url"] = site_url
    if repo_url:
        out["repository-code"] = repo_url
    identifiers = [{"type": "url", "value": version_url + zip_name, "description": f"Version {version} of the data package, as a ZIP"}]
    if package:
        identifiers.append({"type": "url", "value": version_url + "package/datapackage.json", "description": f"Version {version} of the data package: its descriptor, the data files beside it"})
    out["identifiers"] = identifiers
    return out


def cff_text(d: dict[str, Any]) -> str:
    """The citation as a CITATION.cff file: YAML in the order of `d`, non-ASCII kept as it is."""
    return HEADER + yaml.safe_dump(d, sort_keys=False, allow_unicode=True, width=100)


def year(d: dict[str, Any]) -> str | None:
    released = d.get("date-released")
    return str(released)[:4] if released else None


def author_names(d: dict[str, Any]) -> list[str]:
    """Each author as written: an entity's name, or a person's given and family names."""
    return [a.get("name") or " ".join(x for x in (a.get("given-names"), a.get("family-names")) if x) for a in d["authors"]]


def licence(d: dict[str, Any]) -> str | None:
    """The licence as one line: CFF allows one SPDX id or a list of them."""
    value = d.get("license")
    if not value:
        return None
    return " OR ".join(value) if isinstance(value, list) else str(value)


def tex(value: str) -> str:
    """`value` on one line with the characters TeX would read as commands written as themselves."""
    return re.sub(r"[\\{}&%$#_^~]", lambda m: TEX_SPECIAL[m[0]], " ".join(str(value).split()))


def bibtex_author(a: dict[str, Any]) -> str:
    """An author in BibTeX's name syntax: an entity's name in an extra pair of braces, so that
    BibTeX reads it as one corporate name (not "contributors, kadrey-meta-llama3"); a person as
    "Family, Given"."""
    if a.get("name"):
        return "{" + tex(a["name"]) + "}"
    return ", ".join(tex(x) for x in (a.get("family-names"), a.get("given-names")) if x)


def bibtex(d: dict[str, Any]) -> str:
    """A BibTeX @misc entry, written by bibtexparser: author, title (braced, so that no style
    lower-cases its names), year, version, url (REPO_URL, only when known), note (the licence)."""
    fields = [
        model.Field("author", " and ".join(bibtex_author(a) for a in d["authors"])),
        model.Field("title", "{" + tex(d["title"]) + "}"),
    ]
    if year(d):
        fields.append(model.Field("year", year(d)))
    fields.append(model.Field("version", tex(str(d["version"]))))
    if d.get("repository-code"):
        fields.append(model.Field("url", d["repository-code"]))  # checked: URL characters only
    if licence(d):
        fields.append(model.Field("note", tex(f"Licence: {licence(d)}")))
    library = bibtexparser.Library([model.Entry("misc", BIBTEX_KEY, fields)])
    layout = bibtexparser.BibtexFormat()
    layout.indent = "  "  # not a tab: Markdown turns tabs into spaces, and the page shows what this returns
    return bibtexparser.write_string(library, bibtex_format=layout).strip() + "\n"


class _RisWriter(rispy.RisWriter):
    """RIS as citation managers import it: rispy numbers each record ("1.") unless told not to."""

    def set_header(self, count: int) -> str:
        return ""


def ris(d: dict[str, Any]) -> str:
    """A RIS record of type DATA, written by rispy: AU, TI, PY, DA, ET (the version), UR (REPO_URL,
    only when known), N1 (the licence), AB, KW."""
    one_line = lambda value: " ".join(str(value).split())  # noqa: E731 (a RIS value ends at the line)
    ref: dict[str, Any] = {"type_of_reference": "DATA", "authors": [one_line(a) for a in author_names(d)], "title": one_line(d["title"])}
    if year(d):
        ref["year"] = year(d)
        ref["date"] = str(d["date-released"]).replace("-", "/")
    ref["edition"] = one_line(d["version"])
    if d.get("repository-code"):
        ref["urls"] = [d["repository-code"]]
    if licence(d):
        ref["notes"] = [f"Licence: {one_line(licence(d))}"]
    if d.get("abstract"):
        ref["abstract"] = one_line(d["abstract"])
    if d.get("keywords"):
        ref["keywords"] = [one_line(k) for k in d["keywords"]]
    return rispy.dumps([ref], implementation=_RisWriter).rstrip("\n") + "\n"  # "ER  - " keeps its space
