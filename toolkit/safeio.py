"""Safe file names and atomic writes: the two rules every writer in the toolkit follows.

**File names from ids.** Document ids, outlet names and event ids come from
corpora, that is from outside. A name such as ``../../etc/passwd``, ``CON``,
``a/b`` or a 300-character headline must never choose where a file lands.
:func:`safe_filename` maps any string to one path component: letters, digits,
``.-_`` and ``=`` are kept, everything else becomes ``_``; names that would be
special (``.``, ``..``, empty, Windows device names, a leading dot or dash) are
prefixed; long names are cut. Because different ids can map to the same safe
name (``a/b`` and ``a_b``), a short hash of the original id is appended whenever
anything was changed, so the mapping stays one-to-one in practice.

**Atomic writes.** A cache file, a table or a run output is written to a
temporary file in the same folder and renamed into place (:func:`os.replace`
is atomic on POSIX and Windows), so a reader sees either the old file or the
complete new one, never a half-written file, even when the writer is killed.

>>> safe_filename("reuters-2019-08-21")
'reuters-2019-08-21'
>>> safe_filename("../../etc/passwd")
'_.._.._etc_passwd-3754d6cb3a'
>>> safe_filename("")
'_empty-e3b0c44298'
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: Longest name :func:`safe_filename` returns (before any suffix), well under the
#: 255-byte limit of common file systems.
MAX_NAME = 120

_UNSAFE = re.compile(r"[^A-Za-z0-9._=\-]")
_WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                    *(f"lpt{i}" for i in range(10))}


def safe_filename(name: object, *, suffix: str = "") -> str:
    """A single, safe path component derived from ``name`` (an id), plus ``suffix``.

    The result contains only ``[A-Za-z0-9._=-]``, never starts with ``.`` or
    ``-``, is never a Windows device name, and is at most :data:`MAX_NAME`
    characters before ``suffix``. An id that is already safe is returned
    unchanged; otherwise a 10-hex-digit SHA-256 prefix of the original is
    appended so that distinct ids stay distinct.

    Parameters
    ----------
    name : object
        The id (converted with ``str``).
    suffix : str
        Appended unchanged (e.g. ``".parquet"``); must itself be safe.

    Examples
    --------
    >>> safe_filename("idlib-2019-08", suffix=".csv")
    'idlib-2019-08.csv'
    >>> safe_filename("a/b") != safe_filename("a_b")
    True
    >>> safe_filename("CON")
    '_CON-a3dbc4b644'
    """
    raw = str(name)
    if suffix and _UNSAFE.search(suffix):
        raise ValueError(f"unsafe suffix {suffix!r}")
    out = _UNSAFE.sub("_", raw)
    changed = out != raw
    if not out or out[0] in ".-" or out.split(".")[0].lower() in _WINDOWS_DEVICES:
        out = "_" + (out or "empty")
        changed = True
    if len(out) > MAX_NAME - 11:
        out = out[: MAX_NAME - 11]
        changed = True
    if changed:
        out += "-" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return out + suffix


def safe_child(folder: str | Path, name: object, *, suffix: str = "") -> Path:
    """``folder / safe_filename(name) + suffix``, asserted to stay inside ``folder``.

    >>> safe_child("/tmp/out", "../x", suffix=".json").parent
    PosixPath('/tmp/out')
    """
    folder = Path(folder)
    child = folder / safe_filename(name, suffix=suffix)
    if child.parent != folder:  # cannot happen with safe_filename; kept as a guard
        raise ValueError(f"{name!r} escapes {folder}")
    return child


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it onto ``path`` on success.

    On an exception the temporary file is removed and ``path`` is untouched.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.txt"
    >>> with atomic_path(p) as tmp:
    ...     _ = tmp.write_text("done")
    >>> p.read_text()
    'done'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:40]}.", suffix=".tmp")
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temporary file + rename)."""
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line endings kept) to ``path`` atomically.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "sub" / "m.json"
    >>> atomic_write_text(p, "{}\\n"); p.read_text()
    '{}\\n'
    """
    atomic_write_bytes(path, text.encode("utf-8"))
