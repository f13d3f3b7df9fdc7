"""What every feature uses: database, state store, LINE client, jobs, settings, places, dates."""
