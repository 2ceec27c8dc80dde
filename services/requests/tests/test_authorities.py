"""Matching names (pure): one institution found again whatever the spelling; different ones never merged."""

from __future__ import annotations

import pytest
from requests_service.domain.authorities import lookup_key, matching_name

INTERIOR, LABOUR = "وزارة الداخلية", "وزارة العمل"  # Egypt's ministries of the interior and of labour


def _full_width(text: str) -> str:
    """The full-width forms of ASCII letters (U+FF21...), as East Asian keyboards may type them."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalpha() else c for c in text)


def test_names_that_share_no_ascii_letter_get_different_keys() -> None:
    assert lookup_key("EG", INTERIOR) != lookup_key("EG", LABOUR)
    assert lookup_key("CN", "公安部") != lookup_key("CN", "民政部")
    assert lookup_key("UA", "Міністерство внутрішніх справ") != lookup_key("UA", "Державна міграційна служба")


@pytest.mark.parametrize(
    ("typed", "again"),
    [
        (INTERIOR, f"  {INTERIOR}\u200f "),  # a right-to-left mark and spaces around it
        ("Ministère de l'Intérieur", "Ministe\u0300re de l'Inte\u0301rieur"),  # NFC and NFD
        ("Direção-Geral\u200b de Imigração", "DIREÇÃO-GERAL DE  IMIGRAÇÃO"),  # a zero-width space, case, spaces
        (_full_width("Ministry OF Labour"), "Ministry of Labour"),  # full-width forms match by NFKC
    ],
)
def test_spellings_of_one_name_share_a_key(typed: str, again: str) -> None:
    assert lookup_key("XX", typed) == lookup_key("XX", again)


def test_the_same_name_in_two_countries_is_two_institutions() -> None:
    assert lookup_key("EG", INTERIOR) != lookup_key("JO", INTERIOR)


def test_invisible_characters_alone_match_nothing() -> None:
    assert matching_name("\u200b\u2060\ufeff") == ""
