"""The goal chain pages and their in-place editing, by topic."""
