"""Views of the consultation: `public` (the window, commenting, replies, support, flags) and
`staff` (the moderation queue, triage and answers)."""
