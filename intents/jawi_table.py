"""Build intents/jawi_rumi.txt: the Jawi spelling of every Malay word the NLU knows.

`python -m intents.jawi_table RUMI_JAWI_TSV` reads the Rumi-Jawi word list published as
github.com/goodmami/rumi-jawi (rumi-jawi.tsv, 66,321 pairs of Standard Malay in the spelling of
Dewan Bahasa dan Pustaka's Daftar Ejaan Rumi-Jawi, compiled by Mohd Zamri Murah, corrected by
Michael Wayne Goodman and Faizah Binte Zakaria) and keeps the words of our Malay training data
plus common Malay function words: a few thousand pairs instead of 66,000. Words of the Patani
dialect have no standard Jawi spelling and are not in the list; place names of the region are
added from intents/jawi_places.txt, each with its source.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from .dataset import load_training_data
from .jawi import fold_jawi

TABLE_PATH = Path(__file__).with_name("jawi_rumi.txt")
_RUMI_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
# Words of everyday Malay requests, so that a Jawi message around a known word reads whole.
COMMON_WORDS = """
saya aku kami kita kamu awak anda engkau dia mereka beliau ini itu sini situ sana yang dan
atau tetapi tapi kerana sebab jika kalau supaya untuk bagi kepada daripada dari pada di ke
dengan tentang mengenai pasal oleh sudah telah belum akan sedang masih lagi juga pun hanya
sahaja saja tidak bukan jangan ada tiada apa siapa mana bila bilakah mengapa kenapa bagaimana
berapa adakah bolehkah mahu hendak ingin perlu harus mesti boleh dapat bisa tolong sila minta
mohon terima kasih maaf selamat pagi petang malam tengah hari esok semalam kelmarin sekarang
nanti dahulu dulu baru lama minggu bulan tahun hari jam pukul satu dua tiga empat lima enam
tujuh lapan sembilan sepuluh seratus ribu juta banyak sedikit semua setiap lain sama besar
kecil baik buruk susah senang orang anak ibu bapa emak ayah suami isteri keluarga kawan rumah
kampung negeri wilayah daerah bandar jalan sekolah hospital masjid pejabat kerja bekerja
pekerja pekerjaan majikan gaji upah wang duit bayar dibayar membayar beri memberi ambil
mengambil buat membuat pergi datang balik pulang tahu faham tanya bertanya jawab menjawab
cakap bercakap beritahu lihat tengok cari mencari guna menggunakan daftar mendaftar tukar
menukar semak hantar menghantar terima menerima tunggu dapatkan sakit cedera mati hidup
""".split()


def vocabulary() -> Counter[str]:
    """Malay words of the training data, most frequent first, and the common words above."""
    counts: Counter[str] = Counter()
    for example in load_training_data():
        if example.text.isascii() or not re.search(r"[\u0e01-\u0e5b]", example.text):
            counts.update(_RUMI_WORD.findall(example.text.lower()))
    counts.update({word: 1 for word in COMMON_WORDS})
    return counts


def build(tsv: Path, words: Counter[str]) -> dict[str, str]:
    """Folded Jawi spelling -> Rumi word; where spellings collide the more frequent word wins."""
    table: dict[str, str] = {}
    with tsv.open(encoding="utf-8") as lines:
        next(lines)  # header: rumi, jawi
        for line in lines:
            rumi, _, jawi = line.rstrip("\n").partition("\t")
            rumi = rumi.strip().lower()
            if rumi not in words or not jawi:
                continue
            key = fold_jawi(jawi)
            if key not in table or words[rumi] > words[table[key]]:
                table[key] = rumi
    return table


def write(table: dict[str, str], path: Path = TABLE_PATH) -> None:
    header = (
        "# Jawi -> Rumi, one word a line (folded Jawi, tab, Rumi). Built by intents/jawi_table.py\n"
        "# from github.com/goodmami/rumi-jawi rumi-jawi.tsv (Dewan Bahasa dan Pustaka spelling,\n"
        "# compiled by Mohd Zamri Murah; 'free to use'), restricted to the NLU's vocabulary.\n"
    )
    body = "".join(f"{jawi}\t{rumi}\n" for jawi, rumi in sorted(table.items()))
    path.write_text(header + body, encoding="utf-8")


if __name__ == "__main__":
    built = build(Path(sys.argv[1]), vocabulary())
    write(built)
    print(f"{len(built)} Jawi spellings -> {TABLE_PATH}")
