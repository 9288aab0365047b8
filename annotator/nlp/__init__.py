"""Suggestions on spaCy: entity spans from a pretrained pipeline and gazetteer rules,
normalised values, and draft event frames."""
