"""The actor registry: canonical speakers, their names in each language, roles and sides.

A speaker found in text ("بيسكوف", "the Kremlin spokesman", "Peskov") is
resolved to one canonical actor, so counts and measures add up across
articles and languages.  The registry is data (``framing/data/actors.yml``);
users extend or override it with their own YAML file of the same shape.
Speakers the registry does not know get a stable id from their name
(:func:`unknown_speaker_id`), so the same person is one speaker across
articles.

Examples
--------
>>> reg = Registry.load()
>>> reg.get("dmitry_peskov").name
'Dmitry Peskov'
>>> m = reg.longest_match(["وقال", "بيسكوف", "إن"], 1)
>>> (m.actor.id, m.length, m.is_role)
('dmitry_peskov', 1, False)
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date as _date
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml

from framing.attribution.document import norm_words
from framing.attribution.kinds import KINDS
from framing.errors import InputError
from framing.text import ARABIC_LETTER, clitic_variants, fold, tokenize

DEFAULT_REGISTRY = Path(__file__).resolve().parents[1] / "data" / "actors.yml"
_ARABIC_RE = re.compile(f"[{ARABIC_LETTER}]")


@dataclass
class Actor:
    """One canonical speaker."""

    id: str
    name: str
    kind: str = "person"
    affiliation: str = ""
    side: str = ""
    wikidata: str = ""
    names: dict[str, list[str]] = field(default_factory=dict)
    roles: dict[str, list[str]] = field(default_factory=dict)
    in_office: tuple[str | None, str | None] = (None, None)

    def name_in(self, lang: str) -> str:
        """The fullest name in ``lang`` (the canonical name when there is none)."""
        names = self.names.get(lang) or []
        return names[0] if names else (self.name if lang == "en" else "")

    def holds_role_on(self, day: str | None) -> bool:
        """Whether the actor's roles apply on ``day`` (ISO date).

        Without a date, a role held for a term (``in_office``) does not apply:
        "the American president" in an undated 2015 article is not the
        president of today.  A role with no term applies on any day.
        """
        start, end = self.in_office
        if not day:
            return start is None and end is None
        day = str(day)[:10]
        return (start is None or day >= start) and (end is None or day <= end)


@dataclass(frozen=True)
class Match:
    """A registry name or role found in a token sequence."""

    actor: Actor
    start: int
    length: int
    is_role: bool


@lru_cache(maxsize=1 << 16)
def _token_keys(token: str) -> tuple[str, ...]:
    """Look-up keys of a token: folded, clitic-stripped and possessive-stripped forms (cached: names recur)."""
    keys = clitic_variants(token)
    low = keys[0]
    for p in ("لل", "ولل", "فلل"):
        # ل before the article drops its alef: "للجزيرة نت" is "ل" + "الجزيرة نت"
        if low.startswith(p) and len(low) - len(p) >= 2:
            keys.append("ال" + low[len(p):])
    for suffix in ("'s", "’s"):
        if low.endswith(suffix):
            keys.append(low[: -len(suffix)])
    return tuple(keys)


def _alias_key(alias: str) -> tuple[str, ...]:
    return tuple(fold(t).lower() for t in tokenize(alias))


class Registry:
    """Canonical actors and an index of their names and roles.

    Parameters
    ----------
    actors : iterable of Actor

    Examples
    --------
    >>> reg = Registry([Actor("acme", "ACME Corp", "institution", names={"en": ["ACME Corp", "ACME"]})])
    >>> reg.longest_match(["the", "ACME", "spokesman"], 1).actor.id
    'acme'
    """

    def __init__(self, actors: Iterable[Actor] = ()):
        self._actors: dict[str, Actor] = {}
        for actor in actors:
            self._actors[actor.id] = actor
        self._build_index()

    # -- loading ---------------------------------------------------------------
    @classmethod
    def load(cls, extra: str | Path | Iterable[str | Path] | None = None, *, default: bool = True) -> "Registry":
        """The shipped registry, extended or overridden by user YAML files.

        An entry in ``extra`` with an existing ``id`` replaces that actor;
        a new ``id`` adds one.
        """
        paths: list[Path] = [DEFAULT_REGISTRY] if default else []
        if extra is not None:
            paths += [Path(extra)] if isinstance(extra, (str, Path)) else [Path(p) for p in extra]
        actors: dict[str, Actor] = {}
        for path in paths:
            for actor in read_actors(path):
                actors[actor.id] = actor
        return cls(actors.values())

    def _build_index(self) -> None:
        # first token -> list of (alias key, actor id, is_role); longest aliases first
        self._index: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
        for actor in self._actors.values():
            entries = [(n, False) for ns in actor.names.values() for n in ns]
            entries += [(r, True) for rs in actor.roles.values() for r in rs]
            entries.append((actor.name, False))
            for text, is_role in entries:
                key = _alias_key(text)
                if key:
                    self._index.setdefault(key[0], []).append((key, actor.id, is_role))
        for lst in self._index.values():
            lst.sort(key=lambda e: (-len(e[0]), e[2]))
            # a name beats a role of another actor; one role may belong to several actors in turn
            # ("الرئيس الأمريكي": Obama until 2017, Biden from 2021), each kept with its term
            names = {e[0] for e in lst if not e[2]}
            seen, uniq = set(), []
            for e in lst:
                ident = e[0] if not e[2] else (e[0], e[1])
                if ident not in seen and not (e[2] and e[0] in names):
                    seen.add(ident)
                    uniq.append(e)
            lst[:] = uniq

    # -- access ------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._actors)

    def __iter__(self):
        return iter(self._actors.values())

    def __contains__(self, actor_id: str) -> bool:
        return actor_id in self._actors

    def get(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None."""
        return self._actors.get(actor_id)

    def longest_match(self, tokens: list[str], start: int, *, day: str | None = None,
                      keys: list[list[str]] | None = None) -> Match | None:
        """The longest registry name or role beginning at ``tokens[start]``.

        The first token may carry Arabic proclitics (``لبوتين``); later tokens
        are compared folded.  Roles count only while the actor holds them on
        ``day``.  ``keys`` are precomputed look-up keys per token (optional).
        """
        first_keys = keys[start] if keys is not None else _token_keys(tokens[start])
        best: Match | None = None
        for k0 in first_keys:
            for key, actor_id, is_role in self._index.get(k0, ()):
                n = len(key)
                if best is not None and n <= best.length:
                    break
                if start + n > len(tokens):
                    continue
                ok = all(
                    key[j] in (keys[start + j] if keys is not None else _token_keys(tokens[start + j]))
                    for j in range(1, n)
                )
                if not ok:
                    continue
                actor = self._actors[actor_id]
                if is_role and not actor.holds_role_on(day):
                    continue
                best = Match(actor, start, n, is_role)
                break
        return best

    def lookup_name(self, name: str) -> Actor | None:
        """The actor one of whose names is exactly ``name``, ignoring case, spaces and underscores.

        For labels written without spaces, such as an outlet "whitehouse" or "department_of_state".

        >>> Registry.load().lookup_name("whitehouse").id
        'white_house'
        """
        if not hasattr(self, "_squeezed"):
            self._squeezed = {}
            for lst in self._index.values():
                for key, actor_id, is_role in lst:
                    if not is_role:
                        self._squeezed.setdefault("".join(key), actor_id)
        key = "".join(fold(t).lower() for t in tokenize(name.replace("_", " ")))
        actor_id = self._squeezed.get(key)
        return self._actors[actor_id] if actor_id else None

    def find(self, tokens: list[str], *, day: str | None = None) -> list[Match]:
        """Every non-overlapping registry match in ``tokens``, left to right, longest first."""
        keys = [_token_keys(t) for t in tokens]
        out, i = [], 0
        while i < len(tokens):
            m = self.longest_match(tokens, i, day=day, keys=keys)
            if m:
                out.append(m)
                i += m.length
            else:
                i += 1
        return out

    def to_frame(self):
        """The registry as a tidy table: one row per actor."""
        import pandas as pd

        rows = [{
            "speaker_id": a.id, "speaker": a.name, "name_en": a.name_in("en"), "name_ar": a.name_in("ar"),
            "kind": a.kind, "affiliation": a.affiliation, "side": a.side, "wikidata": a.wikidata,
        } for a in self._actors.values()]
        return pd.DataFrame(rows, columns=["speaker_id", "speaker", "name_en", "name_ar", "kind",
                                           "affiliation", "side", "wikidata"])


def _as_lang_lists(value, path: Path, where: str) -> dict[str, list[str]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InputError(f"{path}: {where}: expected a mapping of language to a list of names")
    out = {}
    for lang, names in value.items():
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise InputError(f"{path}: {where}.{lang}: expected a list of strings")
        out[str(lang)] = names
    return out


def read_actors(path: str | Path) -> list[Actor]:
    """Read an actor registry YAML file; errors name the file and the entry.

    >>> read_actors(DEFAULT_REGISTRY)[0].id
    'russia'
    """
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: actor registry file not found") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML: {exc}") from None
    items = data.get("actors") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise InputError(f"{path}: expected a top-level 'actors:' list")
    actors = []
    for i, item in enumerate(items):
        where = f"actors[{i}]"
        if not isinstance(item, dict) or not item.get("id") or not item.get("name"):
            raise InputError(f"{path}: {where}: each actor needs at least 'id' and 'name'")
        where = f"actors[{i}] (id {item['id']!r})"
        kind = item.get("kind", "person")
        if kind not in KINDS:
            raise InputError(f"{path}: {where}: kind {kind!r} is not one of {', '.join(KINDS)}")
        office = item.get("in_office") or {}
        if not isinstance(office, dict):
            raise InputError(f"{path}: {where}: in_office must be a mapping with 'from' and/or 'until'")
        actors.append(Actor(
            id=str(item["id"]), name=str(item["name"]), kind=kind,
            affiliation=str(item.get("affiliation") or ""), side=str(item.get("side") or ""),
            wikidata=str(item.get("wikidata") or ""),
            names=_as_lang_lists(item.get("names"), path, f"{where}.names"),
            roles=_as_lang_lists(item.get("roles"), path, f"{where}.roles"),
            in_office=(_iso(office.get("from")), _iso(office.get("until"))),
        ))
    return actors


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, _date):
        return value.isoformat()
    return str(value)[:10]


def unknown_speaker_id(name: str) -> str:
    """A stable id for a speaker the registry does not know, from the name as written.

    The id folds spelling variants the text layer folds (alef forms,
    diacritics, case), so "أحمد" and "احمد" are one speaker.

    >>> unknown_speaker_id("Jane  Doe") == unknown_speaker_id("jane doe")
    True
    """
    key = " ".join(norm_words(tokenize(name)))
    # an Arabic key is hashed whatever its ASCII slug would be: the slug is made only for the others
    slug = "" if _ARABIC_RE.search(key) else _NOT_SLUG_RE.sub("_", key).strip("_")
    if not slug:
        slug = "ar_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    return f"x:{slug}"


_NOT_SLUG_RE = re.compile(r"[^a-z0-9]+")
