"""Make `texts.jsonl` from factRuEval-2016 (see README.md here): one line per text, with the
people it names, each under the nominative full name the source's annotators gave, and the
character spans of every mention of them.

    python tests/corpus/ru_names/convert.py PATH/TO/factRuEval-2016 [--max 150]

PATH is a checkout of the repository at the commit README.md names. The output is
deterministic: the texts in the order of their file names, devset first.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
MAX_BYTES = 950_000  # the corpus stays under 1 MB
# Names the annotators left inflected, cut or in another script, checked against the texts
# by hand: (text, name as annotated) -> the nominative full name a registry would list.
CORRECTIONS = {
    ("devset/book_145", "Хуану Монтойе"): "Хуан Пабло Монтойя",
    ("devset/book_182", "Рамзану Кадыров"): "Рамзан Кадыров",
    ("devset/book_270", "Джоанны Стингрей"): "Джоанна Стингрей",
    ("devset/book_480", "Bernd Pischetsrieder"): "Бернд Пишетсридер",
    ("devset/book_1667", "Чен Ким"): "Ким Чен Ир",
    ("devset/book_1667", "Ир Ким"): "Ким Ир Сен",
    ("devset/book_1667", "Чжан Хван"): "Хван Чжан Еп",
    ("devset/book_142", "Реджеп Эрдоган"): "Реджеп Тайип Эрдоган",
    ("devset/book_367", "Жан Ле Пен"): "Жан-Мари Ле Пен",
    ("devset/book_389", "Мануэль Гонсалес"): "Мануэль Мехуто Гонсалес",
    ("testset/book_3555", "Жан Сартр"): "Жан-Поль Сартр",
    ("testset/book_3562", "Ги Пан"): "Пан Ги Мун",
    ("testset/book_3632", "Николай Шаламов"): "Николай Шамалов",
    ("testset/book_3702", "Жозе Барроз"): "Жозе Мануэл Баррозу",
    ("testset/book_3752", "Даниэл Пайпс"): "Дэниэл Пайпс",
    ("testset/book_3758", "Кын Пак"): "Пак Кын Хе",
}


@dataclass
class Person:
    names: dict[str, list[str]] = field(default_factory=dict)
    objects: list[str] = field(default_factory=list)

    def full_name(self) -> str | None:
        """'Имя Отчество Фамилия' as the annotators normalized it; None without a given
        name and a surname (a registry lists people by full name)."""

        def first(k: str) -> str | None:
            # Several values are variants of one name ('Надежда', 'Надя'): the longest is
            # the full form.
            values = self.names.get(k)
            return max(values, key=len) if values else None

        given, surname = first("firstname"), first("lastname")
        # An initial alone ('Б. Андржеевский') is not the full name a registry lists.
        if not given or not surname or len(given.rstrip(".")) < 2:
            return None
        name = " ".join(p for p in (given, first("patronymic"), surname) if p)
        # Tokens joined back as the annotators' tool split them: 'Франк - Вальтер'.
        return re.sub(r"\s*-\s*", "-", name)


def _records(text: str) -> list[list[str]]:
    return [r.splitlines() for r in text.strip().split("\n\n") if r.strip()]


def convert_one(folder: Path, stem: str) -> dict[str, Any] | None:
    text = (folder / f"{stem}.txt").read_text(encoding="utf-8")
    spans: dict[str, tuple[int, int]] = {}
    for line in (folder / f"{stem}.spans").read_text(encoding="utf-8").splitlines():
        fields = line.split("#")[0].split()
        if len(fields) >= 4:
            start, length = int(fields[2]), int(fields[3])
            spans[fields[0]] = (start, start + length)
    objects: dict[str, tuple[int, int]] = {}
    for line in (folder / f"{stem}.objects").read_text(encoding="utf-8").splitlines():
        fields = line.split("#")[0].split()
        if len(fields) >= 3 and fields[1] == "Person":
            parts = [spans[s] for s in fields[2:] if s in spans]
            if parts:
                objects[fields[0]] = (min(p[0] for p in parts), max(p[1] for p in parts))
    people: list[Person] = []
    for record in _records((folder / f"{stem}.coref").read_text(encoding="utf-8")):
        ids = record[0].split()[1:]
        if not any(i in objects for i in ids):
            continue
        person = Person(objects=[i for i in ids if i in objects])
        for line in record[1:]:
            k, _, v = line.partition(" ")
            person.names.setdefault(k, []).append(v.strip())
        people.append(person)
    # Two records of one name (the annotators split a person): one entry.
    merged: dict[str, set[tuple[int, int]]] = {}
    for person in people:
        name = person.full_name()
        if name is None:
            continue
        name = CORRECTIONS.get((f"{folder.name}/{stem}", name), name)
        mentions = sorted({objects[i] for i in person.objects})
        # Names written surname first ('Ху Цзиньтао'): the registry lists them so.
        words = name.split()
        reversed_name = " ".join([words[-1], *words[:-1]])
        if any(text[s:e] == reversed_name for s, e in mentions) and not any(
            text[s:e] == name for s, e in mentions
        ):
            name = reversed_name
        merged.setdefault(name, set()).update(mentions)
    if not merged:
        return None
    return {
        "id": f"factru-{folder.name}-{stem}",
        "source": f"factRuEval-2016 {folder.name}/{stem}.txt",
        "text": text,
        "people": [
            {"name": n, "mentions": [list(m) for m in sorted(ms)]}
            for n, ms in sorted(merged.items(), key=lambda kv: min(kv[1]))
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a checkout of factRuEval-2016")
    parser.add_argument("--max", type=int, default=150, help="at most this many texts")
    parser.add_argument("--out", type=Path, default=HERE / "texts.jsonl")
    args = parser.parse_args(argv)
    lines: list[str] = []
    size = 0
    for split in ("devset", "testset"):
        folder = args.source / split
        for txt in sorted(folder.glob("book_*.txt"), key=lambda p: int(p.stem[5:])):
            layers = ("spans", "objects", "coref")
            if not all((folder / f"{txt.stem}.{x}").exists() for x in layers):
                continue
            record = convert_one(folder, txt.stem)
            if record is None:
                continue
            line = json.dumps(record, ensure_ascii=False) + "\n"
            if size + len(line.encode()) > MAX_BYTES or len(lines) >= args.max:
                break
            lines.append(line)
            size += len(line.encode())
    args.out.write_text("".join(lines), encoding="utf-8")
    print(f"{len(lines)} texts, {size:,} bytes -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
