/* Files in and out of the browser: downloads, and reading a chosen file as an answers document
   (an answers file, or a filled tool PDF read by pdf.js, which is imported only then). */

import { answersDocument, checkFileSize, parseAnswersFile } from './answers.js';
import { SITE, loadSpecs } from './site.js';

/** Offers `blob` as a download named `filename`. */
export function downloadBlob(blob, filename) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

/** Offers `doc` as a JSON download named `filename`. */
export function downloadJson(doc, filename) {
  downloadBlob(new Blob([JSON.stringify(doc, null, 2) + '\n'], { type: 'application/json' }), filename);
}

/** Whether a chosen file is meant as a PDF: by its type, its name or its first bytes. */
async function isPdf(file) {
  if (file.type === 'application/pdf' || /\.pdf$/i.test(file.name)) return true;
  const head = new Uint8Array(await file.slice(0, 5).arrayBuffer());
  return String.fromCharCode(...head) === '%PDF-';
}

/** The answers document in a chosen file: an answers file as it is, or a filled tool PDF as a
    document holding its one tool (recognised from its field names). Throws plain messages;
    files over the size limits are refused before they are read. */
export async function readAnswersDocument(file) {
  if (!(await isPdf(file))) {
    checkFileSize(file.name, file.size);
    return parseAnswersFile(file.name, await file.text());
  }
  const start = performance.now();
  const { MAX_PDF_BYTES, PdfImportError, readPdfAnswers } = await import('./pdf.js');
  if (file.size > MAX_PDF_BYTES) throw new PdfImportError(file.name, 'tooLarge');
  const specs = await loadSpecs();
  const { slug, answers } = await readPdfAnswers(await file.arrayBuffer(), file.name, specs);
  const spec = specs.find((s) => s.slug === slug);
  performance.measure('ps-cope:pdf-read', { start }); // read by `make bench`
  return answersDocument({ [slug]: { version: spec.version, updated: null, answers } }, SITE);
}
