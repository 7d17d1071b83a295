"""The lookup key of a name: how every table (actors, agents, gazetteer, registry) indexes names.

"Najib Mikati", "NAJIB MIKATI" and "Najib Mīkātī" share one key; so do "U.S." and "US",
"Tigray People's Liberation Front" and "Tigray Peoples Liberation Front".
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "_": " ", "-": " ", "–": " "})
_POSSESSIVE = re.compile(r"'s?$")
_INNER_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")   # "People's" -> "peoples", "Ta'ang" -> "taang"
_SPACES = re.compile(r"\s+")


_PLAIN = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*")


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    """Lower-case, accent-free, dot-free form used as the key of every lookup."""
    if _PLAIN.fullmatch(text):  # most names: nothing to fold but the case (and loading the table is faster)
        return text.lower()
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _INNER_APOSTROPHE.sub("", _POSSESSIVE.sub("", text.strip())).replace(".", "")
    return _SPACES.sub(" ", text).strip()
