"""PySide6 views and controllers over the workspace session; the only layer that imports Qt."""
