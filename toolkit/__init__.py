"""media-bias-toolkit: measure how news outlets frame the same events.

Three feature families are extracted from news text into tidy tables (one row
per instance, with character offsets): attribution (who speaks, with which
reporting verb), casualty agency (who is made the doer of harm) and denials
(whose denials are reported, against whose accusation). Comparison functions
turn them into outlet x event measures with confidence intervals.
"""
from __future__ import annotations

__version__ = "0.1.0"

from . import actors  # noqa: E402
from .actors import Codebook, load_codebook  # noqa: E402
from .corpus import Article, Corpus, iter_articles, load_corpus  # noqa: E402
from .errors import CorpusError, DocumentError, ResourceMissing, ToolkitError  # noqa: E402
from .pipeline import run, with_articles  # noqa: E402
from .text import ProcessedDoc, process, process_article  # noqa: E402

__all__ = [
    "__version__", "actors", "Codebook", "load_codebook", "Article", "Corpus", "iter_articles",
    "load_corpus", "run", "with_articles", "CorpusError", "DocumentError", "ResourceMissing", "ToolkitError",
    "ProcessedDoc", "process", "process_article",
]

_SUBMODULES = frozenset({
    "batch", "cli", "compare", "corpus", "evaluate", "events", "evidence", "features",
    "figures", "fingerprint", "lexicons", "measures", "pipeline", "provenance", "report",
    "schema", "text",
})


def __getattr__(name: str):
    """Import submodules on first use, so ``tk.measures`` works after ``import toolkit``."""
    if name in _SUBMODULES:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
