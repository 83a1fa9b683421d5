"""The public pages of the process (`process`) and the offer to collaborate (`collaboration`)."""
