"""Re-fetch the vendored browser library from the npm registry and check it against its record.

    python scripts/vendor_js.py          # npm pack the pinned version, verify, write the files
    python scripts/vendor_js.py --check  # offline: verify the committed files' sha256 only

The record is docs/javascripts/vendor/vendor.json: package, version, the tarball's npm
integrity, and for each vendored file the path it comes from inside the tarball and its sha256.
Nothing is written unless the tarball and every file match the record.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VENDOR_DIR = Path(__file__).resolve().parent.parent / "docs" / "javascripts" / "vendor"
RECORD = VENDOR_DIR / "vendor.json"
NPM_TIMEOUT_S = 300


class VendorError(Exception):
    """A one-line reason the vendored files cannot be fetched or verified."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_record() -> dict:
    try:
        return json.loads(RECORD.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise VendorError(f"cannot read {RECORD}: {exc}") from None


def check(record: dict) -> list[str]:
    """Verify each committed file against its recorded sha256; returns the verified names."""
    for name, entry in record["files"].items():
        path = VENDOR_DIR / name
        if not path.is_file():
            raise VendorError(f"{path} is missing (run `make vendor` to fetch it)")
        if sha256(path.read_bytes()) != entry["sha256"]:
            raise VendorError(
                f"{path} does not match the sha256 in {RECORD.name} "
                "(run `make vendor` to restore the pinned file)"
            )
    return list(record["files"])


def npm_pack(spec: str, dest: Path) -> tuple[Path, str]:
    """The tarball `npm pack` fetched for `spec`, and its integrity as npm reports it."""
    if shutil.which("npm") is None:
        raise VendorError("npm is not installed (install Node.js, which includes npm)")
    try:
        done = subprocess.run(
            ["npm", "pack", spec, "--json", "--pack-destination", str(dest)],
            check=False,
            capture_output=True,
            text=True,
            timeout=NPM_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        raise VendorError(f"`npm pack {spec}` took longer than {NPM_TIMEOUT_S} s") from None
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise VendorError(f"`npm pack {spec}` failed: {lines[-1] if lines else 'no message'}")
    try:
        packed = json.loads(done.stdout)[0]
        return dest / packed["filename"], packed["integrity"]
    except (ValueError, LookupError, TypeError):
        raise VendorError(f"`npm pack {spec}` printed no package description") from None


def fetch(record: dict) -> list[str]:
    """npm pack the pinned version, verify tarball and files, then write the files."""
    spec = f"{record['package']}@{record['version']}"
    with tempfile.TemporaryDirectory() as tmp:
        tarball, integrity = npm_pack(spec, Path(tmp))
        if integrity != record["integrity"]:
            raise VendorError(
                f"{spec} from the registry has integrity {integrity}, "
                f"not the recorded {record['integrity']}"
            )
        contents = {}
        with tarfile.open(tarball, "r:gz") as archive:
            for name, entry in record["files"].items():
                try:
                    member = archive.extractfile(entry["from"])
                except KeyError:
                    member = None
                if member is None:
                    raise VendorError(f"{spec} has no file {entry['from']}")
                data = member.read()
                if sha256(data) != entry["sha256"]:
                    raise VendorError(
                        f"{entry['from']} in {spec} has sha256 {sha256(data)}, "
                        f"not the recorded {entry['sha256']}"
                    )
                contents[name] = data
    for name, data in contents.items():
        (VENDOR_DIR / name).write_bytes(data)
    return list(contents)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only verify the committed files' sha256 (no network)"
    )
    args = parser.parse_args(argv)
    try:
        record = load_record()
        names = check(record) if args.check else fetch(record)
    except VendorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    verb = "verified" if args.check else "fetched and verified"
    print(f"{record['package']}@{record['version']}: {', '.join(names)} {verb}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
