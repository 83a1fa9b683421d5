"""Admin for renditions, approval and adoptions (being written)."""
