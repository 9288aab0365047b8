"""Team work: merging analysts' project files, measuring their agreement, resolving it into gold."""
