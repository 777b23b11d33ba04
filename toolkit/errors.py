"""Error types of the toolkit.

Every error says *where* (file, line/record, field, document, stage) and, where
there is one, *what to do*. Batch code catches :class:`DocumentError` per
document and records it in an ``errors`` table instead of stopping.
"""
from __future__ import annotations


class ToolkitError(Exception):
    """Base class of every error the toolkit raises on purpose."""


class CorpusError(ToolkitError):
    """A corpus record or file is invalid.

    >>> str(CorpusError("bad date 'x'", path="a.jsonl", line=3, field="published"))
    "a.jsonl:3: field 'published': bad date 'x'"
    """

    def __init__(self, message: str, *, path: str | None = None,
                 line: int | None = None, field: str | None = None):
        self.message, self.path, self.line, self.field = message, path, line, field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        fld = f" field '{self.field}':" if self.field else ""
        return f"{where}:{fld} {self.message}"


class DocumentError(ToolkitError):
    """One document failed in one processing stage (the rest of a run goes on)."""

    def __init__(self, doc_id: str, stage: str, reason: str):
        self.doc_id, self.stage, self.reason = doc_id, stage, reason
        super().__init__(f"document {doc_id!r}, stage {stage!r}: {reason}")


class ResourceMissing(ToolkitError):
    """A required NLTK resource (or other external resource) is not installed."""

    def __init__(self, resource: str, fix: str):
        self.resource, self.fix = resource, fix
        super().__init__(f"missing resource {resource!r}. {fix}")


class ExportError(ToolkitError):
    """A figure or table could not be written."""
