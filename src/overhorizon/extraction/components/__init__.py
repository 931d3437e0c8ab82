"""One module per pipeline component; they are registered by name in ``extraction.registry``."""
