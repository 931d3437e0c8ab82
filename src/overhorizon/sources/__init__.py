"""Sources: reading files, folders, feeds and URLs into documents, and ingesting them."""
