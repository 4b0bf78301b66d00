"""The registry of people, organizations, outlets and topics, and how references resolve."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from .diagnostics import Diagnostics
from .lookalikes import describe, lookalike_keys
from .model import Entity
from .names import key
from .schema import KINDS, Ref


@dataclass(frozen=True)
class Claim:
    """A spelling claimed by an entry, and where it was written."""

    entity: Entity
    text: str
    line: int  # 0 for the id, which is the file's name
    field: str  # "name", "aliases[2]", "abbreviation", or "" for the id

    @property
    def where(self) -> str:
        return f"{self.entity.path}:{self.line}" if self.line else self.entity.path


# The paths (relative to the project, with '/') of the files a pull request changed, asked
# for only when a problem between two entries needs to know which of the two is new.
Changed = Callable[[], Collection[str]]


class Registry:
    def __init__(self) -> None:
        self.entities: dict[str, dict[str, Entity]] = {k: {} for k in KINDS}
        self._claims: dict[str, dict[str, Claim]] = {k: {} for k in KINDS}
        self._former: dict[str, dict[str, Entity]] = {k: {} for k in KINDS}
        self._collisions: list[tuple[Claim, Claim]] = []  # (first claim, second claim)

    def __iter__(self) -> Iterator[Entity]:
        for kind in KINDS:
            yield from self.entities[kind].values()

    def __len__(self) -> int:
        return sum(len(v) for v in self.entities.values())

    def get(self, kind: str, entity_id: str) -> Entity | None:
        return self.entities[kind].get(entity_id)

    def add(self, entity: Entity) -> None:
        """Register an entry and every spelling it claims. A spelling another entry claims
        already stays that entry's; `report` says so once every entry is in."""
        self.entities[entity.kind][entity.id] = entity
        spellings = [Claim(entity, entity.id, 0, "")]
        spellings.append(Claim(entity, entity.name, entity.lines.get(("name",), 1), "name"))
        for i, alias in enumerate(entity.aliases):
            line = entity.lines.get(("aliases", i), 1)
            spellings.append(Claim(entity, alias, line, f"aliases[{i}]"))
        abbreviation = entity.abbreviation
        if abbreviation:
            line = entity.lines.get(("abbreviation",), 1)
            spellings.append(Claim(entity, abbreviation, line, "abbreviation"))
        claims = self._claims[entity.kind]
        for claim in spellings:
            k = key(claim.text)
            other = claims.get(k)
            if other is None or (other.entity is entity and not other.field):
                claims[k] = claim  # a name the id was made from says more than the id
            elif other.entity is not entity:
                self._collisions.append((other, claim))

    def report(self, diags: Diagnostics, changed: Changed) -> None:
        """Errors for spellings two entries claim, warnings for spellings that look like
        another entry's; each on the entry the pull request changed (`changed`), naming the
        other, or on both when that is not known."""
        for first, second in self._collisions:
            blamed = _blame(first, second, changed)
            for here, there in blamed:
                kind = here.entity.kind
                as_written = f", as {there.text!r}" if there.text != here.text else ""
                what = repr(here.text) if here.field else f"the id {here.text!r} (the file name)"
                if len(blamed) == 2:
                    fix = "remove it from one of the two files"
                else:
                    fix = "remove it from this file" if here.field else "rename this file"
                diags.error(
                    here.entity.path,
                    here.line,
                    here.field,
                    f"{what} is {'already' if len(blamed) == 1 else 'also'} claimed by "
                    f"{kind} '{there.entity.id}' ({there.where}{as_written}); a spelling can "
                    f"refer to one {kind} only: {fix} (or, if they are one {kind}, merge the two)",
                )
        for kind in KINDS:
            for a, b in self._lookalikes(kind, changed):
                for here, there in _blame(a, b, changed):
                    diags.warning(
                        here.entity.path,
                        here.line,
                        here.field,
                        f"{here.text!r} looks like {there.text!r} ({there.where}), a spelling "
                        f"of {kind} '{there.entity.id}': {_differences(here.text, there.text)} "
                        f"look alike (Unicode's confusables); if they are one {kind}, make it "
                        f"an alias of that entry; if not, retype {here.text!r} from the source",
                    )

    def _lookalikes(self, kind: str, changed: Changed) -> list[tuple[Claim, Claim]]:
        """Pairs of spellings of two entries that differ but look alike (UTS #39 skeletons):
        each entry of a group against one that the change left alone, if there is one."""
        groups: dict[str, list[Claim]] = {}
        for claim in self._claims[kind].values():
            if claim.field:  # ids are ASCII slugs of the names: the names say it
                for k in lookalike_keys(claim.text):
                    groups.setdefault(k, []).append(claim)
        pairs: dict[tuple[int, int], tuple[Claim, Claim]] = {}
        for group in groups.values():
            firsts: dict[int, Claim] = {}
            for claim in group:
                firsts.setdefault(id(claim.entity), claim)
            if len(firsts) < 2:
                continue
            claims = sorted(firsts.values(), key=lambda c: (c.entity.path, c.line))
            paths = changed()
            anchor = next((c for c in claims if c.entity.path not in paths), claims[0])
            for other in claims:
                if other is not anchor:
                    a, b = id(anchor.entity), id(other.entity)
                    pairs.setdefault((min(a, b), max(a, b)), (anchor, other))
        return list(pairs.values())

    def add_former_ids(self, diags: Diagnostics) -> None:
        """Index `former_ids`; one that is a current id or another entry's former id is an error."""
        for entity in self:
            for i, old in enumerate(entity.former_ids):
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


def _blame(a: Claim, b: Claim, changed: Changed) -> list[tuple[Claim, Claim]]:
    """(here, there): the claim of the changed file, naming the other; both ways when both
    or neither changed, since then nothing tells which of the two is new."""
    paths = changed()
    a_new, b_new = a.entity.path in paths, b.entity.path in paths
    if a_new and not b_new:
        return [(a, b)]
    if b_new and not a_new:
        return [(b, a)]
    return [(a, b), (b, a)]


def _differences(here: str, there: str, most: int = 3) -> str:
    """'U+0391 GREEK CAPITAL LETTER ALPHA here and U+0041 LATIN CAPITAL LETTER A there'."""
    mine = sorted(set(here) - set(there))[:most]
    theirs = sorted(set(there) - set(here))[:most]
    if not mine or not theirs:
        return "the two"
    return f"{', '.join(map(describe, mine))} here and {', '.join(map(describe, theirs))} there"
