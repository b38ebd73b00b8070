"""pikepdf pass over ReportLab's output: what viewers need that ReportLab does not write."""

from __future__ import annotations

import io

import pikepdf


def finish_pdf(data: bytes, lang: str) -> bytes:
    """Copy each radio group's /TU onto its buttons (pdf.js reads it there), set /Lang and show
    the document title; never ask viewers to regenerate appearances; save deterministically."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        root.Lang = pikepdf.String(lang)
        root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        form = root.get("/AcroForm")
        if form is not None:
            if "/NeedAppearances" in form:
                del form.NeedAppearances
            for field in form.Fields:
                tooltip = field.get("/TU")
                for kid in field.get("/Kids", []):
                    if tooltip is not None and "/TU" not in kid:
                        kid.TU = tooltip
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()
