"""Reference knowledge: curated seed groups and the UN Security Council sanctions list.

    from overhorizon.reference import import_un_list, load_seed, seed_records

    load_seed(store)                          # the curated groups, outlets and people
    import_un_list("consolidated.xml", store) # or an https:// URL; 1267 and 1988 regimes

Both write statements with deterministic ids into the store, so running either again adds
nothing, and both give a listed entity the same id, so the seed's aliases and the list's
facts meet on one entity.
"""

from overhorizon.reference.seed import (
    SeedRecord,
    SeedRelation,
    load_seed,
    seed_records,
    seed_relations,
)
from overhorizon.reference.summary import ImportSummary
from overhorizon.reference.un_sanctions import DEFAULT_REGIMES, entity_schema, import_un_list

__all__ = [
    "DEFAULT_REGIMES",
    "ImportSummary",
    "SeedRecord",
    "SeedRelation",
    "entity_schema",
    "import_un_list",
    "load_seed",
    "seed_records",
    "seed_relations",
]
