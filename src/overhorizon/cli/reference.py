"""Commands of the reference stage (registered on the shared app)."""
