"""Reference knowledge: curated seed groups and the UN Security Council sanctions list."""
