"""The directory: place files → validated records → SQLite → in-memory look-ups."""
