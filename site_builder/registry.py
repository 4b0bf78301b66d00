"""The registry of people, organizations, outlets and topics, and how references resolve."""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from .diagnostics import Diagnostics
from .model import Entity
from .names import key
from .schema import KINDS, Ref


@dataclass(frozen=True)
class Claim:
    """A spelling claimed by an entry, and where it was written."""

    entity: Entity
    text: str
    line: int


class Registry:
    def __init__(self) -> None:
        self.entities: dict[str, dict[str, Entity]] = {k: {} for k in KINDS}
        self._claims: dict[str, dict[str, Claim]] = {k: {} for k in KINDS}
        self._former: dict[str, dict[str, Entity]] = {k: {} for k in KINDS}

    def __iter__(self):
        for kind in KINDS:
            yield from self.entities[kind].values()

    def __len__(self) -> int:
        return sum(len(v) for v in self.entities.values())

    def get(self, kind: str, entity_id: str) -> Entity | None:
        return self.entities[kind].get(entity_id)

    def add(self, entity: Entity, diags: Diagnostics) -> None:
        """Register an entry and every spelling it claims; a spelling claimed twice is an error."""
        self.entities[entity.kind][entity.id] = entity
        spellings = [(entity.id, 0)]
        spellings.append((entity.name, entity.lines.get(("name",), 1)))
        for i, alias in enumerate(entity.aliases):
            spellings.append((alias, entity.lines.get(("aliases", i), 1)))
        abbreviation = entity.data.get("abbreviation")
        if abbreviation:
            spellings.append((abbreviation, entity.lines.get(("abbreviation",), 1)))
        claims = self._claims[entity.kind]
        for text, line in spellings:
            k = key(text)
            other = claims.get(k)
            if other is None:
                claims[k] = Claim(entity, text, line)
            elif other.entity is not entity:
                where = f"{other.entity.path}:{other.line}" if other.line else other.entity.path
                diags.error(
                    entity.path,
                    line or 1,
                    "aliases" if line and text != entity.name else "name",
                    f"{text!r} is already claimed by {entity.kind} '{other.entity.id}' "
                    f"({where}); a spelling can refer to one {entity.kind} only",
                )

    def add_former_ids(self, diags: Diagnostics) -> None:
        """Index `former_ids`; one that is a current id or another entry's former id is an error."""
        for entity in self:
            for i, old in enumerate(entity.data.get("former_ids") or []):
                line = entity.lines.get(("former_ids", i), 1)
                taken = self.entities[entity.kind].get(old) or self._former[entity.kind].get(old)
                if taken is not None and taken is not entity:
                    diags.error(
                        entity.path,
                        line,
                        f"former_ids[{i}]",
                        f"'{old}' is taken by {taken.path}; an old id must not be in use",
                    )
                else:
                    self._former[entity.kind][old] = entity

    def resolve(self, kind: str, text: str) -> Entity | None:
        claim = self._claims[kind].get(key(text))
        return claim.entity if claim else None

    def claims(self, kind: str) -> dict[str, Claim]:
        return self._claims[kind]

    def suggest(self, kind: str, text: str, limit: int = 3) -> list[str]:
        """Display names of the entries closest to `text`, best first."""
        claims = self._claims[kind]
        if not claims:
            return []
        found = process.extract(
            key(text),
            list(claims),
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            limit=limit * 3,
            score_cutoff=80,
        )
        query = utils.default_process(key(text))
        words = set(query.split())
        out: list[str] = []
        for k, _score, _ in found:
            # WRatio scores a short spelling found inside a longer one highly, so 'EU' matched
            # 'Deutsche Welle'; short spellings count only as whole words or near-equals.
            short = utils.default_process(k)
            if len(short) < 5 and short not in words and fuzz.ratio(short, query) < 80:
                continue
            name = claims[k].entity.name
            if name not in out:
                out.append(name)
        return out[:limit]

    def unresolved_message(self, kind: str, ref: Ref) -> str:
        close = self.suggest(kind, ref.text)
        msg = f"unknown {kind} {ref.text!r}"
        if close:
            msg += " (did you mean " + " or ".join(f"'{c}'" for c in close) + "?)"
            msg += f"; if it is one of them, add {ref.text!r} to its aliases"
            msg += f"; if not, create it with: site-builder new {kind} {shlex.quote(ref.text)}"
        else:
            msg += f"; create it with: site-builder new {kind} {shlex.quote(ref.text)}"
        return msg
