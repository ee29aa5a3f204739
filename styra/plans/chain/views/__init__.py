"""The goal chain page and its in-place editing, by topic."""
