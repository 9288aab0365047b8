"""The codebook: entity labels, ACLED event types, roles, actor types and coding rules.

Loaded from a TOML file and validated as a whole; every problem is reported as a
`CodebookError` naming the file and the line of the offending entry.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import CodebookError

#: Keys the workspace binds itself; a label shortcut may not take one of them.
RESERVED_KEYS = frozenset({"A", "X", "E", "TAB", "ENTER", "DELETE", "ESCAPE", "SPACE"})
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_LABEL_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")


@dataclass(frozen=True)
class Label:
    name: str
    shortcut: str
    color: str
    definition: str


@dataclass(frozen=True)
class ActorType:
    inter: int
    name: str
    state_forces: bool = False  # the frame drafter's "actor1 is a state force"
    civilians: bool = False  # the frame drafter's "actor2 is civilians"


@dataclass(frozen=True)
class Role:
    name: str
    labels: tuple[str, ...]
    definition: str
    multiple: bool = False  # may hold several spans; a single-valued role's link is replaced


@dataclass(frozen=True)
class SubEventType:
    name: str
    definition: str
    disorder_type: str


@dataclass(frozen=True)
class EventType:
    name: str
    disorder_type: str
    definition: str
    requires: tuple[str, ...]
    actor2_types: tuple[int, ...]
    sub_event_types: tuple[SubEventType, ...]
    two_sided: bool = False  # the drafter looks for actor2 after the trigger
    weapon_sub_events: bool = False  # a weapon's sub-event type turns a frame into this type
    targets_civilians: bool = False  # frames of this type code civilian_targeting

    def sub_event(self, name: str) -> SubEventType | None:
        return next((s for s in self.sub_event_types if s.name == name), None)


@dataclass(frozen=True)
class FatalityRule:
    id: str
    terms: tuple[str, ...]
    value: int | None
    large_scale_value: int | None
    definition: str


@dataclass(frozen=True)
class PrecisionCode:
    code: int
    name: str
    definition: str


@dataclass(frozen=True)
class Codebook:
    name: str
    version: str
    path: Path
    labels: tuple[Label, ...]
    actor_types: tuple[ActorType, ...]
    roles: tuple[Role, ...]
    event_types: tuple[EventType, ...]
    fatality_rules: tuple[FatalityRule, ...]
    time_precision: tuple[PrecisionCode, ...]
    geo_precision: tuple[PrecisionCode, ...]
    _by_label: dict[str, Label] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_label.update({label.name: label for label in self.labels})

    @property
    def label_names(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.labels)

    def label(self, name: str) -> Label:
        try:
            return self._by_label[name]
        except KeyError:
            known = ", ".join(self.label_names)
            raise CodebookError(self.path, f"label '{name}' is not in the codebook; known: {known}") from None

    def event_type(self, name: str) -> EventType | None:
        return next((e for e in self.event_types if e.name == name), None)

    def actor_type(self, inter: int) -> ActorType | None:
        return next((a for a in self.actor_types if a.inter == inter), None)

    @property
    def state_forces(self) -> int | None:
        """Inter code of the actor type marked `state_forces = true`, if any."""
        return next((a.inter for a in self.actor_types if a.state_forces), None)

    @property
    def civilians(self) -> int | None:
        """Inter code of the actor type marked `civilians = true`, if any."""
        return next((a.inter for a in self.actor_types if a.civilians), None)

    @property
    def weapon_event_type(self) -> EventType | None:
        """The event type marked `weapon_sub_events = true`, if any."""
        return next((e for e in self.event_types if e.weapon_sub_events), None)

    @property
    def civilian_event_type(self) -> EventType | None:
        """The event type marked `targets_civilians = true`, if any."""
        return next((e for e in self.event_types if e.targets_civilians), None)

    def role(self, name: str) -> Role | None:
        return next((r for r in self.roles if r.name == name), None)

    def fatality_rule_for(self, term: str) -> FatalityRule | None:
        """The vague-number rule whose terms include `term` (case-insensitive)."""
        wanted = term.strip().lower()
        return next((r for r in self.fatality_rules if wanted in r.terms), None)


def load_codebook(path: str | Path) -> Codebook:
    """Read and validate a codebook file.

    RAISES (CodebookError): unreadable file, TOML syntax error, missing or wrong-typed
        fields, duplicate names or shortcuts, unknown references; the message names the line.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CodebookError(path, "codebook file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CodebookError(path, f"cannot read codebook: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _toml_error_line(str(exc))
        raise CodebookError(path, f"not valid TOML: {exc}", line=line) from None
    except ValueError as exc:  # a number tomllib parses but Python refuses (over 4,300 digits)
        raise CodebookError(path, f"not valid TOML: {exc}") from None
    except RecursionError:
        raise CodebookError(path, "not valid TOML: arrays or tables nested too deeply to read") from None
    return codebook_from_data(data, path, text)


def codebook_from_data(data: dict[str, Any], path: Path, text: str = "") -> Codebook:
    """Validate parsed TOML `data` as the codebook `path`, whose source `text` locates lines.

    RAISES (CodebookError): as `load_codebook`, for anything the data holds.
    """
    return _Validator(path, text).codebook(data)


def _key_of(lines: list[str], key: str) -> int | None:
    """Line (1-based) of a top-level `key = ...`, if one is written so."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    return next((number for number, line in enumerate(lines, start=1) if pattern.match(line)), None)


def _toml_error_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


class _Validator:
    """Builds a Codebook from parsed TOML, locating each entry's line in the source."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.split("\n")  # TOML lines end at \n only; splitlines() also splits at U+2028

    # -- locating lines ---------------------------------------------------------------------
    def _table_line(self, header: str, index: int) -> int | None:
        """Line (1-based) of the `index`-th `[[header]]` table."""
        pattern = re.compile(rf"^\s*\[\[\s*{re.escape(header)}\s*\]\]")
        seen = -1
        for number, line in enumerate(self.lines, start=1):
            if pattern.match(line):
                seen += 1
                if seen == index:
                    return number
        return None

    def _key_line(self, start: int | None, key: str) -> int | None:
        """Line of `key = ...` in the table beginning at line `start`."""
        if start is None:
            return None
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(start + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if line.lstrip().startswith("["):
                break
            if pattern.match(line):
                return number
        return start

    def fail(self, message: str, line: int | None) -> CodebookError:
        return CodebookError(self.path, message, line=line)

    # -- field helpers ----------------------------------------------------------------------
    def _get(
        self,
        entry: dict[str, Any],
        key: str,
        kind: type | tuple[type, ...],
        where: str,
        line: int | None,
        default: Any = ...,
    ) -> Any:
        if key not in entry:
            if default is not ...:
                return default
            raise self.fail(f"{where}: missing required field '{key}'", line)
        value = entry[key]
        if isinstance(value, bool) or not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            raise self.fail(
                f"{where}: field '{key}' must be {names}, got {value!r}",
                self._key_line(line, key),
            )
        return value

    def _list_of(
        self,
        entry: dict[str, Any],
        key: str,
        kind: type,
        where: str,
        line: int | None,
        default: Any = ...,
    ) -> list[Any]:
        """A list field whose items are all `kind` (tables when `kind` is dict)."""
        items = self._get(entry, key, list, where, line, default)
        wrong = next((item for item in items if isinstance(item, bool) or not isinstance(item, kind)), None)
        if wrong is not None:
            what = {str: "text", int: "whole numbers", dict: "tables"}.get(kind, kind.__name__)
            raise self.fail(
                f"{where}: the items of '{key}' must be {what}, got {wrong!r}", self._key_line(line, key)
            )
        return items

    def _flag(self, entry: dict[str, Any], key: str, where: str, line: int | None) -> bool:
        """An optional true/false field (false when absent)."""
        value = entry.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(
                f"{where}: field '{key}' must be true or false, got {value!r}", self._key_line(line, key)
            )
        return value

    def _once(self, key: str, named: list[tuple[Any, str]], where: str, line: int | None, kind: str) -> None:
        """`key` may be set on one entry only; `named`: (entry, how the message names it) so far."""
        holder = next((name for entry, name in named if getattr(entry, key)), None)
        if holder is not None:
            raise self.fail(
                f"{where}: {key} is already set on {holder}; only one {kind} may set it",
                self._key_line(line, key),
            )

    def _entries(self, data: dict[str, Any], header: str) -> list[tuple[dict[str, Any], int | None]]:
        entries = data.get(header)
        if not isinstance(entries, list) or not entries:
            raise self.fail(f"needs at least one [[{header}]] table", None)
        if not all(isinstance(entry, dict) for entry in entries):
            raise self.fail(f"'{header}' must be written as [[{header}]] tables", _key_of(self.lines, header))
        return [(entry, self._table_line(header, i)) for i, entry in enumerate(entries)]

    # -- sections ---------------------------------------------------------------------------
    def codebook(self, data: dict[str, Any]) -> Codebook:
        name = self._get(data, "name", str, "codebook", 1)
        version = str(self._get(data, "version", (str, int, float), "codebook", 1))
        labels = self.labels(data)
        roles = self.roles(data, {label.name for label in labels})
        actor_types = self.actor_types(data)
        event_types = self.event_types(data, {r.name for r in roles}, {a.inter for a in actor_types})
        return Codebook(
            name=name,
            version=version,
            path=self.path,
            labels=labels,
            actor_types=actor_types,
            roles=roles,
            event_types=event_types,
            fatality_rules=self.fatality_rules(data),
            time_precision=self.precision(data, "time_precision"),
            geo_precision=self.precision(data, "geo_precision"),
        )

    def labels(self, data: dict[str, Any]) -> tuple[Label, ...]:
        labels: list[Label] = []
        names: set[str] = set()
        keys: dict[str, str] = {}
        for entry, line in self._entries(data, "labels"):
            name = self._get(entry, "name", str, "label", line)
            where = f"label '{name}'"
            if not _LABEL_NAME.match(name):
                raise self.fail(f"{where}: names are upper case letters, digits and _", line)
            if name in names:
                raise self.fail(f"{where}: defined twice", self._key_line(line, "name"))
            shortcut = self._get(entry, "shortcut", str, where, line)
            key = shortcut.upper()
            shortcut_line = self._key_line(line, "shortcut")
            if len(shortcut) != 1 or not shortcut.isalnum():
                raise self.fail(f"{where}: shortcut must be one letter or digit", shortcut_line)
            if key in RESERVED_KEYS:
                raise self.fail(
                    f"{where}: shortcut '{shortcut}' is taken by the workspace "
                    f"(reserved: {', '.join(sorted(RESERVED_KEYS))})",
                    shortcut_line,
                )
            if key in keys:
                raise self.fail(f"{where}: shortcut '{shortcut}' is used by '{keys[key]}'", shortcut_line)
            color = self._get(entry, "color", str, where, line)
            if not _COLOR.match(color):
                raise self.fail(f"{where}: color must look like #rrggbb", self._key_line(line, "color"))
            definition = self._get(entry, "definition", str, where, line)
            names.add(name)
            keys[key] = name
            labels.append(Label(name, shortcut, color, definition))
        return tuple(labels)

    def actor_types(self, data: dict[str, Any]) -> tuple[ActorType, ...]:
        result: list[ActorType] = []
        for entry, line in self._entries(data, "actor_types"):
            inter = self._get(entry, "inter", int, "actor type", line)
            if any(a.inter == inter for a in result):
                raise self.fail(f"actor type inter code {inter} defined twice", line)
            where = f"actor type {inter}"
            marks = {key: self._flag(entry, key, where, line) for key in ("state_forces", "civilians")}
            named = [(a, f"actor type {a.inter}") for a in result]
            for key in (k for k, on in marks.items() if on):
                self._once(key, named, where, line, "actor type")
            result.append(ActorType(inter, self._get(entry, "name", str, where, line), **marks))
        return tuple(result)

    def roles(self, data: dict[str, Any], label_names: set[str]) -> tuple[Role, ...]:
        result: list[Role] = []
        for entry, line in self._entries(data, "roles"):
            name = self._get(entry, "name", str, "role", line)
            if any(r.name == name for r in result):
                raise self.fail(f"role '{name}' defined twice", line)
            labels = self._list_of(entry, "labels", str, f"role '{name}'", line)
            unknown = [label for label in labels if label not in label_names]
            if unknown:
                raise self.fail(
                    f"role '{name}': unknown label(s) {', '.join(map(str, unknown))}; "
                    f"known: {', '.join(sorted(label_names))}",
                    self._key_line(line, "labels"),
                )
            definition = self._get(entry, "definition", str, f"role '{name}'", line, "")
            multiple = self._flag(entry, "multiple", f"role '{name}'", line)
            result.append(Role(name, tuple(labels), definition, multiple))
        return tuple(result)

    def event_types(self, data: dict[str, Any], roles: set[str], inters: set[int]) -> tuple[EventType, ...]:
        result: list[EventType] = []
        sub_index = 0
        for entry, line in self._entries(data, "event_types"):
            name = self._get(entry, "name", str, "event type", line)
            where = f"event type '{name}'"
            if any(e.name == name for e in result):
                raise self.fail(f"{where} defined twice", line)
            disorder = self._get(entry, "disorder_type", str, where, line)
            requires = self._list_of(entry, "requires", str, where, line, [])
            bad_roles = [r for r in requires if r not in roles]
            if bad_roles:
                raise self.fail(
                    f"{where}: requires unknown role(s) {', '.join(map(str, bad_roles))}",
                    self._key_line(line, "requires"),
                )
            actor2_types = self._list_of(entry, "actor2_types", int, where, line, [])
            bad_inters = [i for i in actor2_types if i not in inters]
            if bad_inters:
                raise self.fail(
                    f"{where}: actor2_types has unknown inter code(s) {bad_inters}",
                    self._key_line(line, "actor2_types"),
                )
            subs: list[SubEventType] = []
            for sub in self._list_of(entry, "sub_event_types", dict, where, line):
                sub_line = self._table_line("event_types.sub_event_types", sub_index)
                sub_index += 1
                sub_name = self._get(sub, "name", str, f"{where} sub-event type", sub_line)
                if any(s.name == sub_name for s in subs):
                    raise self.fail(
                        f"{where}: sub-event type '{sub_name}' defined twice",
                        self._key_line(sub_line, "name"),
                    )
                subs.append(
                    SubEventType(
                        sub_name,
                        self._get(sub, "definition", str, f"sub-event type '{sub_name}'", sub_line, ""),
                        self._get(
                            sub,
                            "disorder_type",
                            str,
                            f"sub-event type '{sub_name}'",
                            sub_line,
                            disorder,
                        ),
                    )
                )
            if not subs:
                raise self.fail(f"{where}: needs at least one sub-event type", line)
            marks = {
                key: self._flag(entry, key, where, line)
                for key in ("two_sided", "weapon_sub_events", "targets_civilians")
            }
            for key in ("weapon_sub_events", "targets_civilians"):
                if marks[key]:
                    self._once(key, [(e, f"'{e.name}'") for e in result], where, line, "event type")
            result.append(
                EventType(
                    name,
                    disorder,
                    self._get(entry, "definition", str, where, line, ""),
                    tuple(requires),
                    tuple(actor2_types),
                    tuple(subs),
                    **marks,
                )
            )
        return tuple(result)

    def fatality_rules(self, data: dict[str, Any]) -> tuple[FatalityRule, ...]:
        result: list[FatalityRule] = []
        seen_terms: dict[str, str] = {}
        for entry, line in self._entries(data, "fatality_rules"):
            rule_id = self._get(entry, "id", str, "fatality rule", line)
            where = f"fatality rule '{rule_id}'"
            if any(r.id == rule_id for r in result):
                raise self.fail(f"{where} defined twice", line)
            terms = [str(t).lower() for t in self._get(entry, "terms", list, where, line)]
            for term in terms:
                if term in seen_terms:
                    raise self.fail(
                        f"{where}: term '{term}' already belongs to '{seen_terms[term]}'",
                        self._key_line(line, "terms"),
                    )
                seen_terms[term] = rule_id
            value = self._get(entry, "value", int, where, line, None)
            if terms and value is None:
                raise self.fail(f"{where}: a rule with terms needs a 'value'", line)
            if value is not None and value < 0:
                raise self.fail(f"{where}: value must not be negative", self._key_line(line, "value"))
            result.append(
                FatalityRule(
                    rule_id,
                    tuple(terms),
                    value,
                    self._get(entry, "large_scale_value", int, where, line, None),
                    self._get(entry, "definition", str, where, line),
                )
            )
        return tuple(result)

    def precision(self, data: dict[str, Any], header: str) -> tuple[PrecisionCode, ...]:
        result: list[PrecisionCode] = []
        for entry, line in self._entries(data, header):
            code = self._get(entry, "code", int, header, line)
            if any(p.code == code for p in result):
                raise self.fail(f"{header} code {code} defined twice", line)
            result.append(
                PrecisionCode(
                    code,
                    self._get(entry, "name", str, f"{header} {code}", line),
                    self._get(entry, "definition", str, f"{header} {code}", line, ""),
                )
            )
        return tuple(result)
