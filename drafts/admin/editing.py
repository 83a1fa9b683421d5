"""Admin for the working copy, publishing, versions and sections (being written)."""
