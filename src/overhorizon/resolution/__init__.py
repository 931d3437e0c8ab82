"""Resolution: which names are one group or person, and which reports one attack.

    from overhorizon.resolution import NameMatcher, NameIndex, run

    NameMatcher().compare("Qasem Soleimani", "قاسم سلیمانی")   # score, decision, explanation
    run(store)                                                # merge, and queue for review

Decisions are judgements in the store (who, when, why), never rewrites of statements; any
of them can be undone. See docs/resolution.md.
"""

from overhorizon.resolution.index import NameIndex
from overhorizon.resolution.names import MATCH, POSSIBLE, MatchResult, NameMatcher
from overhorizon.resolution.review import RunReport, run

__all__ = ["MATCH", "POSSIBLE", "MatchResult", "NameIndex", "NameMatcher", "RunReport", "run"]
