"""Identity and access control: who reads, and the one rule deciding what they may see.

``clearance`` holds the rule and the ``Viewer`` it is applied to (and nothing that imports the
store, which applies the same rule in SQL: ``overhorizon.store.visibility``). The rest is
imported by module: ``identity`` (organisations, users, login), ``tokens`` (API tokens),
``admin`` (who may manage what), ``partners`` (exports under a partner's maximum marking),
``audit_view`` (the audit log for admins).
"""

from overhorizon.policy.clearance import (
    LOCAL_ORG,
    ROLES,
    STRICT_LEVELS,
    Ceiling,
    Viewer,
    may_read,
    tlp_rank,
)

__all__ = ["LOCAL_ORG", "ROLES", "STRICT_LEVELS", "Ceiling", "Viewer", "may_read", "tlp_rank"]
