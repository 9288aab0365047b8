"""Agreement and evaluation measures as pure functions over plain data."""
