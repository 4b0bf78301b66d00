#!/usr/bin/env python3
"""A synthetic archive for the benchmarks: N articles that pass `site-builder check` cleanly.

    python benchmarks/generate.py OUT_DIR --articles 10000 [--seed 1]

or, from tests, `generate(path, n, seed)`. The output depends on `n` and `seed` only (and on
the repository's mkdocs.yml, which is copied): two runs give byte-identical folders.

What it writes, and why it looks the way it does:

- bodies of 400-1,500 words in paragraphs, about one article in four in Russian, from fixed
  vocabularies with Zipf word frequencies (so search indexes and pages grow as they would);
- a registry of people (~n/10) and organizations (~n/20) whose mentions are Zipf-distributed:
  a few entries appear in a large share of the articles, most in one or two;
- names come from a syllable generator in Latin and Cyrillic at once, checked against the
  vocabularies, so random text can never spell a registry name by accident (the check warns
  about a body naming an entry the front matter does not list);
- aliases: the other script, transliteration variants (Lastayev / Lastaev), surnames alone,
  abbreviations; every spelling is written in some body;
- quotes: sentences inside paragraphs attributed to a speaker, verbatim in the body;
- ~8 outlets, ~20 topics, dates over ten years (a few to the month only), a unique URL and a
  small HTML capture with its SHA-256 per article.
"""

from __future__ import annotations

import argparse
import bisect
import calendar
import datetime as dt
import hashlib
import html
import json
import random
import re
import shutil
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.core.slugs import transliterate

REPO_ROOT = Path(__file__).resolve().parents[1]
FIRST_YEAR = 2015
YEARS = 10
# Written into OUT_DIR so that `overwrite` only ever removes a folder this script made.
MARKER = ".synthetic-archive"

# --------------------------------------------------------------------------------------------
# Vocabularies, most frequent first (the order sets the Zipf ranks). No proper names: names
# come from the syllable generator below, never from these lists.

ENGLISH = """
the of and to in a that for on is was with as by at from it be has have are were this an which
not but its their they more after new will about would been other also over than had who into
some all there when could first one two three years year people government public official
law state court report said country region city police week month officials minister ministry
national local political international economic social new human rights security agency
decision plan policy system project program development support funding money budget million
billion percent number level cases case work workers company companies market prices price
trade energy oil gas water land health hospital school schools education children families
women men young old community communities election elections vote voters parliament deputies
committee council office department authorities authority leaders leader president director
head chairman members member group groups experts expert analysts analyst researchers study
data figures statistics results survey question questions issue issues problem problems
situation crisis reform reforms changes change process procedure rules rule regulation
regulations legislation draft bill amendments code article articles statement statements
interview conference meeting meetings talks negotiations agreement agreements contract
contracts deal partners partnership cooperation relations border borders region regions
district districts village villages capital residents citizens population migrants migration
labor employment unemployment salary salaries wages pensions taxes tax revenue spending costs
cost investment investors banks bank loans debt inflation growth economy industry industrial
production factory construction infrastructure roads road railway transport airport housing
prices rent property owners owner business businesses entrepreneurs small large major main
key important serious significant recent current previous future possible necessary difficult
clear open independent civil criminal administrative legal judicial constitutional free fair
transparent corruption investigation investigations prosecutor prosecutors charges charged
trial sentence sentenced prison detention detained arrested arrest released protest protests
protesters rally demonstration activists activist defenders journalists journalist media
press newspaper television online internet website platform information access freedom
speech expression censorship criticism critics opinion view views position concerns concern
risk risks threat threats pressure violations violation abuse complaints complaint victims
victim witnesses evidence documents document records record request requests response
responses appeal appeals hearing hearings judge judges lawyer lawyers defense prosecution
during before since while because however although despite according between among within
without against under across through toward around about nearly almost only just still even
already again often never always usually recently earlier later today yesterday tomorrow now
then soon long short high low higher lower many much several few every each both either most
least less further another same different such own whole entire certain particular general
special total full part half third second last next early late annual monthly daily weekly
said says told asked added noted stressed explained argued warned claimed reported announced
confirmed denied rejected approved adopted signed launched opened closed began started ended
continued remained became made took gave received sent called found showed called held
increased decreased reduced raised cut expected planned proposed promised agreed refused
failed tried helped allowed required needed wanted decided considered discussed reviewed
published prepared organized created established introduced supported opposed criticized
defended demanded urged accused blamed dismissed appointed elected resigned visited met
moved returned arrived left stayed lived worked paid spent lost won gained built developed
improved protected restored prevented ensured provided offered shared included involved
affected caused led followed compared estimated counted measured recorded registered filed
submitted issued granted transferred allocated distributed collected invested borrowed owed
shortage surplus deficit balance share shares stake assets resources reserves supplies goods
services service quality standards standard conditions condition environment climate weather
drought floods flood harvest farmers farming agriculture livestock grain wheat cotton food
medicine doctors doctors nurses patients treatment vaccine vaccination disease outbreak
pandemic restrictions measures measure response recovery assistance aid donors donor grants
grant foundation fund funds campaign campaigns initiative initiatives strategy strategies
goals goal targets target priorities priority tasks task efforts effort steps step action
actions activities activity events event history tradition culture language languages
religion religious faith identity society generation youth students student teachers teacher
universities university science research technology technologies digital network networks
services phone mobile energy power electricity coal nuclear renewable solar wind pipeline
exports export imports import partners neighbors neighbor neighbouring foreign domestic
military army defense soldiers officers service veterans peace conflict war tensions dispute
disputes dialogue compromise consensus majority minority opposition party parties coalition
candidate candidates campaign ballot ballots turnout observers monitoring mission missions
transparency accountability responsibility integrity trust confidence credibility reputation
image message messages letter letters appeal call calls demand demands promise promises
""".split()

RUSSIAN = """
и в не на что с по как это из к о от для за его же у но до все так при также году было были
будет может мы они он она после более только уже еще даже если когда где который которые
которая которое этого этой этих этом свои своих свой года лет время раз один два три первый
страны страна государства государство правительство власти министерство закон законы суд
суда решение решения вопрос вопросы проблема проблемы ситуация заявление заявления доклад
отчет данные цифры результаты исследование опрос эксперты эксперт аналитики специалисты
граждане граждан жители населения население люди человек человека права прав свободы
свобода общество общества организации организация проекты проект программа программы
развития развитие поддержка поддержки финансирование средства деньги бюджет миллионов
миллиардов процентов число количество уровень случаев случаи работа работы работников
компании компания рынок цены цен торговля энергетика нефть газ вода земля здоровье больница
школы школ образование дети детей семьи женщины мужчины молодежь община выборы выборов
голосование избиратели парламент депутаты комитет совет управление руководство глава
председатель члены группа группы изменения реформа реформы процесс процедура правила
нормы законодательство проекта поправки кодекс статья статьи интервью конференция встреча
встречи переговоры соглашение договор сделка партнеры сотрудничество отношения граница
границы регион регионы район районы село города столица мигранты миграция занятость
безработица зарплата зарплаты пенсии налоги налог доходы расходы затраты инвестиции
инвесторы банки банк кредиты долг инфляция рост экономика промышленность производство завод
строительство инфраструктура дороги дорога транспорт жилье аренда собственность бизнес
предприниматели малый крупный главный основной важный серьезный значительный последний
текущий прежний будущий возможный необходимый сложный ясный открытый независимый
гражданский уголовный административный правовой судебный конституционный свободный
честный прозрачный коррупция расследование прокурор прокуратура обвинения обвинение процесс
приговор тюрьма задержание задержан арест освобожден протест протесты митинг акция
активисты активист правозащитники журналисты журналист пресса газета телевидение интернет
сайт платформа информация доступ слова выражения цензура критика критики мнение позиция
обеспокоенность риск риски угроза угрозы давление нарушения нарушение жалобы жалоба жертвы
свидетели доказательства документы документ запрос запросы ответ ответы апелляция слушания
судья судьи адвокат адвокаты защита обвинения во время перед с тех пор пока потому однако
хотя несмотря согласно между среди внутри без против под через около почти лишь все же
снова часто никогда всегда обычно недавно ранее позже сегодня вчера завтра теперь затем
скоро много несколько каждый оба большинство меньше далее другой тот же разные такой
весь целый определенный особый общий полный часть половина второй следующий ранний
поздний ежегодный ежемесячный сообщил заявил отметил подчеркнул объяснил предупредил
сообщили заявили отметили подтвердил опроверг отклонил одобрил принял подписал запустил
открыл закрыл начал продолжил остался стал сделал дал получил направил нашел показал
провел увеличил сократил снизил повысил ожидается планируется предложил пообещал согласился
отказался помог позволил требует нужно решил рассмотрел обсудил опубликовал подготовил
организовал создал ввел поддержал выступил раскритиковал потребовал призвал обвинил
назначен избран посетил вернулся работал заплатил потерял выиграл построил улучшил защитил
предоставил включил затронул вызвал привел нехватка дефицит баланс доля активы ресурсы
запасы товары услуги качество стандарты условия окружающей среды климат засуха наводнение
урожай фермеры сельское хозяйство скот зерно пшеница хлопок продукты лекарства врачи
пациенты лечение вакцина болезнь ограничения меры помощь доноры гранты гранта фонд фонды
кампания инициатива стратегия цели задачи усилия шаги действия мероприятия событие история
традиции культура язык языка религия общества поколение студенты учителя университет наука
технологии цифровой сеть связь электроэнергия уголь экспорт импорт соседи внешний
внутренний армия оборона военные мир конфликт напряженность спор диалог компромисс
большинство меньшинство оппозиция партия партии коалиция кандидат кандидаты бюллетени явка
наблюдатели мониторинг миссия прозрачность подотчетность ответственность доверие репутация
сообщение письмо призыв требования обещания
""".split()

# (Latin, Cyrillic, female) first names; surnames come from syllables.
FIRST_NAMES = [
    ("Aigerim", "Айгерим", True), ("Asel", "Асель", True), ("Dana", "Дана", True),
    ("Madina", "Мадина", True), ("Zhanna", "Жанна", True), ("Olga", "Ольга", True),
    ("Irina", "Ирина", True), ("Anna", "Анна", True), ("Elena", "Елена", True),
    ("Gulnara", "Гульнара", True), ("Saule", "Сауле", True), ("Aliya", "Алия", True),
    ("Dinara", "Динара", True), ("Kamila", "Камила", True), ("Svetlana", "Светлана", True),
    ("Natalia", "Наталья", True), ("Yulia", "Юлия", True), ("Botagoz", "Ботагоз", True),
    ("Marat", "Марат", False), ("Yerlan", "Ерлан", False), ("Daniyar", "Данияр", False),
    ("Nurlan", "Нурлан", False), ("Askar", "Аскар", False), ("Timur", "Тимур", False),
    ("Ruslan", "Руслан", False), ("Dmitry", "Дмитрий", False), ("Sergey", "Сергей", False),
    ("Andrey", "Андрей", False), ("Pavel", "Павел", False), ("Arman", "Арман", False),
    ("Bolat", "Болат", False), ("Kairat", "Кайрат", False), ("Yevgeny", "Евгений", False),
    ("Maxim", "Максим", False), ("Ilya", "Илья", False), ("Galym", "Галым", False),
    ("Aidos", "Айдос", False), ("Viktor", "Виктор", False), ("Oleg", "Олег", False),
]  # fmt: skip

_ONSETS = [
    ("b", "б"), ("d", "д"), ("g", "г"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"),
    ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("v", "в"), ("z", "з"), ("sh", "ш"),
    ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("ts", "ц"),
]  # fmt: skip
_VOWELS = [("a", "а"), ("e", "е"), ("i", "и"), ("o", "о"), ("u", "у")]
_CODAS = [("", "")] * 5 + [("n", "н"), ("r", "р"), ("l", "л"), ("s", "с"), ("t", "т")]
# (male Latin, male Cyrillic, female Latin, female Cyrillic)
_SUFFIXES = [
    ("ov", "ов", "ova", "ова"), ("ev", "ев", "eva", "ева"), ("in", "ин", "ina", "ина"),
    ("enko", "енко", "enko", "енко"), ("bekov", "беков", "bekova", "бекова"),
    ("uly", "улы", "kyzy", "кызы"), ("sky", "ский", "skaya", "ская"),
    ("yan", "ян", "yan", "ян"), ("baev", "баев", "baeva", "баева"), ("", "", "", ""),
]  # fmt: skip
_ORG_ENDINGS = [("", "")] * 3 + [("a", "а"), ("ia", "ия"), ("an", "ан"), ("or", "ор")]
# Other romanizations of the same Cyrillic name, as the press writes them.
_VARIANTS = [
    ("aev", "ayev"), ("eev", "eyev"), ("kh", "h"), ("ts", "tz"), ("zh", "j"), ("ch", "tch"),
    ("sky", "ski"), ("ov", "off"), ("uly", "uli"), ("i", "y"), ("e", "ye"),
]  # fmt: skip

# (English pattern, Russian pattern, type); {x} is the organization's own coined word.
ORG_PATTERNS = [
    ("{x} Institute", "Институт {x}", "research institute"),
    ("{x} Foundation", "Фонд {x}", "NGO"),
    ("{x} Bureau for Human Rights", "Бюро {x} по правам человека", "NGO"),
    ("{x} Media Centre", "Медиацентр {x}", "media NGO"),
    ("Agency for {x} Development", "Агентство развития {x}", "government body"),
    ("{x} Civic Alliance", "Гражданский альянс {x}", "NGO"),
    ("{x} Bar Association", "Коллегия адвокатов {x}", "professional association"),
    ("{x} Regional Council", "Областной совет {x}", "government body"),
    ("{x} Election Commission", "Избирательная комиссия {x}", "government body"),
    ("{x} Energy Company", "Энергетическая компания {x}", "company"),
    ("{x} Trade Union", "Профсоюз {x}", "trade union"),
    ("{x} Party", "Партия {x}", "political party"),
]
COUNTRIES = ["KZ", "KZ", "KZ", "KG", "UZ", "TJ", "RU"]
TITLES = [
    "Director", "Chair", "Spokesperson", "Deputy Minister", "Lawyer", "Researcher",
    "Member of Parliament", "Coordinator", "Economist", "Board member", "Analyst",
]  # fmt: skip

# (id, name, Russian name, domain, country, languages)
OUTLETS = [
    ("steppe-herald", "Steppe Herald", "Степной вестник", "steppe-herald.example", "KZ", ["en"]),
    ("caspian-monitor", "Caspian Monitor", "Каспийский монитор", "caspian-monitor.example",
     "KZ", ["en", "ru"]),
    ("silk-road-times", "Silk Road Times", "Таймс Шелкового пути", "silkroadtimes.example",
     "KG", ["en"]),
    ("vremya-vostoka", "Vremya Vostoka", "Время Востока", "vremya-vostoka.example", "KZ",
     ["ru"]),
    ("central-asia-wire", "Central Asia Wire", "Центральноазиатская лента",
     "ca-wire.example", "UZ", ["en", "ru"]),
    ("nashe-delo", "Nashe Delo", "Наше дело", "nashe-delo.example", "KZ", ["ru"]),
    ("mountain-post", "Mountain Post", "Горная почта", "mountainpost.example", "TJ", ["en"]),
    ("open-asia-review", "Open Asia Review", "Открытое обозрение Азии", "openasia.example",
     "KG", ["en", "ru"]),
]  # fmt: skip

# (id, name, Russian name, description)
TOPICS = [
    ("elections", "Elections", "Выборы", "Votes, campaigns, candidates and observers."),
    ("corruption", "Corruption", "Коррупция", "Bribery, embezzlement and their prosecution."),
    ("press-freedom", "Press freedom", "Свобода прессы", "Journalists, censorship, access."),
    ("ngo-funding", "NGO funding", "Финансирование НКО", "Where NGOs get their money."),
    ("torture", "Torture", "Пытки", "Torture and ill-treatment, prevention and complaints."),
    ("labor-rights", "Labor rights", "Трудовые права", "Wages, strikes and trade unions."),
    ("energy", "Energy", "Энергетика", "Oil, gas, coal, power and tariffs."),
    ("water", "Water", "Водные ресурсы", "Rivers, irrigation, drinking water."),
    ("migration", "Migration", "Миграция", "Labor migrants and their families."),
    ("courts", "Courts", "Суды", "Trials, judges and the judicial system."),
    ("protests", "Protests", "Протесты", "Rallies, demonstrations and their policing."),
    ("health", "Health", "Здравоохранение", "Hospitals, medicine and epidemics."),
    ("education", "Education", "Образование", "Schools, universities and teachers."),
    ("housing", "Housing", "Жилье", "Housing, rents and construction."),
    ("environment", "Environment", "Экология", "Pollution, climate and nature."),
    ("agriculture", "Agriculture", "Сельское хозяйство", "Farming, harvests, land."),
    ("internet", "Internet", "Интернет", "Access, blocking and digital rights."),
    ("religion", "Religion", "Религия", "Faith communities and the state."),
    ("borders", "Borders", "Границы", "Border disputes, crossings and trade."),
    ("budget", "Budget", "Бюджет", "Public spending, taxes and debt."),
]

# --------------------------------------------------------------------------------------------
# Helpers


def _key(text: str) -> str:
    """The comparison key `site_builder.core.names.key` uses: case-folded, accents stripped."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).casefold())
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _q(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars, with every character escaped.
    return json.dumps(text, ensure_ascii=False)


def _slug(text: str, max_words: int) -> str:
    latin = transliterate(text).lower()  # the project's own table, as ids are made
    words = re.findall(r"[a-z0-9]+", latin)
    return "-".join(words[:max_words])


class _Zipf:
    """Draws items with probability proportional to 1 / rank**s."""

    def __init__(self, items: Sequence, s: float = 1.0, offset: float = 1.0):
        self.items = list(items)
        self.cum: list[float] = []
        total = 0.0
        for rank in range(len(self.items)):
            total += 1.0 / (rank + offset) ** s
            self.cum.append(total)
        self.total = total

    def draw(self, rng: random.Random, k: int) -> list:
        return rng.choices(self.items, cum_weights=self.cum, k=k)

    def distinct(self, rng: random.Random, k: int, exclude: Sequence = ()) -> list:
        """Up to `k` distinct items, most often the frequent ones, none of `exclude`."""
        k = min(k, len(self.items) - len(exclude))
        out: list = []
        taken = {id(x) for x in exclude}
        tries = 0
        while len(out) < k and tries < 20 * k:
            tries += 1
            i = bisect.bisect_right(self.cum, rng.random() * self.total)
            item = self.items[min(i, len(self.items) - 1)]
            if id(item) not in taken:
                taken.add(id(item))
                out.append(item)
        return out


class _Text:
    """Sentences from one vocabulary with Zipf frequencies."""

    def __init__(self, words: list[str]):
        self.zipf = _Zipf(list(dict.fromkeys(words)), s=1.0, offset=2.0)

    def clause(self, rng: random.Random, n: int) -> str:
        """Lowercase words with an occasional comma, no final punctuation."""
        words = self.zipf.draw(rng, n)
        for i in range(1, n - 1):
            if rng.random() < 0.07:
                words[i] += ","
        return " ".join(words)

    def sentence(self, rng: random.Random, n: int, end: str = ".") -> str:
        text = self.clause(rng, n)
        return text[0].upper() + text[1:] + end

    def heading(self, rng: random.Random, n: int) -> str:
        return " ".join(self.zipf.draw(rng, n)).capitalize()


# --------------------------------------------------------------------------------------------
# The registry


@dataclass
class Entity:
    kind: str  # person, organization, outlet, topic
    id: str
    name: str
    aliases: list[str]
    en: list[str]  # spellings written in English bodies; the first on first mention
    ru: list[str]  # spellings written in Russian bodies
    fields: list[tuple[str, str]] = field(default_factory=list)  # extra front matter, as YAML
    bio: str = ""


class _Spellings:
    """Every spelling claimed so far, so that no two entries share one and none is plain text."""

    def __init__(self, vocabulary: list[str]):
        self.reserved = {_key(w) for w in vocabulary} | {
            _key(x) for f in FIRST_NAMES for x in f[:2]
        }
        self.taken: set[str] = set()

    def free(self, *spellings: str) -> bool:
        keys = [_key(s) for s in spellings]
        if len(set(keys)) != len(keys):
            return False
        for k in keys:
            # A spelling made only of vocabulary words could occur in random text.
            if k in self.taken or all(w in self.reserved for w in re.findall(r"\w+", k)):
                return False
        return True

    def claim(self, *spellings: str) -> None:
        self.taken.update(_key(s) for s in spellings)


def _coined(rng: random.Random, syllables: int, ending: tuple[str, str]) -> tuple[str, str]:
    lat, cyr = [], []
    for _ in range(syllables):
        o, v = rng.choice(_ONSETS), rng.choice(_VOWELS)
        lat += [o[0], v[0]]
        cyr += [o[1], v[1]]
    c = rng.choice(_CODAS)
    lat.append(c[0] + ending[0])
    cyr.append(c[1] + ending[1])
    return "".join(lat).capitalize(), "".join(cyr).capitalize()


def _variant(rng: random.Random, latin: str) -> str | None:
    rules = [r for r in _VARIANTS if r[0] in latin.lower()]
    if not rules:
        return None
    old, new = rng.choice(rules)
    i = latin.lower().rfind(old)
    out = latin[:i] + (new.capitalize() if i == 0 else new) + latin[i + len(old) :]
    return out if out != latin else None


def _people(
    rng: random.Random, count: int, spellings: _Spellings, orgs: list[Entity], text: _Text
) -> list[Entity]:
    out: list[Entity] = []
    ids: set[str] = set()
    while len(out) < count:
        first_lat, first_cyr, female = rng.choice(FIRST_NAMES)
        suffix = rng.choice(_SUFFIXES)
        s_lat, s_cyr = suffix[2:] if female else suffix[:2]
        sur_lat, sur_cyr = _coined(rng, rng.choice((2, 2, 3)), (s_lat, s_cyr))
        name, cyr = f"{first_lat} {sur_lat}", f"{first_cyr} {sur_cyr}"
        pid = _slug(name, 4)
        if pid in ids or not spellings.free(name, cyr, sur_lat, sur_cyr):
            continue
        aliases, en, ru = [cyr], [name], [cyr]
        variant = _variant(rng, sur_lat)
        if variant and rng.random() < 0.5 and spellings.free(f"{first_lat} {variant}", variant):
            aliases.append(f"{first_lat} {variant}")
            en.append(f"{first_lat} {variant}")
            spellings.claim(variant)  # never an alias alone, but kept from other names
        if rng.random() < 0.4:  # the surname alone, as a second mention is often written
            aliases += [sur_lat, sur_cyr]
            en.append(sur_lat)
            ru.append(sur_cyr)
        spellings.claim(name, cyr, sur_lat, sur_cyr, *aliases)
        ids.add(pid)
        person = Entity("person", pid, name, aliases, en, ru)
        if orgs and rng.random() < 0.7:
            org, title = rng.choice(orgs), rng.choice(TITLES)
            since = FIRST_YEAR - 5 + rng.randrange(YEARS + 3)
            person.fields.append(("description", _q(f"{title}, {org.name}.")))
            person.fields.append(
                (
                    "roles",
                    "\n".join(
                        [
                            "",
                            f"  - organization: {_q(org.name)}",
                            f"    title: {_q(title)}",
                            f"    from: {_q(str(since))}",
                        ]
                    ),
                )
            )
        if rng.random() < 0.3:
            person.bio = text.sentence(rng, rng.randint(15, 40))
        out.append(person)
    return out


def _organizations(rng: random.Random, count: int, spellings: _Spellings) -> list[Entity]:
    out: list[Entity] = []
    ids: set[str] = set()
    while len(out) < count:
        en_pat, ru_pat, kind = rng.choice(ORG_PATTERNS)
        x_lat, x_cyr = _coined(rng, rng.choice((2, 3)), rng.choice(_ORG_ENDINGS))
        name, cyr = en_pat.format(x=x_lat), ru_pat.format(x=x_cyr)
        oid = _slug(name, 6)
        if oid in ids or not spellings.free(name, cyr, x_lat, x_cyr):
            continue
        spellings.claim(name, cyr, x_lat, x_cyr)  # the coined word is never another's name
        words = [w for w in name.split() if w[0].isupper()]
        abbreviation = "".join(w[0] for w in words).upper()
        if len(abbreviation) < 3:
            abbreviation = (x_lat[:2] + "".join(w[0] for w in words[1:])).upper()
        org = Entity("organization", oid, name, [cyr], [name], [cyr])
        if spellings.free(abbreviation) and rng.random() < 0.7:
            spellings.claim(abbreviation)
            org.fields.append(("abbreviation", _q(abbreviation)))
            org.en.append(abbreviation)
            org.ru.append(abbreviation)
        org.fields.append(("type", _q(kind)))
        org.fields.append(("country", _q(rng.choice(COUNTRIES))))
        if out and rng.random() < 0.15:
            org.fields.append(("parent", _q(rng.choice(out).name)))
        a = "An" if kind[0] in "aeiouAEIOU" or kind.startswith("NGO") else "A"
        org.fields.append(("description", _q(f"{a} {kind} ({x_lat}).")))
        ids.add(oid)
        out.append(org)
    return out


def _outlets() -> list[Entity]:
    out = []
    for oid, name, cyr, domain, country, langs in OUTLETS:
        e = Entity("outlet", oid, name, [cyr], [], [])
        e.fields += [
            ("url", _q(f"https://{domain}/")),
            ("country", _q(country)),
            ("languages", "\n" + "\n".join(f"  - {lang}" for lang in langs)),
            ("description", _q(f"A synthetic news outlet ({', '.join(langs)}).")),
        ]
        e.fields.append(("_domain", domain))
        e.fields.append(("_languages", " ".join(langs)))
        out.append(e)
    return out


def _topics() -> list[Entity]:
    out = []
    for tid, name, cyr, description in TOPICS:
        e = Entity("topic", tid, name, [cyr], [], [])
        e.fields.append(("description", _q(description)))
        out.append(e)
    return out


def _entity_text(e: Entity) -> str:
    lines = ["---", f"name: {_q(e.name)}"]
    if e.aliases:
        lines.append("aliases:")
        lines += [f"  - {_q(a)}" for a in e.aliases]
    lines += [
        f"{k}:{v}" if v.startswith("\n") else f"{k}: {v}"
        for k, v in e.fields
        if not k.startswith("_")
    ]
    lines.append("---")
    if e.bio:
        lines += ["", e.bio]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Articles

_EN_MENTION_PERSON = [
    lambda p, c: f"{p} said that {c}.",
    lambda p, c: f"According to {p}, {c}.",
    lambda p, c: f"{c[0].upper()}{c[1:]}, {p} told reporters.",
    lambda p, c: f"In an interview, {p} argued that {c}.",
    lambda p, c: f"{p} did not respond to a request for comment.",
]
_EN_MENTION_ORG = [
    lambda o, c: f"The {o} said that {c}.",
    lambda o, c: f"A report by the {o} found that {c}.",
    lambda o, c: f"{c[0].upper()}{c[1:]}, according to the {o}.",
    lambda o, c: f"Representatives of the {o} declined to comment.",
]
_RU_MENTION_PERSON = [
    lambda p, c: f"По словам {p}, {c}.",
    lambda p, c: f"{c[0].upper()}{c[1:]}, считает {p}.",
    lambda p, c: f"Как отмечает {p}, {c}.",
    lambda p, c: f"{p} подчеркивает, что {c}.",
]
_RU_MENTION_ORG = [
    lambda o, c: f"В организации {o} сообщили, что {c}.",
    lambda o, c: f"Согласно докладу {o}, {c}.",
    lambda o, c: f"{c[0].upper()}{c[1:]}, говорится в заявлении {o}.",
]
# A quote template returns (the sentence in the body, the quote's text as listed).
_EN_QUOTE = [
    lambda p, q: (f"{p} said: “{q}.”", f"{q}."),
    lambda p, q: (f"“{q},” said {p}.", q),
    lambda p, q: (f"“{q},” {p} told reporters.", q),
    lambda p, q: (f"According to {p}, “{q}.”", f"{q}."),
]
_RU_QUOTE = [
    lambda p, q: (f"«{q}», — считает {p}.", q),
    lambda p, q: (f"По словам {p}, «{q}».", q),
    lambda p, q: (f"{p} подчеркивает: «{q}».", q),
]


@dataclass
class _Item:
    """A sentence naming an entity, or quoting a speaker."""

    entity: Entity
    quote_words: str | None = None  # the quoted sentence(s), for a quote
    rendered_quote: str = ""  # the quote's text as it ends up in the body


@dataclass
class Article:
    id: str
    year: int
    text: str
    capture_path: str
    capture: bytes
    words: int
    quotes: int
    language: str


class _Generator:
    def __init__(self, n: int, seed: int):
        self.rng = rng = random.Random(seed)
        self.en, self.ru = _Text(ENGLISH), _Text(RUSSIAN)
        spellings = _Spellings(ENGLISH + RUSSIAN)
        self.orgs = _organizations(rng, max(6, n // 20), spellings)
        # A few journalists per outlet write the articles; the others are in the news.
        n_authors = max(len(OUTLETS) * 2, n // 100)
        n_people = max(12, n // 10 - n_authors)
        people = _people(rng, n_authors + n_people, spellings, self.orgs, self.en)
        self.authors, self.people = people[:n_authors], people[n_authors:]
        self.outlets, self.topics = _outlets(), _topics()
        self.outlets_by_lang: dict[str, list[Entity]] = {"en": [], "ru": []}
        self.authors_by_outlet: dict[str, list[Entity]] = {}
        for i, o in enumerate(self.outlets):
            for lang in dict(self.outlets[i].fields)["_languages"].split():
                self.outlets_by_lang[lang].append(o)
            self.authors_by_outlet[o.id] = self.authors[i :: len(self.outlets)]
        self.people_zipf = _Zipf(self.people, s=1.1)
        self.orgs_zipf = _Zipf(self.orgs, s=1.1)
        self.topics_zipf = _Zipf(self.topics, s=0.8)
        self.ids: set[str] = set()

    def registry(self) -> list[Entity]:
        return self.orgs + self.authors + self.people + self.outlets + self.topics

    def _date(self) -> tuple[str, int, int, int]:
        rng = self.rng
        year = FIRST_YEAR + rng.randrange(YEARS)
        month = rng.randint(1, 12)
        day = rng.randint(1, calendar.monthrange(year, month)[1])
        if rng.random() < 0.05:  # the source gives the month only
            return f"{year:04d}-{month:02d}", year, month, 0
        return f"{year:04d}-{month:02d}-{day:02d}", year, month, day

    def _ref(self, e: Entity) -> str:
        """How the front matter names an entry: mostly its name, sometimes its id or an alias."""
        r = self.rng.random()
        if r < 0.08:
            return e.id
        if r < 0.15 and e.aliases:
            return self.rng.choice(e.aliases)
        return e.name

    def article(self, index: int) -> Article:
        rng = self.rng
        lang = "ru" if rng.random() < 0.25 else "en"
        text = self.ru if lang == "ru" else self.en
        outlet = rng.choice(self.outlets_by_lang[lang])
        date, year, month, day = self._date()

        speakers = self.people_zipf.distinct(rng, rng.choice((0, 1, 1, 1, 2, 2, 3)))
        people = self.people_zipf.distinct(rng, rng.choice((0, 1, 1, 2, 2, 3, 4, 5)), speakers)
        orgs = self.orgs_zipf.distinct(rng, rng.choice((0, 1, 1, 2, 2, 3, 4)))
        topics = self.topics_zipf.distinct(rng, rng.choice((1, 1, 2, 2, 3)))
        pool = self.authors_by_outlet[outlet.id]
        authors = [rng.choice(pool)] if pool and rng.random() < 0.8 else []

        # Sentences naming entities, and quotes; the filler text makes up the rest.
        items: list[_Item] = []
        for e in speakers:
            for _ in range(rng.choice((1, 1, 2, 3))):
                q = text.sentence(rng, rng.randint(8, 24), end="")
                if rng.random() < 0.25:
                    q += ". " + text.sentence(rng, rng.randint(6, 16), end="")
                items.append(_Item(e, q))
        for e in people + orgs:
            items += [_Item(e) for _ in range(rng.choice((1, 1, 2, 3)))]
        rng.shuffle(items)  # the list order is the reading order
        named = self._spell(lang, text, items)
        target = rng.randint(400, 1500)
        # Long bodies get a subheading or two, as long articles do.
        headings = [text.heading(rng, rng.randint(3, 6)) for _ in range(2 if target > 800 else 0)]
        fixed = sum(len(x.split()) for x in named) + sum(len(h.split()) + 1 for h in headings)
        # The filler makes the body `target` words exactly (body.split()), unless the
        # naming sentences alone leave less than 200 words for it.
        paragraphs = self._paragraphs(text, max(target - fixed, 200))
        body = self._layout(paragraphs, named, headings)

        quotes = [(it.entity, it.rendered_quote) for it in items if it.quote_words]
        title = self._title(lang, text, speakers + people + orgs)
        aid = self._id(date, outlet.id, title)
        url = (
            f"https://{dict(outlet.fields)['_domain']}/{year}/{month:02d}/"
            f"{_slug(title, 6)}-{index + 1}"
        )
        capture_path = f"archive/{outlet.id}/{year}/{aid}.html"
        capture = self._capture(lang, title, outlet.name, date, body)
        first = date if day else f"{date}-01"
        retrieved = _add_days(first, rng.randint(0, 40))

        lines = [
            "---",
            f"title: {_q(title)}",
            f"outlet: {_q(self._ref(outlet))}",
            f"date: {_q(date)}",
            f"url: {_q(url)}",
            f"language: {lang}",
        ]
        for name, ents in (
            ("authors", authors),
            ("speakers", speakers),
            ("people", people),
            ("organizations", orgs),
            ("topics", topics),
        ):
            lines.append(f"{name}:" if ents else f"{name}: []")
            lines += [f"  - {_q(self._ref(e))}" for e in ents]
        if quotes:
            lines.append("quotes:")
            for e, q in quotes:
                lines += [f"  - by: {_q(e.name)}", f"    text: {_q(q)}"]
        summary = paragraphs[0][0]
        lines += [
            f"summary: {_q(summary)}",
            f"capture: {_q(capture_path)}",
            f"sha256: {hashlib.sha256(capture).hexdigest()}",
            f"retrieved: {_q(retrieved)}",
            "---",
            "",
            body,
        ]
        return Article(
            aid, year, "\n".join(lines), capture_path, capture, len(body.split()), len(quotes), lang
        )

    def _paragraphs(self, text: _Text, words: int) -> list[list[str]]:
        """Paragraphs of 2-6 sentences holding exactly `words` words in all."""
        rng = self.rng
        out: list[list[str]] = []
        left = words
        while left > 0:
            sentences = []
            for _ in range(rng.randint(2, 6)):
                n = min(rng.randint(6, 24), left)
                if left - n < 6:  # no stub sentence at the end
                    n = left
                sentences.append(text.sentence(rng, n))
                left -= n
                if not left:
                    break
            out.append(sentences)
        return out

    def _spell(self, lang: str, text: _Text, items: list[_Item]) -> list[str]:
        """The sentence of each item, in reading order: the full name on first mention."""
        rng = self.rng
        mention_p = _RU_MENTION_PERSON if lang == "ru" else _EN_MENTION_PERSON
        mention_o = _RU_MENTION_ORG if lang == "ru" else _EN_MENTION_ORG
        quote_t = _RU_QUOTE if lang == "ru" else _EN_QUOTE
        seen: set[int] = set()
        out = []
        for it in items:
            e = it.entity
            spellings = e.ru if lang == "ru" else e.en
            spelled = spellings[0] if id(e) not in seen else rng.choice(spellings)
            seen.add(id(e))
            if it.quote_words:
                sentence, it.rendered_quote = rng.choice(quote_t)(spelled, it.quote_words)
            elif e.kind == "person":
                sentence = rng.choice(mention_p)(spelled, text.clause(rng, rng.randint(6, 14)))
            else:
                sentence = rng.choice(mention_o)(spelled, text.clause(rng, rng.randint(6, 14)))
            out.append(sentence)
        return out

    def _layout(self, paragraphs: list[list[str]], named: list[str], headings: list[str]) -> str:
        """Insert the naming sentences, in order, at random places inside the paragraphs."""
        rng = self.rng
        # (paragraph, slot before which it goes); the first mention opens the article.
        slots = [(rng.randrange(len(paragraphs)), rng.random()) for _ in named]
        if slots:
            slots[0] = (0, 0.0)
        slots.sort()
        inserts: dict[int, list[tuple[int, str]]] = {}
        for (p, pos), sentence in zip(slots, named, strict=True):
            at = min(int(pos * (len(paragraphs[p]) + 1)), len(paragraphs[p]))
            inserts.setdefault(p, []).append((at, sentence))
        heading_at = rng.sample(
            range(2, len(paragraphs)), min(len(headings), max(len(paragraphs) - 2, 0))
        )
        heading_at.sort()
        blocks: list[str] = []
        for p, sentences in enumerate(paragraphs):
            if p in heading_at:
                blocks.append("## " + headings[heading_at.index(p)])
            merged: list[str] = []
            pending = inserts.get(p, [])
            k = 0
            for i, sentence in enumerate(sentences):
                while k < len(pending) and pending[k][0] <= i:
                    merged.append(pending[k][1])
                    k += 1
                merged.append(sentence)
            merged += [x for _, x in pending[k:]]
            blocks.append(" ".join(merged))
        return "\n\n".join(blocks) + "\n"

    def _title(self, lang: str, text: _Text, named: list[Entity]) -> str:
        rng = self.rng
        words = text.heading(rng, rng.randint(4, 9))
        if named and rng.random() < 0.5:
            e = named[0]
            name = (e.ru if lang == "ru" else e.en)[0]
            return f"{name}: {words[0].lower()}{words[1:]}"
        return words

    def _id(self, date: str, outlet: str, title: str) -> str:
        base = f"{date}-{outlet}-{_slug(title, 5)}"[:72].strip("-")
        aid, k = base, 2
        while aid in self.ids:
            aid, k = f"{base}-{k}", k + 1
        self.ids.add(aid)
        return aid

    def _capture(self, lang: str, title: str, outlet: str, date: str, body: str) -> bytes:
        lede = body.split("\n\n", 1)[0].strip()
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title)}</title>\n</head>\n<body>\n<article>\n"
            f"<h1>{html.escape(title)}</h1>\n"
            f"<p>{html.escape(outlet)}, {date}</p>\n"
            f"<p>{html.escape(lede)}</p>\n"
            "</article>\n</body>\n</html>\n"
        ).encode()


def _add_days(iso: str, days: int) -> str:
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=days)).isoformat()


# --------------------------------------------------------------------------------------------
# Output

DEFAULT_MKDOCS = """\
site_name: {site_name}
docs_dir: content
theme:
  name: material
plugins:
  - site-builder
"""


def mkdocs_yml(site_name: str, template: Path | None = REPO_ROOT / "mkdocs.yml") -> str:
    """The benchmark's mkdocs.yml: the repository's own, with our site name and docs_dir.

    Falls back to a minimal Material + site-builder configuration when there is none.
    """
    if template is None or not template.is_file():
        return DEFAULT_MKDOCS.format(site_name=_q(site_name))
    text = template.read_text(encoding="utf-8")
    name = f"site_name: {_q(site_name)}"
    if re.search(r"(?m)^site_name:", text):
        text = re.sub(r"(?m)^site_name:.*$", lambda m: name, text, count=1)
    else:
        text = name + "\n" + text
    if re.search(r"(?m)^docs_dir:", text):
        text = re.sub(r"(?m)^docs_dir:.*$", "docs_dir: content", text, count=1)
    else:
        text = text.rstrip("\n") + "\ndocs_dir: content\n"
    return text


_NAV_PAGE = re.compile(r"""^\s*-\s*["']?([^:"']+?)["']?:\s*["']?([\w.-]+\.md)["']?\s*$""")


def hand_written_pages(mkdocs_text: str, docs: Path = REPO_ROOT / "content") -> list[tuple]:
    """(title, file) of top-level nav pages that the repository writes by hand (about.md).

    The synthetic archive gets a stand-in for each, so its nav resolves as the real site's
    does. Pages the plugin generates (articles/index.md) are not files in content/ and are
    left to it; index.md is written by `generate`.
    """
    out = []
    in_nav = False
    for line in mkdocs_text.splitlines():
        if re.match(r"^\S", line):
            in_nav = line.startswith("nav:")
            continue
        m = _NAV_PAGE.match(line) if in_nav else None
        if m and m.group(2) != "index.md" and (docs / m.group(2)).is_file():
            out.append((m.group(1).strip(), m.group(2)))
    return out


def write_mkdocs(
    root: Path,
    site_name: str,
    template: Path | None = REPO_ROOT / "mkdocs.yml",
    docs: Path = REPO_ROOT / "content",
) -> list[Path]:
    """Write root/mkdocs.yml and a stand-in for each hand-written page its nav names."""
    text = mkdocs_yml(site_name, template)
    written = [root / "mkdocs.yml"]
    written[0].write_text(text, encoding="utf-8")
    for title, page in hand_written_pages(text, docs):
        path = root / "content" / page
        path.write_text(
            f"# {title}\n\nA stand-in for the repository's `content/{page}`: this synthetic "
            "archive has the same navigation as the real site.\n",
            encoding="utf-8",
        )
        written.append(path)
    return written


def _index_md(n: int, seed: int, counts: dict[str, int]) -> str:
    return (
        "# Synthetic archive\n\n"
        f"A generated archive for benchmarks: {counts['articles']} articles "
        f"({counts['articles_ru']} in Russian), {counts['people']} people, "
        f"{counts['organizations']} organizations, {counts['outlets']} outlets and "
        f"{counts['topics']} topics. Made by `python benchmarks/generate.py OUT_DIR "
        f"--articles {n} --seed {seed}`; the text is random words, the names are invented.\n"
    )


def _prepare(root: Path, overwrite: bool) -> None:
    ours = [root / "content", root / "archive", root / "mkdocs.yml"]
    present = [p for p in ours if p.exists()]
    if not present:
        return
    if not overwrite:
        raise FileExistsError(
            f"{present[0]} exists; choose an empty folder, or pass overwrite=True (--force) "
            "to replace an archive this script generated"
        )
    if not (root / MARKER).is_file():
        raise FileExistsError(
            f"{present[0]} exists and {root} holds no {MARKER}: it is not an archive this "
            "script generated, so it is left alone; choose another folder"
        )
    for p in present:
        if p.is_dir():
            shutil.rmtree(p)
        else:
            p.unlink()


def generate(
    root: Path,
    n: int,
    seed: int = 1,
    *,
    overwrite: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Write a synthetic archive of `n` articles into `root`; return what it holds.

    The output depends on `n` and `seed` only. Refuses to write over content/, archive/ or
    mkdocs.yml unless `overwrite` is set and `root` holds an archive this function made.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    root = Path(root)
    _prepare(root, overwrite)
    gen = _Generator(n, seed)
    content = root / "content"
    folders = {
        "person": "people",
        "organization": "organizations",
        "outlet": "outlets",
        "topic": "topics",
    }
    for folder in folders.values():
        (content / folder).mkdir(parents=True, exist_ok=True)
    for e in gen.registry():
        (content / folders[e.kind] / f"{e.id}.md").write_text(_entity_text(e), encoding="utf-8")

    counts = {"articles": 0, "articles_ru": 0, "words": 0, "quotes": 0, "captures": 0}
    made_dirs: set[Path] = set()
    for i in range(n):
        a = gen.article(i)
        folder = content / "articles" / str(a.year)
        capture = root / a.capture_path
        for d in (folder, capture.parent):
            if d not in made_dirs:
                d.mkdir(parents=True, exist_ok=True)
                made_dirs.add(d)
        (folder / f"{a.id}.md").write_text(a.text, encoding="utf-8")
        capture.write_bytes(a.capture)
        counts["articles"] += 1
        counts["articles_ru"] += a.language == "ru"
        counts["words"] += a.words
        counts["quotes"] += a.quotes
        counts["captures"] += 1
        if progress:
            progress(i + 1, n)
    counts.update(
        people=len(gen.authors) + len(gen.people),
        organizations=len(gen.orgs),
        outlets=len(gen.outlets),
        topics=len(gen.topics),
    )
    (content / "index.md").write_text(_index_md(n, seed, counts), encoding="utf-8")
    site_name = f"Synthetic archive ({n} articles, seed {seed})"
    write_mkdocs(root, site_name)
    (root / MARKER).write_text(
        f"benchmarks/generate.py --articles {n} --seed {seed}\n", encoding="utf-8"
    )
    return counts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description="Write a deterministic synthetic archive for the benchmarks."
    )
    p.add_argument("out_dir", type=Path, help="folder to write content/, archive/, mkdocs.yml")
    p.add_argument("--articles", type=int, default=1000, help="number of articles (1000)")
    p.add_argument("--seed", type=int, default=1, help="random seed (1)")
    p.add_argument(
        "--force", action="store_true", help="replace an archive this script generated in OUT_DIR"
    )
    args = p.parse_args(argv)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if total >= 2000 and (now - last[0] > 1 or done == total):
            last[0] = now
            print(
                f"generating {done}/{total}",
                end="\n" if done == total else "\r",
                file=sys.stderr,
                flush=True,
            )

    start = time.perf_counter()
    try:
        counts = generate(
            args.out_dir, args.articles, args.seed, overwrite=args.force, progress=progress
        )
    except (FileExistsError, ValueError) as exc:
        print(f"generate.py: {exc}", file=sys.stderr)
        return 2
    took = time.perf_counter() - start
    print(
        f"wrote {counts['articles']} articles ({counts['articles_ru']} in Russian, "
        f"{counts['words']} words, {counts['quotes']} quotes), {counts['people']} people, "
        f"{counts['organizations']} organizations, {counts['outlets']} outlets, "
        f"{counts['topics']} topics to {args.out_dir} in {took:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
