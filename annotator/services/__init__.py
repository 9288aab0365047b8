"""Use cases over the store: import, export, suggest, evaluate, load annotations, open a
project. Each is a plain function taking a `Store`; the CLI and the GUI call these."""
