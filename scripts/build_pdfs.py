"""Write every tool's fillable PDF to a folder without building the site.

python scripts/build_pdfs.py OUTDIR
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader

from macros.fields import pdf_filename
from macros.load import load_tools
from macros.render_pdf import render_pdf


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    outdir = Path(argv[0])
    outdir.mkdir(parents=True, exist_ok=True)
    for tool in load_tools().values():
        start = time.perf_counter()
        data = render_pdf(tool)
        elapsed = (time.perf_counter() - start) * 1000
        path = outdir / pdf_filename(tool)
        path.write_bytes(data)
        pages = len(PdfReader(path).pages)
        print(f"{path}: {pages} pages, {len(data) / 1024:.0f} KB, {elapsed:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
