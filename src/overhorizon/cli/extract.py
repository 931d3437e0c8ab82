"""Commands of the extract stage (registered on the shared app)."""
