"""``all``: every registered extractor over one processed document (tagged once).

Not a feature of its own but a pseudo-feature for ``mbt extract all PATH...``:
:func:`json_rows` runs each real extractor in :data:`toolkit.features.REGISTRY`
(in registry order) on the same :class:`~toolkit.text.ProcessedDoc`, so the
text is tokenised and tagged once however many features run, and yields each
row with a leading ``feature`` field naming the extractor that produced it.

An extractor that cannot be imported (not built yet) is skipped; an extractor
that raises :class:`~toolkit.errors.DocumentError` for this document is
re-raised after the rows of the extractors before it were *not* yielded, so a
document either gives all its rows or an error, never half of them.

>>> "all" in names()
False
>>> from toolkit.text import process
>>> doc = process("Officials said 3 civilians were killed.", doc_id="d1")
>>> sorted({r["feature"] for r in json_rows(doc)})  # doctest: +SKIP
['agency', 'attribution', 'passive']
"""
from __future__ import annotations

import importlib
from collections.abc import Iterator

from . import REGISTRY

#: The pseudo-feature's own columns: ``feature`` then the extractor's columns.
COLUMNS = ("feature",)


def names() -> list[str]:
    """Registered extractors that ``all`` runs (importable ones, registry order)."""
    out = []
    for name, path in REGISTRY.items():
        if name == "all":
            continue
        try:
            importlib.import_module(path)
        except ImportError:
            continue
        out.append(name)
    return out


def json_rows(doc, *, codebook=None) -> Iterator[dict]:
    """Rows of every extractor on ``doc``, each with ``feature`` first.

    Work is shared where one extractor reads another's result: the attribution
    records are found once and serve both as the ``attribution`` output and as
    the rows from which ``agency`` reads ``attributed_to`` (``mbt extract agency`` alone
    runs the attribution extractor for that).
    """
    rows = []
    attributions = None
    for name in names():
        mod = importlib.import_module(REGISTRY[name])
        if name == "attribution":
            from ..pipeline import table_api

            # Attribution.as_dict() rows; agency reads attributed_to from them too
            attributions = table_api(mod)[0](doc, codebook=codebook)
            rows.extend({"feature": name, **{k: v for k, v in r.items() if k != "doc_id"}}
                        for r in attributions)
            continue
        if name == "agency" and attributions is not None:
            found = mod.json_rows(doc, codebook=codebook, attributions=attributions)
        else:
            found = mod.json_rows(doc, codebook=codebook)
        rows.extend({"feature": name, **r} for r in found)
    yield from rows
