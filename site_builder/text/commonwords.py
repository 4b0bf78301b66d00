"""Words of everyday Russian and Kazakh that are also names: surnames, given names used as
surnames, one-word names of parties and funds.

A surname alone links only where the article lists its person (text/mentions.py), and only
when it is capitalized; these words would still be read as the name at the start of a
sentence or in a capitalized heading («Мороз ударил», «Жеңіс күні», «Бақыт деген не?»).
A name whose only word, or whose surname, is one of them links only as written in full.

Hand-picked (November 2026) from the nouns Russian and Kazakh surnames and Kazakh given
names are most often made of; compared case-insensitively, with Kazakh letters as the
Russian press writes them, so that «Нұр» and «Нур» meet. Add a word when an article shows
it misread.
"""

from __future__ import annotations

from functools import lru_cache

from ..core.names import key

# Kazakh letters as the Russian press writes them, so that «Нұр» and «Нур» meet; Latin stays
# Latin (the English "but" is not the surname «Бут»).
_PLAIN = str.maketrans("әғқңөұүһіё", "агкноуухие")


def _plain(word: str) -> str:
    return key(word).translate(_PLAIN)


_RUSSIAN = """
мороз жук волк лебедь орёл сокол ворон воробей соловей медведь заяц лев кит рак сом карп
щука гусь петух козёл баран бык кот мышь лось лиса зима лето весна осень мир вера надежда
любовь роза лилия слава победа заря звезда сила воля правда свобода родина народ голос
кузнец мельник пастух рыбак гончар бондарь плотник поп царь князь король пан граф барон
генерал майор капитан голова борода нос зуб рука камень гора лес поле река берег дуб клён
береза сосна липа калина малина вишня груша яблоко хлеб соль мед сахар каша щи пирог
молоко масло вино пиво чай кофе туман гром дождь снег лёд ветер буря огонь дым утро вечер
ночь день неделя год век час минута кремль дума рада суд закон порядок единство согласие
справедливость родник ключ мост путь дорога город село двор дом сад адвокат судья врач
министр президент директор посол депутат мэр губернатор солдат матрос казак пират пророк
"""
_KAZAKH = """
бақыт нұр ай күн жол ел тас ақ алтын арман болат азамат қуаныш мейрам сәуле гүл дана ерік
талант береке әділет жеңіс бейбіт бақ бек жан ер ұлан отан ерлік ынтымақ бірлік тұлпар
сұңқар бүркіт арыстан жолбарыс қыран алма асқар темір қайрат мұрат мақсат үміт сенім
шаттық дос тілек ата ана аға іні бала қыз ұл жер су от аспан таң кеш түн жыл ай апта
бүгін ертең халық мемлекет үкімет парламент мәжіліс сенат сот заң тәуелсіздік бостандық
"""

# Titles and the small words a sentence may start with, before a surname: «Министр Ластаев»,
# «После Сулеймена», "Mr Suleimen". Not names, so not another person's given name.
_BEFORE_NAMES = """
глава премьер спикер сенатор аким председатель прокурор генпрокурор омбудсмен журналист
активист правозащитник господин госпожа мистер миссис доктор профессор академик экс-президент
экс-министр вице-премьер замминистра замглавы бывший бывшая сам сама сами сегодня вчера
завтра теперь однако поэтому лишь даже только уже ещё также тогда для после между перед
при про как что когда если но по со во на за из без над под через около вокруг против кроме
это этот эта тот та мырза ханым бүгін кеше ертең сондай-ақ алайда бірақ және кейін дейін
the a an and but when while after before as if so yet for with by from to at in on of mr mrs
ms dr president minister prime chairman judge senator ambassador lawyer
"""


@lru_cache(maxsize=1)
def _folded() -> frozenset[str]:
    return frozenset(_plain(w) for w in (_RUSSIAN + _KAZAKH + _BEFORE_NAMES).split())


def is_common_word(word: str) -> bool:
    """True when `word` (one word, any case, Russian or Kazakh spelling) is an everyday word
    as well as a name, or a title or small word that may stand before a name."""
    return " " not in word.strip() and _plain(word) in _folded()
