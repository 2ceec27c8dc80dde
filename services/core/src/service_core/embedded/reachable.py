"""Where an unprivileged PostgreSQL can reach its binaries and its data when the stack is started as root.

PostgreSQL refuses to run as root, so as root it runs as a system user. That user cannot enter a private
folder (a `mktemp -d`, root's own home), and the project's virtual environment or data folder may sit in
one. Rather than widening the permissions of the user's folders, whatever the server user cannot reach
is placed under a root-owned state folder every user may traverse (`MIEUX_SHARED_STATE_DIR`, default
/var/lib/mieux): the binaries as a copy made once per installed build, a data folder as a cluster there
with a symlink at the requested place. Clusters whose symlink has gone (a deleted checkout or test
folder) are removed at the next start.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tempfile
from pathlib import Path

import psutil


def shared_state_dir() -> Path:
    return Path(os.environ.get("MIEUX_SHARED_STATE_DIR", "/var/lib/mieux"))


def reachable_by_others(path: Path) -> bool:
    """Every folder from the root down to `path` may be traversed by a user who owns none of them."""
    for folder in [path, *path.parents]:
        try:
            if not folder.stat().st_mode & stat.S_IXOTH:
                return False
        except OSError:
            return False
    return True


def _open_folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for folder in [path, *path.parents]:
        if folder == shared_state_dir().parent:
            break
        folder.chmod(folder.stat().st_mode | 0o755)
    return path


def _readable_tree(path: Path) -> None:
    for folder, _subfolders, files in os.walk(path):
        os.chmod(folder, 0o755)
        for name in files:
            file = Path(folder, name)
            if not file.is_symlink():
                file.chmod(file.stat().st_mode | 0o044 | (0o011 if file.stat().st_mode & 0o100 else 0))


def server_binaries(bin_dir: Path) -> Path:
    """`bin_dir` itself, or a copy the server user can reach (made once per build).

    The wheel's binaries find their libraries through an rpath relative to themselves
    (`$ORIGIN/../../../<package>.libs`), so the copy keeps the package folder and its `.libs` sibling."""
    if reachable_by_others(bin_dir) and (bin_dir / "postgres").stat().st_mode & stat.S_IXOTH:
        return bin_dir
    install = bin_dir.parent
    package = install.parent
    build = (bin_dir / "postgres").stat()
    tag = hashlib.sha256(f"{install}:{build.st_size}:{build.st_mtime_ns}".encode()).hexdigest()[:12]
    target = _open_folder(shared_state_dir() / "pgserver") / f"{install.name}-{tag}"
    copied_bin = target / package.name / install.name / bin_dir.name
    if not (copied_bin / "postgres").exists():
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".copy-"))
        try:
            shutil.copytree(install, staging / "site" / package.name / install.name, symlinks=True)
            for libs in package.parent.glob(f"{package.name}.libs"):
                shutil.copytree(libs, staging / "site" / libs.name, symlinks=True)
            _readable_tree(staging / "site")
            try:
                (staging / "site").rename(target)
            except OSError:
                if not (copied_bin / "postgres").exists():  # not a concurrent copy that won
                    raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return copied_bin


def server_data_dir(requested: Path) -> Path:
    """Where the cluster for `requested` lives: there, or under the state folder behind a symlink."""
    requested = Path(os.path.abspath(requested))
    if requested.is_symlink() or reachable_by_others(requested.parent):
        return requested.resolve()
    if requested.exists():  # a cluster made before this rule: keep it where it is
        return requested
    clusters = _open_folder(shared_state_dir() / "clusters")
    _remove_orphans(clusters)
    key = hashlib.sha256(str(requested).encode()).hexdigest()[:16]
    real = clusters / key
    real.mkdir(exist_ok=True)
    (clusters / f"{key}.origin").write_text(str(requested))
    requested.parent.mkdir(parents=True, exist_ok=True)
    requested.symlink_to(real, target_is_directory=True)
    return real


def remove_data_dir(requested: Path) -> None:
    """Remove a cluster's data wherever it lives (test clusters are thrown away after the session)."""
    requested = Path(os.path.abspath(requested))
    if requested.is_symlink():
        real = requested.resolve()
        requested.unlink()
        shutil.rmtree(real, ignore_errors=True)
        real.with_name(f"{real.name}.origin").unlink(missing_ok=True)
    else:
        shutil.rmtree(requested, ignore_errors=True)


def _remove_orphans(clusters: Path) -> None:
    for origin in clusters.glob("*.origin"):
        real = clusters / origin.stem
        requested = Path(origin.read_text())
        if requested.is_symlink() and requested.resolve() == real:
            continue
        if _postmaster_alive(real):
            continue
        shutil.rmtree(real, ignore_errors=True)
        origin.unlink(missing_ok=True)


def _postmaster_alive(data_dir: Path) -> bool:
    try:
        pid = int((data_dir / "postmaster.pid").read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return False
    return psutil.pid_exists(pid)
