"""Domain model and codebook: plain Python, no Qt, no SQL."""
