"""The PDF part of the benchmarks on its own (seconds, not minutes): build time of the 13 tool
PDFs cold and cached, and each PDF's pages, size and PDF/UA-1 result (page-validation).

    python scripts/bench_pdf.py [--root DIR] [--runs N]

`--root` measures another checkout's macros/ and tools/ (say, `git archive <commit>` unpacked)
with this script, for before-and-after figures.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=HERE.parent)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    sys.path[:0] = [str(args.root.resolve()), str(HERE)]

    import pikepdf
    from bench_build import time_pdf_files, time_pdf_generation
    from macros.fields import pdf_filename
    from macros.load import load_tools
    from macros.render_pdf import render_pdf

    tools = load_tools()
    render_pdf(next(iter(tools.values())))  # imports and font registration, untimed
    in_process = time_pdf_generation(tools, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        cold, cached = time_pdf_files(tools, args.runs, Path(tmp) / "pdfs")
    print(f"PDF generation, all 13, in one process, no cache: "
          f"{statistics.median(in_process):.2f} s (median of {args.runs})")
    print(f"PDF files as the build gets them (process pool), cold cache: "
          f"{statistics.median(cold):.2f} s; cached: {statistics.median(cached) * 1000:.0f} ms")
    try:
        import page
    except ImportError:
        page = None
    print("\n| PDF | pages | size | PDF/UA-1 rules failed (page-validation) |\n|---|---|---|---|")
    total_pages = total_bytes = 0
    for tool in tools.values():
        start = time.perf_counter()
        data = render_pdf(tool)
        ms = (time.perf_counter() - start) * 1000
        pages = len(pikepdf.open(io.BytesIO(data)).pages)
        failed = (page.validate_pdf_bytes(data, profile="ua1").rules.failed if page else "—")
        total_pages, total_bytes = total_pages + pages, total_bytes + len(data)
        print(f"| {pdf_filename(tool)} | {pages} | {len(data) / 1024:.1f} KB | {failed} |"
              f" <!-- {ms:.0f} ms -->")
    print(f"| all 13 | {total_pages} | {total_bytes / 1024:.1f} KB | |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
