"""Commands of the ingest stage (registered on the shared app)."""
