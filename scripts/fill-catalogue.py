"""Write Malay forms into bot/locale/ms/LC_MESSAGES/messages.po from a Python file of pairs.

    python scripts/fill-catalogue.py pairs.py     # pairs.py defines MS = {thai msgid: malay}

For engineers adding many messages at once; translators may as well edit the .po file directly.
An entry already translated is overwritten only if the pairs file has it; fuzzy marks are cleared
for the entries written.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOGUE = Path(__file__).resolve().parent.parent / "bot/locale/ms/LC_MESSAGES/messages.po"


def main(pairs_file: str) -> None:
    pairs: dict[str, str] = runpy.run_path(pairs_file)["MS"]
    with CATALOGUE.open("rb") as po:
        catalogue = read_po(po, locale="ms")
    unknown = [msgid for msgid in pairs if msgid not in catalogue]
    for msgid, malay in pairs.items():
        message = catalogue.get(msgid)
        if message is not None:
            message.string = malay
            message.flags.discard("fuzzy")
    with CATALOGUE.open("wb") as po:
        write_po(po, catalogue, width=100, sort_by_file=True)
    for msgid in unknown:
        print(f"not in the catalogue (run `make messages` first?): {msgid!r}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
