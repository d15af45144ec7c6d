"""Demo content for the ``seed_demo`` and ``generate_articles`` commands.

Everything here is fictional and written for the demo: institutions are real,
the events, figures, quotes and documents are not.
"""
