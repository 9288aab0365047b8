"""Training a spaCy pipeline on a project's annotations: the config checked first, then the
corpus exported, then spaCy's own training loop, whose printing goes to stderr."""

from __future__ import annotations

import collections
import contextlib
import difflib
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.codebook import Codebook
from annotator.core.errors import InputError, ModelError, UsageError
from annotator.formats.registry import ExportReport
from annotator.services.exporting import export_project
from annotator.store import Store


@dataclass
class TrainingResult:
    report: ExportReport
    scores: dict[str, Any]
    model: Path


def train_project(
    store: Store,
    out: Path,
    codebook: Codebook,
    *,
    annotator: str,
    config: Path,
    overrides: dict[str, Any],
    dev_ratio: float = 0.2,
    seed: int = 0,
) -> TrainingResult:
    """Export `annotator`'s corpus to OUT/corpus (replaced whole on each run) and train OUT/model on it.

    RAISES, before anything is exported: (InputError) the config cannot be read or lacks
    [nlp], [training] or paths.train/paths.dev; (UsageError) an override names no setting of
    it. (ExportError): nothing to export. (ModelError): spaCy's training stopped.
    """
    check_config(config, overrides)
    corpus = out / "corpus"
    report = export_project(
        store, "spacy", corpus, codebook, annotator=annotator, dev_ratio=dev_ratio, seed=seed, force=True
    )
    scores = train(corpus, out / "model", config, overrides)
    return TrainingResult(report, scores, out / "model" / "model-best")


def check_config(config: Path, overrides: dict[str, Any]) -> None:
    """The config is UTF-8 text spaCy parses, has [nlp], [training] and the paths annotator
    fills, every override names one of its settings, and it loads with the overrides train()
    applies. RAISES (InputError) naming the file and the fix; (UsageError) for a --set key."""
    from confection import ConfigValidationError
    from spacy.util import load_config_from_str

    text = _read_config(config)
    try:
        parsed = load_config_from_str(text, interpolate=False)
    except ConfigValidationError as exc:
        raise InputError(
            config, f"not a readable spaCy config ({_detail(exc)}); compare it with {_bundled()}"
        ) from None
    missing = [section for section in ("nlp", "training") if section not in parsed]
    if missing:
        raise InputError(
            config,
            f"has no [{'] or ['.join(missing)}] section; a spaCy training config needs [nlp] and "
            f"[training]: start from {_bundled()} or `python -m spacy init config`",
        )
    settings = sorted(_settings(parsed))
    for key in ("paths.train", "paths.dev"):
        if key not in settings:
            raise InputError(
                config,
                f"has no {key} setting; annotator train fills paths.train and paths.dev: "
                "add a [paths] section with train = null and dev = null",
            )
    for key in overrides:
        if key not in settings:
            raise UsageError(_no_such_setting(key, config, settings))
    try:
        load_config_from_str(text, overrides=_with_corpus(Path("corpus"), overrides), interpolate=True)
    except ConfigValidationError as exc:
        raise InputError(
            config, f"not a usable spaCy config ({_detail(exc)}); check it and the --set values"
        ) from None


def _read_config(config: Path) -> str:
    try:
        return config.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            config,
            f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at position {exc.start}); "
            "save the config as UTF-8",
        ) from None
    except OSError as exc:
        raise InputError(
            config, f"cannot read the config ({exc.strerror or exc}); give a readable spaCy config file"
        ) from None


def _settings(section: Any, prefix: str = "") -> set[str]:
    """Every setting of a config as its dotted key: 'training.optimizer.learn_rate'."""
    keys: set[str] = set()
    for name, value in section.items():
        if isinstance(value, dict):
            keys |= _settings(value, f"{prefix}{name}.")
        else:
            keys.add(f"{prefix}{name}")
    return keys


def _no_such_setting(key: str, config: Path, settings: list[str]) -> str:
    """The refusal of a --set key, with the setting most likely meant."""
    section, _, name = key.rpartition(".")
    own = [s.rpartition(".")[2] for s in settings if s.rpartition(".")[0] == section]
    inside = [s for s in settings if s.startswith(key + ".") and "@" not in s]
    if own:  # the section exists: a typo of one of its keys
        close = [f"{section}.{match}" for match in difflib.get_close_matches(name, own, n=1)]
    else:
        close = difflib.get_close_matches(key, settings, n=1)
    if inside:
        hint = f"{key} is a section, not a setting; give one of its settings, e.g. {inside[0]}"
    elif close:
        hint = f"did you mean {close[0]}?"
    else:
        hint = "give section.key as written in the config, e.g. training.max_steps=500"
    return f"--set {key}: no such setting in {config}; {hint}"


def _detail(exc: Any) -> str:
    """What confection's ConfigValidationError says, on one line."""
    if exc.errors:
        return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors)
    lines = [line.strip() for line in (exc.desc or "").splitlines() if line.strip()]
    return next((line for line in lines if not line.startswith("Make sure")), exc.title or "invalid")


def _bundled() -> Path:
    from annotator.paths import resources_dir

    return resources_dir() / "training.cfg"


def _with_corpus(corpus: Path, overrides: dict[str, Any]) -> dict[str, Any]:
    """The overrides train() hands spaCy: the corpus paths, then the user's --set values."""
    return {"paths.train": str(corpus / "train.spacy"), "paths.dev": str(corpus / "dev.spacy"), **overrides}


def train(corpus: Path, output: Path, config: Path, overrides: dict[str, Any]) -> dict[str, Any]:
    """Run spaCy's own training on an exported corpus; returns model-best's scores.

    spaCy prints its progress table with print(): it goes to stderr, so that our stdout holds
    only our own lines. spaCy stops on a bad config with msg.fail (print, then sys.exit): that
    exit, or its ConfigValidationError, becomes a ModelError saying what spaCy said.
    """
    from confection import ConfigValidationError
    from spacy.cli.train import train as spacy_train

    said = _Tee(sys.stderr)
    try:
        with contextlib.redirect_stdout(said):
            spacy_train(config, output, overrides=_with_corpus(corpus, overrides))
    except ConfigValidationError as exc:
        raise ModelError(_stopped(_detail(exc), config)) from None
    except SystemExit as exc:
        if exc.code in (0, None):
            raise
        raise ModelError(_stopped(said.failure() or f"exit code {exc.code}", config)) from None
    for folder in (output / "model-best", output / "model-last"):
        if (folder / "meta.json").is_file():
            stamp_version(folder)
    meta = json.loads((output / "model-best" / "meta.json").read_text(encoding="utf-8"))
    return meta.get("performance", {})


def stamp_version(folder: Path) -> str:
    """Write into `folder`'s meta.json a version unique to its weights, `0.0.0+<12 hex>` (the
    config's version, else spaCy's 0.0.0, then the first 12 hex digits of `files_digest`,
    which leaves meta.json out): every retrained model says which one it is, in `annotator
    suggest`'s output, the workspace and `spacy package`. Returns the version."""
    from annotator.nlp.model_files import files_digest

    path = folder / "meta.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    base = str(meta.get("version") or "0.0.0").split("+", 1)[0]
    meta["version"] = f"{base}+{files_digest(folder)[:12]}"
    path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return meta["version"]


def _stopped(detail: str, config: Path) -> str:
    return f"spaCy's training stopped: {detail}; check {config} and the --set values"


class _Tee(io.TextIOBase):
    """Writes through to `target` and keeps the last lines, to tell what spaCy failed with."""

    def __init__(self, target: Any) -> None:
        self.target = target
        self.lines: collections.deque[str] = collections.deque(maxlen=50)
        self.partial = ""

    def write(self, text: str) -> int:
        self.target.write(text)
        *done, self.partial = (self.partial + text).split("\n")
        self.lines.extend(done)
        return len(text)

    def flush(self) -> None:
        self.target.flush()

    def failure(self) -> str:
        """spaCy's last '✘ title' line and what follows it, on one line."""
        lines = [_plain(line) for line in [*self.lines, self.partial] if _plain(line)]
        marks = [n for n, line in enumerate(lines) if line.startswith("✘")]
        if not marks:
            return lines[-1] if lines else ""
        title, *rest = lines[marks[-1] :]
        return ": ".join([title.lstrip("✘ ").strip(), *rest[:3]])


def _plain(line: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", line).strip()
