"""The source registry: documented ratings per domain, state-affiliation records, and outlet names.

Shipped data (rebuilt by ``scripts/build_registry.py`` from the shared datasets, and curated YAML files):
- ``data/sources/registry.json.gz``: ratings per registered domain (Lin et al. 2023; Baly et al. 2018/2020),
  each with scale, value, citation and date;
- ``data/sources/state_media.yaml``: state-controlled outlets, each with the public record it rests on;
- ``data/sources/aliases.yaml``: names and abbreviations pages use for outlets ("Russia Today", "AP", "VT").
Loaded once, on first use; a lookup is a dictionary access.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class Rating:
    scale: str
    value: float | str
    source: str
    as_of: str


@dataclass(frozen=True, slots=True)
class StateAffiliation:
    country: str
    citation: str
    as_of: str


@dataclass(frozen=True, slots=True)
class SourceInfo:
    name: str | None
    domain: str | None
    ratings: tuple[Rating, ...] = ()
    state_affiliated: StateAffiliation | None = None
    aliases: tuple[str, ...] = field(default=())

    @property
    def known(self) -> bool:
        return bool(self.ratings or self.state_affiliated or self.name)


def normalise_domain(value: str) -> str:
    d = value.strip().lower()
    d = re.sub(r"^[a-z][a-z0-9+.-]*://", "", d)
    d = d.split("/")[0].split("?")[0].split("#")[0].split("@")[-1].split(":")[0]
    return d.removeprefix("www.").rstrip(".")


class Registry:
    def __init__(self) -> None:
        base = resources.files("newssift") / "data" / "sources"
        raw = json.loads(gzip.decompress((base / "registry.json.gz").read_bytes()))
        self.ratings: dict[str, tuple[Rating, ...]] = {
            d: tuple(Rating(r["scale"], r["value"], r["source"], r["as_of"]) for r in rows) for d, rows in raw.items()
        }
        self.state: dict[str, tuple[str, StateAffiliation]] = {}
        self.names: dict[str, tuple[str, str]] = {}  # lower-case name or alias -> (canonical name, domain)
        self.domain_names: dict[str, str] = {}
        for entry in yaml.safe_load((base / "state_media.yaml").read_text(encoding="utf-8")):
            aff = StateAffiliation(entry["country"], " ".join(entry["citation"].split()), str(entry["as_of"]))
            for d in entry["domains"]:
                self.state[d] = (entry["name"], aff)
                self.domain_names.setdefault(d, entry["name"])
            for alias in [entry["name"], *entry.get("aliases", [])]:
                self.names[alias.lower()] = (entry["name"], entry["domains"][0])
        aliases: dict[str, Any] = yaml.safe_load((base / "aliases.yaml").read_text(encoding="utf-8"))
        for name, (domain, names) in aliases.items():
            self.domain_names.setdefault(domain, name)
            for alias in [name, *names]:
                self.names.setdefault(alias.lower(), (name, domain))

    def _domain_info(self, domain: str, name: str | None = None) -> SourceInfo:
        parts = domain.split(".")
        for i in range(len(parts) - 1):  # news.bbc.co.uk -> bbc.co.uk
            d = ".".join(parts[i:])
            if d in self.ratings or d in self.state or d in self.domain_names:
                state = self.state.get(d)
                return SourceInfo(
                    name=name or (state[0] if state else self.domain_names.get(d)),
                    domain=d,
                    ratings=self.ratings.get(d, ()),
                    state_affiliated=state[1] if state else None,
                )
        return SourceInfo(name=name, domain=domain if "." in domain else None)

    def lookup(self, query: str) -> SourceInfo:
        """What is known of an outlet given by name ("Russia Today", "AP") or domain ("https://www.rt.com/x")."""
        q = " ".join(query.split())
        hit = self.names.get(q.lower())
        if hit is not None:
            return self._domain_info(hit[1], hit[0])
        return self._domain_info(normalise_domain(q))

    def name_for(self, alias: str) -> tuple[str, str] | None:
        return self.names.get(alias.lower())


_lock = threading.Lock()


@cache
def _registry() -> Registry:
    return Registry()


def get_registry() -> Registry:
    with _lock:
        return _registry()


def lookup_source(name_or_domain: str) -> SourceInfo:
    """Ratings, state affiliation and canonical name of an outlet, by name or domain."""
    return get_registry().lookup(name_or_domain)
