"""The volunteer registry: registration, its chat flow, and opting out of announcements."""
