"""Feature extractors. Each is a module with the same shape (see HOUSE_STYLE §4):

- ``COLUMNS``: the table's column names, in order;
- ``iter_<feature>(doc, *, lexicon=None, codebook=None)``: frozen records;
- ``extract(docs, *, codebook=None) -> pandas.DataFrame``: the tidy table;
- ``json_rows(doc, *, codebook=None)``: the objects ``mbt extract NAME`` prints
  (without ``doc``, which the CLI adds).

``REGISTRY`` maps the feature name used on the command line to its module, which
is imported only when used.
"""
from __future__ import annotations

import importlib
from types import ModuleType

REGISTRY: dict[str, str] = {
    "attribution": "toolkit.features.attribution",
    "passive": "toolkit.features.passive",
    "agency": "toolkit.features.agency",
    "denials": "toolkit.features.denials",
    "all": "toolkit.features.all",  # pseudo-feature: every extractor above, tagged once
}


def get(name: str) -> ModuleType:
    """The extractor module registered as ``name``."""
    if name not in REGISTRY:
        raise KeyError(f"unknown feature {name!r}; known: {', '.join(sorted(REGISTRY))}")
    return importlib.import_module(REGISTRY[name])
