"""Build storyline/data/lexicons/valence.tsv: English words of clearly negative valence, from the
VADER sentiment lexicon (vaderSentiment 3.3.2, MIT licence, (c) 2016 C.J. Hutto; each word's
valence is the mean of ten raters' scores from -4 to +4).

The events stage reads the list: naming something with a word of blame ("called the deal a
mistake", "described the truce as a disaster") is disapproving of it (PLOVER ACCUSE). A general
list of valence, rated by people who never saw a conflict report, keeps the judgement of what is
blame out of the project's hands.

Usage: pip install vadersentiment==3.3.2 && .venv/bin/python scripts/build_valence_words.py
"""
from __future__ import annotations

import importlib.resources
from pathlib import Path

import vaderSentiment

TARGET = Path(__file__).resolve().parent.parent / "storyline" / "data" / "lexicons" / "valence.tsv"
NEGATIVE_AT_MOST = -1.0   # a rater's "somewhat negative" and below; smaller means are hardly polar


def main() -> None:
    text = (importlib.resources.files(vaderSentiment) / "vader_lexicon.txt").read_text(encoding="utf-8")
    negative = sorted({word for word, mean, *_ in (line.split("\t") for line in text.splitlines() if line.strip())
                       if word.isalpha() and word.islower() and float(mean) <= NEGATIVE_AT_MOST})
    lines = ["# Words of negative valence (mean rating <= -1.0 of -4..+4), from the VADER sentiment lexicon",
             "# (vaderSentiment 3.3.2, MIT licence, (c) 2016 C.J. Hutto); rebuilt by",
             "# scripts/build_valence_words.py, not edited by hand. Read by events/triggers.py: a word of",
             "# blame as what a party names something ('called the deal a mistake') is its disapproval.",
             "#   negative   a word of clearly negative valence",
             "word\tlists"] + [f"{word}\tnegative" for word in negative]
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(negative)} words -> {TARGET}")


if __name__ == "__main__":
    main()
