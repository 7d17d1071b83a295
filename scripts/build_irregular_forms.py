"""Build storyline/data/irregular_forms.tsv: the irregular verb and noun forms of English and their
base forms ("struck" -> strike, "held" -> hold, "men" -> man), from the exception tables of the
pinned English model's lemmatizer (en_core_web_sm 3.8.0, MIT licence; storyline/data/SOURCES.md).

The stories layer compares the words of event clauses across reports without a model; a stemmer
folds "proposes" and "proposal" but not "struck" and "strike", which these forms do.

Usage: .venv/bin/python scripts/build_irregular_forms.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from storyline.nlp.parse import load_model  # noqa: E402

TARGET = Path(__file__).resolve().parent.parent / "storyline" / "data" / "irregular_forms.tsv"
PARTS_OF_SPEECH = ("verb", "noun")


def main() -> None:
    exceptions = load_model().get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    forms: dict[str, str] = {}
    for pos in PARTS_OF_SPEECH:
        for form, bases in sorted(exceptions[pos].items()):
            form, base = form.lower(), bases[0].lower()
            if form != base and form.isalpha() and base.isalpha():
                forms.setdefault(form, base)   # a form that is a verb and a noun: the verb's base
    lines = ["# Irregular English forms and their base forms, from the lemma_exc table of en_core_web_sm",
             "# 3.8.0 (MIT licence); rebuilt by scripts/build_irregular_forms.py. Read by stories/text.py.",
             "form\tbase"] + [f"{form}\t{base}" for form, base in sorted(forms.items())]
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(forms)} forms -> {TARGET}")


if __name__ == "__main__":
    main()
