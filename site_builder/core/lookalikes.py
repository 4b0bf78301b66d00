"""Names that pass for other names: Unicode's security mechanisms (UTS #39) for the registry.

Three ways a contributor's spelling can look like what it is not:

- a word that mixes scripts: 'Αrtur' with a Greek capital alpha reads as 'Artur' and is
  another name. UTS #39's "highly restrictive" level is the rule: a word is in one script,
  or in Latin with Han and Hiragana/Katakana, Bopomofo or Hangul (Japanese, Chinese and
  Korean write that way); Latin with Greek or Cyrillic, or Cyrillic with Greek, is refused.
- characters that show nothing, or that reorder what follows: 'Usen \u202eneimeluS' shows
  as 'Usen Suleimen' (U+202E RIGHT-TO-LEFT OVERRIDE reverses the rest).
- a whole name that looks like another one: the skeletons of UTS #39 section 4 (from
  Unicode's confusables.txt, `unicode/confusables.txt`) are equal for 'Αrtur Lastayev' and
  'Artur Lastayev', and for '0leg' and 'Oleg'.

Scripts come from the Unicode data of the `regex` module (Script_Extensions), which follows
each Unicode release.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import regex

from .names import clean, key

# Unicode 17.0's scripts, short and long names (PropertyValueAliases.txt, property sc).
_SCRIPT_LIST = """
Adlm=Adlam Aghb=Caucasian_Albanian Ahom=Ahom Arab=Arabic Armi=Imperial_Aramaic Armn=Armenian
Avst=Avestan Bali=Balinese Bamu=Bamum Bass=Bassa_Vah Batk=Batak Beng=Bengali Berf=Beria_Erfe
Bhks=Bhaiksuki Bopo=Bopomofo Brah=Brahmi Brai=Braille Bugi=Buginese Buhd=Buhid Cakm=Chakma
Cans=Canadian_Aboriginal Cari=Carian Cham=Cham Cher=Cherokee Chrs=Chorasmian Copt=Coptic
Cpmn=Cypro_Minoan Cprt=Cypriot Cyrl=Cyrillic Deva=Devanagari Diak=Dives_Akuru Dogr=Dogra
Dsrt=Deseret Dupl=Duployan Egyp=Egyptian_Hieroglyphs Elba=Elbasan Elym=Elymaic Ethi=Ethiopic
Gara=Garay Geor=Georgian Glag=Glagolitic Gong=Gunjala_Gondi Gonm=Masaram_Gondi Goth=Gothic
Gran=Grantha Grek=Greek Gujr=Gujarati Gukh=Gurung_Khema Guru=Gurmukhi Hang=Hangul Hani=Han
Hano=Hanunoo Hatr=Hatran Hebr=Hebrew Hira=Hiragana Hluw=Anatolian_Hieroglyphs
Hmng=Pahawh_Hmong Hmnp=Nyiakeng_Puachue_Hmong Hrkt=Katakana_Or_Hiragana Hung=Old_Hungarian
Ital=Old_Italic Java=Javanese Kali=Kayah_Li Kana=Katakana Kawi=Kawi Khar=Kharoshthi Khmr=Khmer
Khoj=Khojki Kits=Khitan_Small_Script Knda=Kannada Krai=Kirat_Rai Kthi=Kaithi Lana=Tai_Tham
Laoo=Lao Latn=Latin Lepc=Lepcha Limb=Limbu Lina=Linear_A Linb=Linear_B Lisu=Lisu Lyci=Lycian
Lydi=Lydian Mahj=Mahajani Maka=Makasar Mand=Mandaic Mani=Manichaean Marc=Marchen
Medf=Medefaidrin Mend=Mende_Kikakui Merc=Meroitic_Cursive Mero=Meroitic_Hieroglyphs
Mlym=Malayalam Modi=Modi Mong=Mongolian Mroo=Mro Mtei=Meetei_Mayek Mult=Multani Mymr=Myanmar
Nagm=Nag_Mundari Nand=Nandinagari Narb=Old_North_Arabian Nbat=Nabataean Newa=Newa Nkoo=Nko
Nshu=Nushu Ogam=Ogham Olck=Ol_Chiki Onao=Ol_Onal Orkh=Old_Turkic Orya=Oriya Osge=Osage
Osma=Osmanya Ougr=Old_Uyghur Palm=Palmyrene Pauc=Pau_Cin_Hau Perm=Old_Permic Phag=Phags_Pa
Phli=Inscriptional_Pahlavi Phlp=Psalter_Pahlavi Phnx=Phoenician Plrd=Miao
Prti=Inscriptional_Parthian Rjng=Rejang Rohg=Hanifi_Rohingya Runr=Runic Samr=Samaritan
Sarb=Old_South_Arabian Saur=Saurashtra Sgnw=SignWriting Shaw=Shavian Shrd=Sharada Sidd=Siddham
Sidt=Sidetic Sind=Khudawadi Sinh=Sinhala Sogd=Sogdian Sogo=Old_Sogdian Sora=Sora_Sompeng
Soyo=Soyombo Sund=Sundanese Sunu=Sunuwar Sylo=Syloti_Nagri Syrc=Syriac Tagb=Tagbanwa
Takr=Takri Tale=Tai_Le Talu=New_Tai_Lue Taml=Tamil Tang=Tangut Tavt=Tai_Viet Tayo=Tai_Yo
Telu=Telugu Tfng=Tifinagh Tglg=Tagalog Thaa=Thaana Thai=Thai Tibt=Tibetan Tirh=Tirhuta
Tnsa=Tangsa Todr=Todhri Tols=Tolong_Siki Toto=Toto Tutg=Tulu_Tigalari Ugar=Ugaritic Vaii=Vai
Vith=Vithkuqi Wara=Warang_Citi Wcho=Wancho Xpeo=Old_Persian Xsux=Cuneiform Yezi=Yezidi Yiii=Yi
Zanb=Zanabazar_Square Zzzz=Unknown
"""
SCRIPTS = {
    code: name.replace("_", " ")
    for code, name in (pair.split("=") for pair in _SCRIPT_LIST.split())
}
# Common and Inherited characters (digits, punctuation, combining accents) go with any script.
_ANY_SCRIPT = regex.compile(r"[\p{scx=Zyyy}\p{scx=Zinh}]")
# UTS #39 section 5.1: Han, kana, Hangul and Bopomofo belong to the writing systems of
# Japanese (Jpan), Korean (Kore) and Chinese with Bopomofo (Hanb), which mix them.
_AUGMENT = {
    "Hani": ("Hanb", "Jpan", "Kore"),
    "Hira": ("Jpan",),
    "Kana": ("Jpan",),
    "Hrkt": ("Jpan",),
    "Hang": ("Kore",),
    "Bopo": ("Hanb",),
}
_CJK = frozenset(("Jpan", "Kore", "Hanb"))


@cache
def _script_patterns() -> dict[str, regex.Pattern[str]]:
    patterns = {}
    for code in SCRIPTS:
        try:
            patterns[code] = regex.compile(rf"\p{{scx={code}}}")
        except regex.error:  # a script newer than the installed `regex`: its letters are Zzzz
            continue
    patterns.pop("Zzzz", None)
    return patterns


@lru_cache(maxsize=20_000)
def script_extensions(ch: str) -> frozenset[str]:
    """The scripts `ch` is written in (Unicode's Script_Extensions); empty for a character of
    any script (Common or Inherited: digits, punctuation, combining accents)."""
    if ch.isascii():
        return _LATIN if ch.isalpha() else _NONE
    if _ANY_SCRIPT.match(ch):
        return _NONE
    found = frozenset(code for code, p in _script_patterns().items() if p.match(ch))
    return found or frozenset(("Zzzz",))  # unassigned: a script of its own


_LATIN = frozenset(("Latn",))
_NONE: frozenset[str] = frozenset()


@lru_cache(maxsize=1024)  # a few sets of scripts recur: {Latn}, {Cyrl}, ...
def _augmented(scripts: frozenset[str]) -> frozenset[str]:
    extra = [a for s in scripts for a in _AUGMENT.get(s, ())]
    return scripts | frozenset(extra) if extra else scripts


# Words for the script check: parts of a spelling between spaces and separators. Hyphens,
# apostrophes and dots stay inside, so 'A.Ластаев' with a Latin 'A' is one mixed word.
_WORD = regex.compile(r"[^\s/\\()\[\]{},;:|«»‹›“”„\"]+")


@dataclass(frozen=True)
class MixedWord:
    word: str
    main: str  # the script of most of its letters (short name, e.g. Latn)
    foreign: tuple[str, ...]  # the letters of other scripts, in order, each once


def mixed_script_words(text: str) -> list[MixedWord]:
    """Words of `text` that mix scripts beyond UTS #39's "highly restrictive" level."""
    out = []
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        # format characters (U+061C ARABIC LETTER MARK has Arabic among its scripts) are
        # reported as such (`hidden_characters`), not as letters of a script
        sets = [(ch, script_extensions(ch)) for ch in word if not _HIDDEN.match(ch)]
        sets = [(ch, s) for ch, s in sets if s]
        if not sets or _highly_restrictive([_augmented(s) for _, s in sets]):
            continue
        counts: Counter[str] = Counter(code for _, s in sets for code in s)
        first = sets[0][1]
        top = max(counts.values())
        # the script of most letters; on a tie, the first letter's
        main = next(c for c in (*sorted(first), *counts) if counts[c] == top)
        foreign = tuple(dict.fromkeys(ch for ch, s in sets if main not in s))
        out.append(MixedWord(word, main, foreign))
    return out


def _highly_restrictive(sets: list[frozenset[str]]) -> bool:
    if frozenset.intersection(*sets):
        return True  # a single script (its resolved script set is not empty)
    # Latin with Japanese, Korean, or Chinese with Bopomofo: what is not Latin must resolve
    # to one of them.
    other = [s for s in sets if "Latn" not in s]
    return bool(other) and bool(frozenset.intersection(*other) & _CJK)


def script_name(code: str) -> str:
    return SCRIPTS.get(code, code)


# --- characters that show nothing or reorder the text ---------------------------------------

# Bidirectional controls: they change the order in which the text after them is displayed.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")
# Control and format characters, and the rest of what Unicode says a renderer may show as
# nothing (Default_Ignorable_Code_Point: variation selectors, the Hangul fillers, tags).
_HIDDEN = regex.compile(r"[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]")
# Tabs and line breaks show, and compare, as a space (`names.clean`).
_SPACING_CONTROLS = frozenset("\t\n\r\x0b\x0c\x85")
_JOINERS = "\u200c\u200d"  # ZWNJ and ZWJ: part of the spelling in Persian and Indic scripts
_JOINING_EXEMPT = frozenset(("Latn", "Cyrl", "Grek"))


def hidden_characters(text: str) -> list[tuple[int, str]]:
    """(position, character) of every control, format or default-ignorable character, but
    tabs and line breaks.

    Zero-width (non-)joiners between two letters of a script that uses them (Arabic,
    Persian, Indic scripts) are spelling and are left out.
    """
    out = []
    for m in _HIDDEN.finditer(text):
        at, ch = m.start(), m.group()
        if ch in _SPACING_CONTROLS or (ch in _JOINERS and _joins(text, at)):
            continue
        out.append((at, ch))
    return out


def _joins(text: str, at: int) -> bool:
    before, after = text[at - 1 : at], text[at + 1 : at + 2]
    if not before or not after or not after.isalpha():
        return False
    if not (before.isalpha() or unicodedata.category(before).startswith("M")):
        return False
    scripts = script_extensions(before) | script_extensions(after)
    return bool(scripts) and not (scripts & _JOINING_EXEMPT)


def describe(ch: str) -> str:
    """'U+0391 GREEK CAPITAL LETTER ALPHA'."""
    name = unicodedata.name(ch, "")
    if not name:
        category = unicodedata.category(ch)
        name = "(a control character)" if category == "Cc" else f"(category {category})"
    return f"U+{ord(ch):04X} {name}"


# --- skeletons -----------------------------------------------------------------------------

_DATA = Path(__file__).parent / "unicode" / "confusables.txt"
_IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}+")


@cache
def _prototypes() -> dict[int, str]:
    table: dict[int, str] = {}
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            source, target = line.split(";")
            table[int(source, 16)] = "".join(chr(int(c, 16)) for c in target.split())
    return table


def skeleton(text: str) -> str:
    """UTS #39's skeleton: NFD, default-ignorables removed, each character mapped to its
    prototype in confusables.txt, NFD again. Equal skeletons look alike."""
    text = _IGNORABLE.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", text.translate(_prototypes()))


@lru_cache(maxsize=100_000)
def lookalike_keys(text: str) -> tuple[str, ...]:
    """Keys that are equal for spellings that look alike: the skeleton of the spelling as
    written ('АТМ' in Cyrillic capitals looks like 'ATM'), and the skeleton of its key
    (`names.key`: case and accents set aside, as names are compared; UTS #39 asks that
    case-insensitive identifiers be case-folded before their skeletons are compared), made a
    key again, since a prototype may be a capital ('0' -> 'O')."""
    as_written = skeleton(clean(text))
    folded = key(skeleton(key(text)))
    return (as_written,) if folded == as_written else (as_written, folded)


# --- what the check says -------------------------------------------------------------------


@lru_cache(maxsize=50_000)  # references repeat: the same names in thousands of articles
def spelling_problems(text: str, reference: bool) -> tuple[tuple[bool, str], ...]:
    """(is an error, message) of each problem of a spelling.

    In the registry, anything that hides what a name is, is an error. A reference is
    resolved, not shown (a page shows the entry's own name), so invisible characters that
    comparison ignores are only a warning there; a bidirectional control or a word of mixed
    scripts is still an error, since the reference then reads as a name it does not match.
    """
    if text.isascii() and text.isprintable():  # most names: nothing below can apply
        return ()
    out: list[tuple[bool, str]] = []
    hidden = [ch for _, ch in hidden_characters(text)]
    bidi = list(dict.fromkeys(ch for ch in hidden if ch in BIDI_CONTROLS))
    invisible = list(dict.fromkeys(ch for ch in hidden if ch not in BIDI_CONTROLS))
    if bidi:
        out.append((True, (
            f"{text!r} contains {_listed(bidi)}, a bidirectional control: it changes the "
            "order in which the text after it is shown, so the spelling reads as a name it "
            "is not; delete it and type the name in the order it is read"
        )))  # fmt: skip
    if invisible and reference:
        out.append((False, (
            f"{text!r} contains invisible characters ({_listed(invisible)}); they are ignored "
            "when names are compared, but retype it plainly"
        )))  # fmt: skip
    elif invisible:
        out.append((True, (
            f"{text!r} contains invisible characters ({_listed(invisible)}): a name that "
            "differs from another only by what does not show lets one entry pass for "
            "another; delete them (retype the name plainly)"
        )))  # fmt: skip
    spaces = list(dict.fromkeys(ch for ch in text if ch in NO_BREAK_SPACES))
    if spaces:
        out.append((False, (
            f"{text!r} contains invisible characters ({_listed(spaces)}); they are ignored "
            "when names are compared, but retype it with plain spaces"
        )))  # fmt: skip
    if not unicodedata.is_normalized("NFC", text):
        out.append((False, (
            f"{text!r} is in decomposed Unicode form (NFD: letters and their accents stored "
            "apart, as macOS may save them); it matches the same name, but retype it or save "
            "the file as NFC"
        )))  # fmt: skip
    mixed = mixed_script_words(text)
    if mixed:
        where = "; ".join(
            f"{_listed(m.foreign)} in {m.word!r} among {script_name(m.main)} letters" for m in mixed
        )
        advice = (
            "the registry holds each spelling in one script"
            if reference
            else "a spelling in another script belongs in 'aliases', wholly in that script"
        )
        out.append((True, (
            f"{text!r} mixes scripts within a word: {where}; letters that look alike in two "
            "scripts make one name pass for another: retype "
            f"{'it' if len(mixed) == 1 else 'each word'} in one script ({advice})"
        )))  # fmt: skip
    return tuple(out)


def _listed(chars: Iterable[str]) -> str:
    return ", ".join(map(describe, chars))
