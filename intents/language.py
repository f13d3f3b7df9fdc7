"""Which language a message is in: Thai, Malay in Latin letters, or English.

Patani Malay speakers write Malay in Latin letters (rumi); the bot answers in Malay later, but
already needs to know that a message is not Thai. Thai script wins whenever it is a fair share
of the letters, because Thai messages mix in English words ("OT", "work permit").
"""

from __future__ import annotations

import re
from typing import Literal

Language = Literal["th", "ms", "en", "und"]

_THAI = re.compile(r"[\u0e01-\u0e5b]")
_LATIN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_THAI_SHARE = 0.3

# Frequent function words and the domain's words (work, wages, help) in each language.
_MALAY = frozenset(
    """
    saya aku kami kita kamu awak dia mereka nak hendak mahu mau tak tidak nda ndak bukan boleh
    ada apa mana bila berapa macam mano gapo guano kenapa mengapa siapa bagaimana sudah dah
    belum lagi juga dengan untuk dari pada yang ini itu tu ni dan atau ke di kat sini sana
    kerja bekerja pekerja pekerjaan majikan gaji upah bayar duit wang ringgit buruh jabatan
    kerajaan tolong terima kasih selamat pagi petang malam salam assalamualaikum waalaikumsalam
    baik sihat hari bulan tahun orang anak isteri suami rumah kampung negeri pergi balik
    cari mohon daftar aduan adu masalah hak insurans sosial keselamatan kemalangan sakit
    """.split()
)
_ENGLISH = frozenset(
    """
    the a an is are was were be been am i you he she we they it my your our their me him her
    us them this that these those what where when why how who which can could would should
    will do does did not no yes please thanks thank hello hi hey good morning evening bye
    to of in on at for from with about and or but if so
    work job jobs worker workers employer employee salary wage wages pay paid money help
    want need apply register complaint complain office contact phone number social security
    insurance accident injury abroad visa permit training course news agent officer human
    """.split()
)
# Latin words Thai users type that say nothing about the language.
_NEUTRAL = frozenset({"ok", "okay", "line", "id", "lol", "ot", "as", "otp", "sms", "app"})
_MALAY_ENDINGS = ("nya", "kan", "lah", "kah", "ang", "ung")
_ENGLISH_ENDINGS = ("ing", "tion", "ed", "th", "ly")


def detect_language(text: str) -> Language:
    """Return "th", "ms" (Malay in Latin letters), "en", or "und" with nothing to go by."""
    thai_letters = len(_THAI.findall(text))
    words = [w for w in _LATIN_WORD.findall(text.lower()) if w not in _NEUTRAL]
    latin_letters = sum(len(w) for w in words)
    if thai_letters and thai_letters >= _THAI_SHARE * (thai_letters + latin_letters):
        return "th"
    if not words:
        return "th" if thai_letters else "und"
    malay = english = 0.0
    for word in words:
        malay += word in _MALAY
        english += word in _ENGLISH
        if word not in _MALAY and word not in _ENGLISH:
            # An unknown word still leans one way by its shape.
            malay += 0.3 * word.endswith(_MALAY_ENDINGS)
            english += 0.3 * word.endswith(_ENGLISH_ENDINGS)
    if malay > english:
        return "ms"
    if english > malay:
        return "en"
    return "und" if malay == 0 else "en"
