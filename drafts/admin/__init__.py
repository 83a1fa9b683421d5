"""Admin of the drafts app: `editing` (working copy, publishing, versions and sections) and
`policy` (renditions, approval, adoptions)."""

from drafts.admin import editing, policy  # noqa: F401
