"""The GUI's one command path as a checked rule: every signal, shortcut, menu and timer of every
module in `gui/` is connected through `command` (so `CommandWindow.run_command` runs it), or is
on a short list below with the reason it need not be; work off the GUI thread reports back
through a command and `background_failed`; only `AnnotatorError` is caught (an OS error at the
edge only to be raised on as a typed error)."""

from __future__ import annotations

import ast
from pathlib import Path

GUI = Path(__file__).resolve().parents[1] / "annotator" / "gui"
WINDOWS = ("qt_main_window.py", "qt_review_window.py")

# Connections that are not user commands: (module, signal as written) -> why not `command`.
NOT_COMMANDS = {
    ("qt_export_dialog.py", "self.buttons.rejected"): "Close only hides the dialog; nothing can fail",
    ("qt_export_dialog.py", "self.progressed"): "a running export's progress, drawn on the bar; "
    "the export's own failure arrives through background_failed",
    ("qt_main_window.py", "QTimer.timeout"): "the clock redraws the counts and the time on the "
    "article in the status bar; it is not a user command",
    ("workers.py", "task.signals.done"): "a task's result, given to the on_done its caller passed "
    "to submit (checked below to be a command)",
    ("workers.py", "task.signals.failed"): "a task's exception, given to the on_error its caller "
    "passed to submit (checked below to end in background_failed)",
}

# Methods of widgets that only turn a control's signal into a signal of the widget itself (view
# state at most); the window connects that signal through `command`: (module, method) -> why.
FORWARDS = {
    ("qt_frame_form.py", "_edit"): "emits `edited` unless the form is being filled",
    ("qt_frame_form.py", "_type_changed"): "refills the sub-event types, then emits through `_edit`",
    ("qt_frame_form.py", "_fatalities_changed"): "emits through `_edit`",
    ("qt_frame_form.py", "_notes_changed"): "emits through `_edit`",
    ("qt_event_panel.py", "_changed"): "emits `frame_selected`",
    ("qt_metadata.py", "_set"): "emits `date_chosen`",
}

# Keyword arguments that connect a signal when a Qt object is made (QTimer(timeout=...)).
SIGNAL_KEYWORDS = {
    "activated", "clicked", "triggered", "toggled", "timeout", "textEdited", "textChanged",
    "returnPressed", "editingFinished", "currentIndexChanged", "valueChanged", "accepted", "rejected",
}  # fmt: skip


def is_command(slot: ast.expr) -> bool:
    """`command(...)` or `<owner>.command(...)`: the slot runs through `run_command`."""
    if not isinstance(slot, ast.Call):
        return False
    func = slot.func
    return (isinstance(func, ast.Name) and func.id == "command") or (
        isinstance(func, ast.Attribute) and func.attr == "command"
    )


def self_attr(node: ast.expr) -> str | None:
    """`name` of `self.name`, else None."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        return node.attr
    return None


def declared_signals(tree: ast.Module) -> set[str]:
    """Class attributes made with `Signal(...)`."""
    return {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        for statement in node.body
        if isinstance(statement, ast.Assign)
        and isinstance(statement.value, ast.Call)
        and ast.unparse(statement.value.func) == "Signal"
        for target in statement.targets
        if isinstance(target, ast.Name)
    }


def forwards(slot: ast.expr, module: str, signals: set[str]) -> bool:
    """The slot only re-emits one of the widget's own signals (or is a listed forwarding method)."""
    if isinstance(slot, ast.Lambda):
        body = slot.body
        if not isinstance(body, ast.Call):
            return False
        if isinstance(body.func, ast.Attribute) and body.func.attr == "emit":
            return self_attr(body.func.value) in signals
        slot = body.func
    name = self_attr(slot)
    return name is not None and (name in signals or (module, name) in FORWARDS)


def signal_name(call: ast.Call) -> str:
    assert isinstance(call.func, ast.Attribute)
    return ast.unparse(call.func.value)


def unrouted(source: str, module: str) -> list[str]:
    """Every connection in `source` (the text of gui/`module`) that does not run a command
    through `command(...)` and is not excused above, as 'module:line: what'."""
    tree = ast.parse(source)
    signals = declared_signals(tree)
    methods = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    problems: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        attr = (
            func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
        )
        where = f"{module}:{node.lineno}"
        if attr == "connect":
            signal = signal_name(node)
            slot = node.args[0] if node.args else None
            if slot is None:
                problems.append(f"{where}: {signal}.connect() without a slot")
            elif not (
                is_command(slot) or (module, signal) in NOT_COMMANDS or forwards(slot, module, signals)
            ):
                problems.append(f"{where}: connect {signal} to {ast.unparse(slot)} through command(...)")
        elif attr == "addAction" and len(node.args) > 1 and not is_command(node.args[-1]):
            problems.append(f"{where}: menu action {ast.unparse(node.args[-1])} not through command(...)")
        elif attr == "submit" and len(node.args) == 4:
            on_done, on_error = node.args[2], node.args[3]
            if not is_command(on_done):
                problems.append(f"{where}: background result {ast.unparse(on_done)} not through command(...)")
            if not reports_through_window(on_error, methods):
                problems.append(
                    f"{where}: background failure {ast.unparse(on_error)} not to background_failed"
                )
        elif attr == "report_failure" and module != "commands.py":
            problems.append(f"{where}: report_failure outside commands.py; use background_failed")
        for keyword in node.keywords:
            if keyword.arg in SIGNAL_KEYWORDS and not is_command(keyword.value):
                signal = f"{ast.unparse(func)}.{keyword.arg}"
                if (module, signal) not in NOT_COMMANDS:
                    problems.append(
                        f"{where}: {signal}={ast.unparse(keyword.value)} not through command(...)"
                    )
    for (listed, name), _reason in FORWARDS.items():
        if listed == module:
            problems += stale_forward(module, name, methods)
    return problems


def reports_through_window(on_error: ast.expr, methods: dict[str, ast.FunctionDef]) -> bool:
    """`<window>.background_failed`, or a method here that ends by calling it."""
    if isinstance(on_error, ast.Attribute) and on_error.attr == "background_failed":
        return True
    method = methods.get(self_attr(on_error) or "")
    if method is None:
        return False
    last = method.body[-1]
    return (
        isinstance(last, ast.Expr)
        and isinstance(last.value, ast.Call)
        and isinstance(last.value.func, ast.Attribute)
        and last.value.func.attr == "background_failed"
    )


def stale_forward(module: str, name: str, methods: dict[str, ast.FunctionDef]) -> list[str]:
    """A listed forwarding method must still only emit: no store, session or model in it."""
    method = methods.get(name)
    if method is None:
        return [f"{module}: FORWARDS lists {name}, which is gone"]
    used = {n.attr for n in ast.walk(method) if isinstance(n, ast.Attribute)}
    calls = {self_attr(n.func) for n in ast.walk(method) if isinstance(n, ast.Call)}
    reached = used & {"store", "session", "model", "reload"}
    if reached:
        return [f"{module}:{method.lineno}: {name} reaches {', '.join(sorted(reached))}"]
    if "emit" not in used and not any((module, c) in FORWARDS for c in calls):
        return [f"{module}:{method.lineno}: {name} no longer emits a signal"]
    return []


def gui_modules() -> list[Path]:
    return sorted(GUI.glob("*.py"))


def test_every_connection_in_the_gui_runs_through_command_or_says_why_not() -> None:
    problems = [p for path in gui_modules() for p in unrouted(path.read_text(encoding="utf-8"), path.name)]
    assert problems == []


def test_the_checker_sees_every_module_that_connects() -> None:
    connecting = {p.name for p in gui_modules() if ".connect(" in p.read_text(encoding="utf-8")}
    assert {"qt_export_dialog.py", "qt_queue.py", "qt_frame_form.py", *WINDOWS} <= connecting
    for module, _ in [*NOT_COMMANDS, *FORWARDS]:
        assert (GUI / module).exists(), f"exception listed for {module}, which is gone"


def test_the_windows_connect_everything_through_command_with_no_exceptions() -> None:
    for window in WINDOWS:
        tree = ast.parse((GUI / window).read_text(encoding="utf-8"))
        connects = [
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute)
            and (n.func.attr == "connect" or (n.func.attr == "addAction" and len(n.args) > 1))
        ]
        assert len(connects) >= 3
        for call in connects:
            assert is_command(call.args[-1]), f"{window}:{call.lineno}: {ast.unparse(call)}"


INJECTED = {
    "a button straight to a method": "self.button.clicked.connect(self.start)",
    "a filter straight to the store": "self.box.currentIndexChanged.connect(lambda _: self.model.reload())",
    "a menu action straight to a method": "menu.addAction('Export', self.show_export)",
    "a shortcut straight to a method": "QShortcut(QKeySequence('F2'), self).activated.connect(self.undo)",
    "a signal made with a slot": "QPushButton('Go', clicked=self.start)",
    "a background result not through command": "workers.submit(pool, run, self.done, self.background_failed)",
    "a background failure shown in a text box": "workers.submit(pool, run, command(self.done), self.show)",
    "a failure shown off the one path": "report_failure(error, self.summary.setPlainText)",
}  # fmt: skip


def test_the_checker_catches_a_direct_connection() -> None:
    for what, line in INJECTED.items():
        assert unrouted(line, "qt_new_widget.py"), what
    fine = (
        "self.button.clicked.connect(self.command(self.start))\n"
        "self.box.currentIndexChanged.connect(command(self._filter))\n"
        "menu.addAction('Export', self.command(self.show_export))\n"
        "self.workers.submit(pool, run, self.command(self._done), self.owner.background_failed)\n"
    )
    assert unrouted(fine, "qt_new_widget.py") == []


def test_the_checker_catches_a_direct_connection_put_into_the_real_queue() -> None:
    source = (GUI / "qt_queue.py").read_text(encoding="utf-8")
    assert unrouted(source, "qt_queue.py") == []
    broken = source.replace(
        "returnPressed.connect(command(self._filter))", "returnPressed.connect(self._filter)"
    )
    assert broken != source
    [problem] = unrouted(broken, "qt_queue.py")
    assert "connect self.search.returnPressed to self._filter through command(...)" in problem


def test_a_forwarding_method_that_starts_reading_the_store_is_caught() -> None:
    source = (GUI / "qt_metadata.py").read_text(encoding="utf-8")
    broken = source.replace("self.date_chosen.emit(text)", "self.store.set_published_at(text)")
    assert broken != source
    assert any("_set" in p for p in unrouted(broken, "qt_metadata.py"))


def typed_errors(tree: ast.Module) -> set[str]:
    """Names imported from `annotator.core.errors` (the `AnnotatorError` family)."""
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "annotator.core.errors"
        for alias in node.names
    }


def translates(handler: ast.ExceptHandler, typed: set[str]) -> bool:
    """The handler only turns the error into a typed one: its body is `raise <typed>(...)`."""
    [*_, last] = handler.body
    raised = last.exc if isinstance(last, ast.Raise) else None
    return (
        len(handler.body) == 1
        and isinstance(raised, ast.Call)
        and isinstance(raised.func, ast.Name)
        and raised.func.id in typed
    )


def test_the_gui_catches_only_annotator_errors() -> None:
    for path in gui_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typed = typed_errors(tree)
        for handler in (n for n in ast.walk(tree) if isinstance(n, ast.ExceptHandler)):
            caught = ast.unparse(handler.type) if handler.type else "everything"
            if caught not in {"AnnotatorError", "Exception", "everything"} and translates(handler, typed):
                continue  # an OS or library error at the edge, raised on as the user error it is
            assert caught in {"AnnotatorError", "Exception"}, f"{path.name}:{handler.lineno} catches {caught}"
            if caught == "Exception":  # only the worker, which hands the exception on to be reported
                assert path.name == "workers.py", f"{path.name}:{handler.lineno} catches Exception"


def test_an_error_caught_and_swallowed_is_not_a_translation() -> None:
    head = "from annotator.core.errors import InputError\ntry:\n    save()\nexcept OSError as exc:\n"
    for body, ok in (("    pass\n", False), ("    raise InputError(path, str(exc)) from None\n", True)):
        tree = ast.parse(head + body)
        [handler] = [n for n in ast.walk(tree) if isinstance(n, ast.ExceptHandler)]
        assert translates(handler, typed_errors(tree)) is ok
