"""Authorities' names, as registered and as matched (pure).

An authority's id is issued once per institution (`adapters.authorities`), never derived from its name: a
slug of a name written in Arabic, Chinese or Cyrillic letters is empty, and two ministries then shared one
id. The name is stored as typed (NFC). It is matched on a key: compatibility-normalised (NFKC), without
format characters (zero-width spaces, joiners, bidirectional marks, soft hyphens), whitespace collapsed,
case-folded, and prefixed by the country (or regional organisation) the authority belongs to.
"""

from __future__ import annotations

import unicodedata

from requests_service.domain import errors as e


def _without_format_characters(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def matching_name(name: str) -> str:
    """The form two spellings of one institution's name share ("Ministère de l'Intérieur" in NFC or NFD)."""
    plain = _without_format_characters(unicodedata.normalize("NFKC", name))
    return " ".join(plain.split()).casefold()


def registered_name(name: str, field: str) -> str:
    """The name to store: NFC, outer whitespace and format characters trimmed; nothing left is refused."""
    if not matching_name(name):
        raise e.InvalidCommand(
            e.VALIDATION_ERROR, f"{field}: the name is empty (only spaces or invisible characters)", field
        )
    stored = unicodedata.normalize("NFC", name)
    return _strip_outer(stored)


def _strip_outer(text: str) -> str:
    start, end = 0, len(text)
    while start < end and (text[start].isspace() or unicodedata.category(text[start]) == "Cf"):
        start += 1
    while end > start and (text[end - 1].isspace() or unicodedata.category(text[end - 1]) == "Cf"):
        end -= 1
    return text[start:end]


def lookup_key(home: str, name: str) -> str:
    """Country (or organisation) code and matching name: one institution, found again whatever the spelling."""
    return f"{home.upper()}|{matching_name(name)}"
