"""Killing the process loses nothing the analyst already did: every action is committed."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from annotator.store import Store


def test_a_killed_session_keeps_every_finished_action(tmp_path: Path, seeds: Path) -> None:
    db = tmp_path / "p.db"
    script = textwrap.dedent(f"""
        import os, signal
        from annotator.core.codebook import load_codebook
        from annotator.services.importing import import_paths
        from annotator.paths import default_codebook_path
        from annotator.store import Store
        from annotator.workspace.session import Session
        store = Store({str(db)!r})
        import_paths(store, [{str(seeds)!r}])
        session = Session(store, "ana", load_codebook(default_codebook_path()))
        session.open(1)
        text = session.state.text
        session.create_span(text.index("Shahrak"), text.index("Shahrak") + 7, "LOCATION")
        frame = session.create_frame(text.index("seized"), text.index("seized") + 6)
        session.update_frame(frame, event_type="Battles", sub_event_type="Armed clash")
        session.mark_done()
        os.kill(os.getpid(), signal.SIGKILL)  # no close, no commit at exit, no cleanup
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == -signal.SIGKILL, result.stderr
    with Store(db) as store:
        [span] = store.spans(1, annotator="ana")
        assert store.article(1)["text"][span["start"] : span["end"]] == "Shahrak"
        [event] = store.events(1, annotator="ana")
        assert (event["event_type"], event["sub_event_type"]) == ("Battles", "Armed clash")
        assert store.status(1, "ana") == "done"
    assert os.path.exists(db)
