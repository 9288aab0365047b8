"""The annotation workspace without Qt: what an annotator sees of an article and the
commands they give, written through the store. The GUI is a view of this."""
