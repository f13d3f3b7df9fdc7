"""Malay search words: Rumi tokens as the Malay articles write them.

Malay questions and articles are tokenised as Thai ones are (words lower-cased by
bot.content.words); here the Latin tokens lose the punctuation typed around them, Patani Malay
forms become the standard words the articles use, function words that name no topic are
dropped, and the rest lose their commonest affixes (malay_root), so that "menjahit" meets
"jahitan". The dialect forms and their sources are those of intents/README-ms.md (NIU's Pattani
Malay lessons: -an > -e, final -a > -o; the "Dialek Patani" posts; the Kelantan-Pattani Malay
article): only the forms with one standard meaning are mapped.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.content.words import vocabulary

_PUNCTUATION = "()[]{}\"'.,;:!?«»“”‘’"
DIALECT = {
    "gapo": "apa",
    "guano": "bagaimana",
    "bakpo": "kenapa",
    "mano": "mana",
    "sapo": "siapa",
    "bilo": "bila",
    "berapo": "berapa",
    "ado": "ada",
    "buleh": "boleh",
    "tanyo": "tanya",
    "kijo": "kerja",
    "pekerjo": "pekerja",
    "majike": "majikan",
    "ore": "orang",
    "oghe": "orang",
    "pitih": "wang",
    "keno": "kena",
    "royak": "beritahu",
    "ghoyak": "beritahu",
    "ampho": "daerah",
    "changwat": "wilayah",
    "obrom": "kursus",
    "fong": "aduan",
    # Colloquial forms, in Malaysia and Patani alike, of the articles' words.
    "duit": "wang",
    "kecik": "kecil",
    "mintak": "minta",
    # "se-" is "one" before a unit of time: "setahun" (a year, per year) is the "tahun" of
    # "cuti tahunan" and "5 tahun" alike.
    "sejam": "jam",
    "sehari": "hari",
    "seminggu": "minggu",
    "sebulan": "bulan",
    "setahun": "tahun",
    # English as it is typed in Malay chat ("nak report mana", "nak check caruman").
    "report": "aduan",
    "check": "semak",
    "cek": "semak",
    # A number asked for is the hotline the articles name ("talian 1676"), as เบอร์ is read as
    # สายด่วน in Thai (words.yaml).
    "nombor": "talian",
    "telefon": "talian",
}
# Pronouns, particles and question words: they say nothing about which article answers.
# "bagi" is "for" in the articles' Malay and "give" in chat ("tak bagi gaji"): neither names
# a topic. "kena" marks a must or the passive ("kena bayar", "kena pecat") as "boleh" marks a
# can; "dapat" (get, can) is asked of every topic ("dapat gaji", "dapat cuti", "dapat
# pampasan"); Patani "ko" is "ke" (to).
FUNCTION_WORDS = frozenset(
    """
    saya aku sy kami kita awak anda dia mereka ambo kawe sayo demo mung
    ini itu ni tu yang dan atau di ke kat dari daripada pada untuk utk dengan dgn
    ada tak tidak x nak mahu hendak nk kah lah pun juga sudah dah boleh blh
    apa apakah bagaimana macam mcm mana berapa bila kenapa mengapa siapa adakah
    tolong sila terima kasih encik puan tuan cik ya saja sahaja lagi kalau jika
    pasal tentang mengenai tanya nok dok doh hok kalu tok
    bagi
    kena keno tapi tetapi jugak ko dulu dapat
    """.split()
)


# Affixes stripped so that a word meets its root in the articles ("menjahit", "jahitan" and
# "jahit"; "kimpalan" and "kimpal"). Suffixes before prefixes, one of each at most, and only
# where four letters are left: shorter remainders ("bul" of "bulan") are other words. A root
# beginning with a vowel may be three letters after a suffix, "meng-", "peng-" or "di-" ("adu"
# of "aduan", "mengadu", "pengadu", "diadukan"; "uji" of "ujian"): those prefixes meet a vowel
# whole, so what is left is the root. Not after "ter-", "ber-" or "ke-": "terima", "berita"
# and "keadaan" begin with them by chance as often as not. "-i" is kept: it ends too many
# roots ("gaji", "hari", "cuti").
_SUFFIXES = ("kan", "nya", "an")
# A prefix, and for the nasal ones the first letter it took from the root ("menolong" is
# "tolong", "memohon" is "pohon", "menyewa" is "sewa"), which comes back before a vowel.
_PREFIXES = (
    ("meny", "s"),
    ("meng", ""),
    ("mem", "p"),
    ("men", "t"),
    ("me", ""),
    ("peny", "s"),
    ("peng", ""),
    ("pem", "p"),
    ("pen", "t"),
    ("per", ""),
    ("pe", ""),
    ("ber", ""),
    ("be", ""),
    ("ter", ""),
    ("di", ""),
    ("ke", ""),
)
# Roots that begin as a prefix does, by chance: "berita" is not "be-" + "rita", nor "periksa"
# "per-" + "iksa"; stripped, they no longer met their own affixed forms ("memberitahu" is
# "beritahu" after "mem-", "pemeriksa" is "periksa" after "pem-").
_ROOTS = frozenset({"berita", "beritahu", "periksa", "percuma", "perkara", "peguam", "keluarga"})
_VOWELS = frozenset("aeiou")
MIN_ROOT = 4
MIN_VOWEL_ROOT = 3
_BEFORE_A_VOWEL_ROOT = frozenset({"meng", "peng", "di"})


def _long_enough(root: str, short_vowel_root: bool = True) -> bool:
    if short_vowel_root and root[:1] in _VOWELS:
        return len(root) >= MIN_VOWEL_ROOT
    return len(root) >= MIN_ROOT


def malay_root(word: str) -> str:
    """The word without its commonest Malay affixes, the same for a question and an article."""
    if not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and _long_enough(word[: -len(suffix)]):
            word = word[: -len(suffix)]
            break
    if word in _ROOTS:
        return word
    for prefix, dropped in _PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and _long_enough(rest, prefix in _BEFORE_A_VOWEL_ROOT):
            if dropped and rest[0] in _VOWELS:
                rest = dropped + rest
            return rest
    return word


def malay_tokens(tokens: Iterable[str]) -> list[str]:
    """Latin tokens stripped of punctuation, dialect forms made standard, function words out;
    Thai tokens as they were. A word the punctuation hid from words.yaml ("(PPE)" in a title)
    is read as words.yaml reads it bare ("ppe" typed in a question)."""
    read = vocabulary().tokens
    out: list[str] = []
    for token in tokens:
        if not token.isascii():
            out.append(token)
            continue
        word = token.strip(_PUNCTUATION)
        if word != token and word in read:
            out.extend(read[word])
            continue
        word = DIALECT.get(word, word)
        if word and word not in FUNCTION_WORDS:
            out.append(malay_root(word))
    return out
