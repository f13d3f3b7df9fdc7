"""Requests to talk to staff: recorded from chat, listed and answered in the console."""
