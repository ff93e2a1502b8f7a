"""Danish language layer: spaCy pipeline, sentence splitter, language data."""
