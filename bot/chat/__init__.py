"""One event's trip: webhook → events → dispatch → a feature's handler or flow → reply."""
