"""Analysis: views assembled from statements (events, profiles, summaries)."""
