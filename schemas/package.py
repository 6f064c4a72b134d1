"""The package descriptor's own metadata (name, version, title, licences, sources), as a pydantic
model: what the site and the release read from `datapackage.json` besides its resources.

The name and version become file names of the release (`<name>-<version>.zip`) and ZIP folder
names, so they are slugs: no `/`, no `..`, nothing a file system reads as a path. Keys not named
here are kept as they are (a descriptor may carry more of the Data Package standard)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .models import HTTP_URL_PATTERN

NAME_PATTERN = r"^[a-z0-9]+([._-][a-z0-9]+)*$"
VERSION_PATTERN = r"^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z]+(\.[0-9A-Za-z]+)*)?$"
# The Data Package profiles this project writes; any other `$schema` would be fetched to validate.
PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"

Text = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]


class Licence(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: Text
    path: Annotated[str, StringConstraints(pattern=HTTP_URL_PATTERN)] = Field(description="the licence's public address (http or https)")
    title: Text | None = None


class SourceEntry(BaseModel):
    model_config = ConfigDict(extra="allow")
    title: Text


class Contributor(BaseModel):
    model_config = ConfigDict(extra="allow")
    title: Text


class PackageMetadata(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)
    schema_: str | None = Field(default=None, alias="$schema", pattern="^" + PACKAGE_PROFILE.replace(".", r"\.") + "$")
    name: Annotated[str, StringConstraints(max_length=100, pattern=NAME_PATTERN)]
    version: Annotated[str, StringConstraints(max_length=40, pattern=VERSION_PATTERN)]
    title: Text
    description: Text | None = None
    licenses: list[Licence] = Field(min_length=1)
    sources: list[SourceEntry] = Field(min_length=1)
    contributors: list[Contributor] = []
    keywords: list[str] = []
