"""Data shipped with the package: the sample corpus and the reference seed."""
