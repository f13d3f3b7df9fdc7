"""The chat page at linesim's root, driven in Debian's headless Chromium."""
