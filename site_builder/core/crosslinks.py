"""The cross-link index: who appears where, with whom, and when. Built once per build.

Every figure on an entity page (articles by role, quotes, co-occurring entities, the
timeline) and the related articles of each article come from here, so no page ever loops
over all articles or all entities.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from operator import itemgetter

from .archive import Archive
from .made import Made
from .model import Article, Entity
from .schema import Role

# Roles in which an entity appears in an article, in the order entity pages list them.
ROLES = ("quoted", "author", "mentioned", "outlet")
ROLE_OF_FIELD = {
    "speakers": "quoted",
    "authors": "author",
    "people": "mentioned",
    "organizations": "mentioned",
    "topics": "mentioned",
}
# Of an entity in many articles, only the articles nearest in time to the one at hand are
# candidates for "related": looking at all of them would make the index quadratic. A fixed
# window keeps the work per article the same however large the archive grows.
RELATED_WINDOW = 60


@dataclass
class QuoteRef:
    article: Article
    index: int  # position in the article's `quotes`, hence the anchor `q-<index+1>`
    text: str

    @property
    def anchor(self) -> str:
        return f"q-{self.index + 1}"


@dataclass
class EntityStats:
    entity: Entity
    articles: list[Article] = field(default_factory=list)  # newest first
    roles: dict[str, list[Article]] = field(default_factory=dict)  # role -> newest first
    quotes: list[QuoteRef] = field(default_factory=list)  # newest first
    together: list[tuple[Entity, int]] = field(default_factory=list)  # most often first
    months: Counter[str] = field(default_factory=Counter)  # "YYYY-MM" or "YYYY" -> count
    position: dict[int, int] = field(default_factory=dict, repr=False)  # id(article) -> index
    members: list[tuple[Entity, Role]] = field(default_factory=list)  # organization: (person, role)

    @property
    def first(self) -> Article | None:
        return self.articles[-1] if self.articles else None

    @property
    def last(self) -> Article | None:
        return self.articles[0] if self.articles else None


def newest_first(a: Article) -> tuple[tuple[int, int, int], str]:
    d = a.date
    return (d.sort_key() if d else (0, 0, 0), a.id)


class CrossIndex:
    def __init__(
        self,
        archive: Archive,
        together_limit: int = 12,
        related_limit: int = 5,
        made: Made | None = None,
    ):
        """`made`: the related articles as earlier builds found them (`mkdocs serve`), taken
        again when no article was added, removed, moved in time or given other entries."""
        self.archive = archive
        self.stats: dict[int, EntityStats] = {id(e): EntityStats(e) for e in archive.registry}
        self.articles = sorted(archive.articles, key=newest_first, reverse=True)
        self._by_key = {id(a): a for a in self.articles}
        self.related: dict[int, list[Article]] = {}
        self.translations: dict[int, list[Article]] = {}
        self._build(together_limit)
        if made is None:
            self._build_related(related_limit)
        else:
            self._related_as_made(made, related_limit)
        self._build_translations()

    def of(self, entity: Entity) -> EntityStats:
        return self.stats[id(entity)]

    def _build(self, together_limit: int) -> None:
        pairs: dict[int, Counter[int]] = defaultdict(Counter)
        for article in self.articles:  # newest first, so every list below is too
            ents = article.entities()
            for e in ents:
                st = self.stats[id(e)]
                st.position[id(article)] = len(st.articles)
                st.articles.append(article)
                if article.date:
                    st.months[article.date.month_key() or str(article.date.year)] += 1
            roles_seen: dict[int, set[str]] = defaultdict(set)
            for field_name, listed in article.refs.items():
                for e in listed:
                    roles_seen[id(e)].add(ROLE_OF_FIELD[field_name])
            if article.outlet:
                roles_seen[id(article.outlet)].add("outlet")
            for e in ents:
                st = self.stats[id(e)]
                for role in ROLES:
                    if role in roles_seen[id(e)]:
                        st.roles.setdefault(role, []).append(article)
            for i, q in enumerate(article.quotes):
                speaker = self.archive.registry.resolve("person", q.by.text)
                if speaker is not None:
                    self.stats[id(speaker)].quotes.append(QuoteRef(article, i, q.text))
            # Co-occurrence among the people and organizations the article lists.
            named = [e for e in ents if e.kind in ("person", "organization")]
            for e in named:
                c = pairs[id(e)]
                for other in named:
                    if other is not e:
                        c[id(other)] += 1
        by_id = {id(e): e for e in self.archive.registry}
        for key, counter in pairs.items():
            top = sorted(counter.items(), key=lambda kv: (-kv[1], by_id[kv[0]].name))
            self.stats[key].together = [(by_id[k], n) for k, n in top[:together_limit]]
        for person in self.archive.registry.entities["person"].values():
            for held in person.roles:
                if held.organization is None:
                    continue
                org = self.archive.registry.resolve("organization", held.organization.text)
                if org is not None:
                    self.stats[id(org)].members.append((person, held))

    def shared(self, a: Entity, b: Entity) -> list[Article]:
        """The articles that list both `a` and `b`, newest first: what a count under
        "Appears with" stands for. Walks the shorter list of the two, so a pair costs what
        its rarer entry costs, however often the other appears."""
        small, big = self.of(a), self.of(b)
        if len(small.articles) > len(big.articles):
            small, big = big, small
        if small is big:
            return list(small.articles)
        position = big.position
        return [article for article in small.articles if id(article) in position]

    def _build_related(self, limit: int) -> None:
        """Articles sharing the most (and the rarest) entities with each article."""
        weight = {k: 1 / math.log(2 + len(st.articles)) for k, st in self.stats.items()}
        by_key = self._by_key
        score = itemgetter(1)
        # Each entry's articles by `id`, newest first, and each article's place in time:
        # made once, not once for every article that lists the entry.
        ids = {k: [id(a) for a in st.articles] for k, st in self.stats.items()}
        order = {k: newest_key(a) for k, a in by_key.items()}
        window = RELATED_WINDOW
        for article in self.articles:
            me = id(article)
            scores: dict[int, float] = {}
            get = scores.get
            for e in article.entities():
                if e.kind == "outlet":
                    continue
                key = id(e)
                w = weight[key]
                near = ids[key]
                if len(near) > window:  # the `window` of them nearest in time
                    at = self.stats[key].position[me]
                    lo = max(0, min(at - window // 2, len(near) - window))
                    near = near[lo : lo + window]
                for k in near:
                    scores[k] = get(k, 0.0) + w
            scores.pop(me, None)
            best = heapq.nlargest(limit * 4, scores.items(), key=score)
            best.sort(key=lambda kv: (-kv[1], order[kv[0]]))
            self.related[me] = [by_key[k] for k, _ in best[:limit]]

    def _related_as_made(self, made: Made, limit: int) -> None:
        """The related articles found by an earlier build if they were found from the same:
        what `_build_related` reads is the articles' order in time and the entries each
        lists (all by source URI, the registry is in `made`'s token)."""
        parts = [str(limit), str(RELATED_WINDOW)]
        for a in self.articles:
            parts.append(a.src_uri)
            parts.extend(e.src_uri for e in a.entities())
        key = made.key_of("related", "", parts)
        kept: dict[str, list[str]] | None = made.get(key)
        if kept is not None:
            by_src = {a.src_uri: a for a in self.articles}
            for a in self.articles:
                self.related[id(a)] = [by_src[src] for src in kept[a.src_uri]]
        else:
            self._build_related(limit)
            kept = {a.src_uri: [r.src_uri for r in self.related[id(a)]] for a in self.articles}
        made.put(key, kept)

    def _build_translations(self) -> None:
        for article in self.articles:
            out: list[Article] = []
            for ref in article.translations.values():
                other = self.archive.by_id.get(ref.text) or self.archive.former_ids.get(ref.text)
                if other is not None and other is not article and other not in out:
                    out.append(other)
            self.translations[id(article)] = out
        # Links go both ways even when only one side lists the other.
        for article in self.articles:
            for other in list(self.translations[id(article)]):
                back = self.translations.setdefault(id(other), [])
                if article not in back:
                    back.append(article)

    def top(self, kind: str, by: str = "articles", limit: int = 10) -> list[EntityStats]:
        stats = [self.stats[id(e)] for e in self.archive.registry.entities[kind].values()]
        stats = [s for s in stats if len(getattr(s, by))]
        return sorted(stats, key=lambda s: (-len(getattr(s, by)), s.entity.name))[:limit]


def newest_key(a: Article) -> tuple[int, int, int, str]:
    d = a.date
    k = d.sort_key() if d else (0, 0, 0)
    return (-k[0], -k[1], -k[2], a.id)
