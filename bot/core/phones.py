"""Thai phone numbers: read one that was asked for, and find and mask any inside free text.

Finding uses Google's libphonenumber (the `phonenumbers` port) for Thailand rather than a regex:
it knows which number ranges exist and reads every way people write them, such as
`(081) 234 5678`, `081.234.5678`, `081/234/5678` or `+66 81 234 5678`.
"""

from __future__ import annotations

import re

from phonenumbers import Leniency, PhoneNumberMatcher

MASK = "[เบอร์โทร]"
REGION = "TH"

# Phones often type Thai digits (๐๘๑...); the library reads only ASCII ones. Underscores are
# read as the dashes people meant. Both are one character for one, so positions are kept.
_FOLD = str.maketrans("๐๑๒๓๔๕๖๗๘๙_", "0123456789-")
_NON_DIGITS = re.compile(r"[^\d+]")
# Thai numbers: mobiles 06/08/09 + 8 digits, landlines 0[2-7] + 7 digits; +66 drops the 0.
_THAI_PHONE = re.compile(r"0(?:[689]\d{8}|[2-7]\d{7})")
# A text with no run of digits (Thai or ASCII) cannot hold a number: skip the matcher.
_DIGIT_RUN = re.compile(r"[0-9๐-๙]{2}")


def fold_digits(text: str) -> str:
    """Thai digits as ASCII ones, underscores as dashes; the same length as `text`."""
    return text.translate(_FOLD)


def mask_phone_numbers(text: str) -> str:
    """`text` with every Thai (or +country) phone number replaced by «[เบอร์โทร]»."""
    if not _DIGIT_RUN.search(text):
        return text
    folded = fold_digits(text)
    # VALID: only numbers in ranges that exist, so amounts, dates and case references stay.
    spans = [
        (match.start, match.end)
        for match in PhoneNumberMatcher(folded, REGION, leniency=Leniency.VALID)
    ]
    for start, end in reversed(spans):
        text = text[:start] + MASK + text[end:]
    return text


def normalise_phone(text: str) -> str | None:
    """A Thai phone number in 0XXXXXXXXX form, or None when `text` is not one."""
    digits = _NON_DIGITS.sub("", fold_digits(text.strip()))
    if digits.startswith("+66"):
        digits = "0" + digits[3:]
    elif digits.startswith("66") and len(digits) in (10, 11):
        digits = "0" + digits[2:]
    return digits if _THAI_PHONE.fullmatch(digits) else None
