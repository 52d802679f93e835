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
        self.canonical: dict[str, str] = {}  # registered domain -> the outlet's first-listed domain
        for entry in yaml.safe_load((base / "state_media.yaml").read_text(encoding="utf-8")):
            aff = StateAffiliation(entry["country"], " ".join(entry["citation"].split()), str(entry["as_of"]))
            for d in entry["domains"]:
                self.state[d] = (entry["name"], aff)
                self.domain_names.setdefault(d, entry["name"])
                self.canonical.setdefault(d, entry["domains"][0])
            for alias in [entry["name"], *entry.get("aliases", [])]:
                self.names[alias.lower()] = (entry["name"], entry["domains"][0])
        aliases: dict[str, Any] = yaml.safe_load((base / "aliases.yaml").read_text(encoding="utf-8"))
        for name, (domain, names) in aliases.items():
            self.domain_names.setdefault(domain, name)
            self.canonical.setdefault(domain, domain)
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

    def _registered(self, domain: str) -> str | None:
        parts = domain.split(".")
        for i in range(len(parts) - 1):  # news.bbc.co.uk -> bbc.co.uk
            d = ".".join(parts[i:])
            if d in self.canonical:
                return self.canonical[d]
            if d in self.ratings:
                return d
        return None

    def origin_key(self, name: str | None = None, domain: str | None = None) -> str | None:
        """One key per outlet, however the page names it: its URL or domain ("tass.ru"), a credit or byline
        ("/TASS/", "By Russia Today"), or its name in the text ("Ukrainska Pravda"). An outlet the registry knows
        is ``outlet:<its first-listed domain>`` (``outlet:tass.com`` for tass.com, tass.ru, "TASS", "ITAR-TASS");
        any other is ``outlet:<name, lower-cased>``, else ``outlet:<domain>``; None when nothing is given."""
        for q in (domain, name):
            if not q or not q.strip():
                continue
            hit = self.names.get(" ".join(q.split()).lower())
            if hit is not None:
                return f"outlet:{self.canonical.get(hit[1], hit[1])}"
            if "." in q and " " not in q.strip():
                registered = self._registered(normalise_domain(q))
                if registered is not None:
                    return f"outlet:{registered}"
        if name and name.strip():
            return f"outlet:{' '.join(name.split()).lower()}"
        if domain and normalise_domain(domain):
            return f"outlet:{normalise_domain(domain)}"
        return None


_lock = threading.Lock()


@cache
def _registry() -> Registry:
    return Registry()


def get_registry() -> Registry:
    with _lock:
        return _registry()


def origin_key(name: str | None = None, domain: str | None = None) -> str | None:
    """The origin key of an outlet given by name and/or domain (see ``Registry.origin_key``)."""
    return get_registry().origin_key(name, domain)


def lookup_source(name_or_domain: str) -> SourceInfo:
    """Ratings, state affiliation and canonical name of an outlet, by name or domain."""
    return get_registry().lookup(name_or_domain)
