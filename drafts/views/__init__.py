"""Views of the drafts app: `versions` (reading, comparing, downloading) and `policy` (the
approved policy, verifying a copy, the adoption register)."""
