"""Turn filled PS-COPE tool PDFs into one answers file the web forms can load.

    python scripts/pdf_to_json.py filled1.pdf [filled2.pdf ...] [-o answers.json]

Each PDF's tool is recognised from its field names. A file that cannot be read is reported on
stderr in one line, `error: “<file>” <what is wrong and what to do>` (the sentences the browser
shows); the others are still written, and the exit code is 1.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.answers import answers_document, tool_entry
from macros.load import load_tools
from macros.pdf_answers import PdfAnswersError, read_filled_tool


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="+", type=Path, help="filled tool PDFs")
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    args = parser.parse_args(argv)
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damage is reported once, as an error

    tools = load_tools()
    entries, failed = {}, False
    for path in args.pdfs:
        try:
            slug, answers = read_filled_tool(path.read_bytes(), tools)
            if slug in entries:
                number = tools[slug]["number"]
                raise PdfAnswersError(
                    "second", f"is a second PDF of Tool {number}. Convert it separately."
                )
            entries[slug] = tool_entry(tools[slug], answers)
        except PdfAnswersError as exc:
            print(f"error: {exc.sentence(str(path))}", file=sys.stderr)
            failed = True
        except OSError as exc:
            print(
                f"error: “{path}” cannot be opened ({exc.strerror or exc}). Check its name "
                "and that you may read it.",
                file=sys.stderr,
            )
            failed = True
    text = json.dumps(answers_document(entries, site="pdf"), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
