/* Filled tool PDFs in the browser: read the answers out of a filled PDF (readPdfAnswers) and fill
   a tool's blank PDF with answers (fillPdf). Bytes in, answers or bytes out; no DOM.

   Reading follows one rule set with macros/pdf_answers.py; tests/test_pdf_js.py runs both on the
   same files, so change the two together:
   - refused before parsing: more than MAX_PDF_BYTES; no "%PDF-" in the first 1024 bytes (not a
     PDF); no "%%EOF" in the last 1024 bytes (cut short). Whatever the parser cannot read is
     damaged. A PDF that needs a password to open is refused; one with only a permissions
     (owner) password is read.
   - A field's name is its /T after its parents' /T, joined with "."; text strings are UTF-16 or
     UTF-8 when they start with a byte order mark, else PDFDocEncoding.
   - The PDF's field names are its widgets' names. It is a PDF of the tool sharing most of them
     (the lower number on a tie), provided that tool has at least half of them.
   - Each field of the AcroForm tree gives its own /V; a field still without an answer takes its
     widgets' (in page order): /AS for buttons, /V otherwise. macOS Preview saves a clicked radio
     button by moving /V, /T and /FT onto that button and dropping its /Parent, so the group has
     no value and the answer is only in the orphaned button's /AS.
   - Radio: an option value (name or string, leading "/" dropped; "Off" or anything else is no
     answer). Checkbox: "yes" for any state but Off. Text and dates: as stored, CR and CRLF as LF,
     empty is no answer. The first value found for a field wins.

   The PDF library (docs/javascripts/vendor/, see vendor.json) is imported only when a function
   here runs. */

/** The largest file readPdfAnswers reads; larger ones are refused before parsing. */
export const MAX_PDF_BYTES = 10 * 1024 * 1024;

const LIBRARY = './vendor/pdf-lib.esm.min.js';
const SCAN_BYTES = 1024;
const OFF = 'Off';

/** What is wrong and what to do, after the quoted file name; the same sentences as
    macros/pdf_answers.py. */
const PROBLEMS = {
  tooLarge: `is larger than ${MAX_PDF_BYTES / 1024 / 1024} MB, too large for a filled tool PDF. `
    + 'Check that you chose the right file.',
  notPdf: 'is not a PDF file. Choose the tool PDF you filled in.',
  damaged: 'is damaged or incomplete and cannot be read. '
    + 'Save it again from your PDF reader, or copy it again, and use the new copy.',
  encrypted: 'is password-protected. '
    + 'Open it in your PDF reader, save a copy without a password, and use that copy.',
  noFields: 'has no form fields: it was probably printed to PDF or flattened. '
    + 'Use the fillable PDF you typed your answers into.',
  foreign: 'is not a PS-COPE tool PDF: its form fields are not those of any tool. '
    + 'Use a tool PDF from this site that you filled in.',
};

/** A PDF that cannot be read as a filled tool; the message is one plain sentence for the user. */
export class PdfImportError extends Error {
  constructor(fileName, problem) {
    super(`“${fileName}” ${PROBLEMS[problem]} Nothing was changed.`);
    this.name = 'PdfImportError';
    this.problem = problem;
  }
}

// ------------------------------------------------------------------ reading

/** The tool a filled PDF belongs to and its answers (field name → non-empty string), from the
    tool specs given; throws PdfImportError when the file cannot be read as one of them. */
export async function readPdfAnswers(bytes, fileName, specs) {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const refuse = (problem) => new PdfImportError(fileName, problem);
  if (data.length > MAX_PDF_BYTES) throw refuse('tooLarge');
  const latin1 = (part) => new TextDecoder('latin1').decode(part);
  if (!latin1(data.subarray(0, SCAN_BYTES)).includes('%PDF-')) throw refuse('notPdf');
  if (!latin1(data.subarray(-SCAN_BYTES)).includes('%%EOF')) throw refuse('damaged');

  const lib = await import(LIBRARY);
  const pdf = await openPdf(lib, data, refuse);
  try {
    const widgets = [...pdfWidgets(pdf)];
    const names = new Set(widgets.map((w) => w.name));
    if (names.size === 0) throw refuse('noFields');
    const spec = bestMatch(names, specs);
    if (!spec) throw refuse('foreign');
    const fields = new Map(spec.fields.map((f) => [f.name, f]));
    const answers = {};
    for (const { name, value } of pdfFieldValues(pdf)) {
      if (fields.has(name) && !(name in answers)) take(pdf, answers, fields.get(name), value);
    }
    for (const { name, isButton, dict } of widgets) {
      if (fields.has(name) && !(name in answers)) {
        take(pdf, answers, fields.get(name), pdf.get(dict, isButton ? 'AS' : 'V'));
      }
    }
    return { slug: spec.slug, answers };
  } catch (error) {
    throw error instanceof PdfImportError ? error : refuse('damaged');
  }
}

/** The parsed PDF (decrypted when it opens without a password) and small lookups on it. */
async function openPdf(lib, data, refuse) {
  const load = (options) => lib.PDFDocument.load(data, { updateMetadata: false, ...options });
  let doc;
  try {
    doc = await load({ ignoreEncryption: true });
  } catch (error) {
    throw refuse('damaged');
  }
  if (doc.isEncrypted) {
    try {
      doc = await load({ password: '' });
    } catch (error) {
      throw refuse('encrypted');
    }
  }
  const { context } = doc;
  return {
    lib,
    doc,
    /** The value of `key` in `dict`, references followed. */
    get: (dict, key) => context.lookup(dict.get(lib.PDFName.of(key))),
    isDict: (obj) => obj instanceof lib.PDFDict,
  };
}

/** {name, isButton, dict} for every form widget on every page, in page order. */
function* pdfWidgets(pdf) {
  for (const page of pdf.doc.getPages()) {
    const annots = pdf.get(page.node, 'Annots');
    for (const item of annots instanceof pdf.lib.PDFArray ? annots.asArray() : []) {
      const dict = pdf.doc.context.lookup(item);
      if (!pdf.isDict(dict) || !isName(pdf, pdf.get(dict, 'Subtype'), 'Widget')) continue;
      const chain = parentChain(pdf, dict);
      const name = qualifiedName(pdf, chain);
      const kind = chain.map((node) => pdf.get(node, 'FT')).find((ft) => ft !== undefined);
      if (name !== null) yield { name, isButton: isName(pdf, kind, 'Btn'), dict };
    }
  }
}

/** {name, value} for every named field of the AcroForm tree: its own /V, not inherited. */
function* pdfFieldValues(pdf) {
  const form = pdf.get(pdf.doc.catalog, 'AcroForm');
  const top = pdf.isDict(form) ? pdf.get(form, 'Fields') : undefined;
  const seen = new Set();
  function* walk(items, parentName) {
    for (const item of items instanceof pdf.lib.PDFArray ? items.asArray() : []) {
      const node = pdf.doc.context.lookup(item);
      if (!pdf.isDict(node) || seen.has(node)) continue;
      seen.add(node);
      const partial = pdfText(pdf, pdf.get(node, 'T'));
      if (partial === null) continue; // a widget, not a field
      const name = parentName === null ? partial : `${parentName}.${partial}`;
      yield { name, value: pdf.get(node, 'V') };
      yield* walk(pdf.get(node, 'Kids'), name);
    }
  }
  yield* walk(top, null);
}

/** The node and its /Parent ancestors, nearest first (a loop in the chain ends it). */
function parentChain(pdf, node) {
  const chain = [];
  for (let n = node; pdf.isDict(n) && !chain.includes(n); n = pdf.get(n, 'Parent')) chain.push(n);
  return chain;
}

/** The /T texts of a parent chain, outermost first, joined with "."; null when it has none. */
function qualifiedName(pdf, chain) {
  const parts = chain.map((node) => pdfText(pdf, pdf.get(node, 'T'))).filter((t) => t !== null);
  return parts.length ? parts.reverse().join('.') : null;
}

function isName(pdf, obj, name) {
  return obj instanceof pdf.lib.PDFName && obj === pdf.lib.PDFName.of(name);
}

const PDF_DOC_LOW = '˘ˇˆ˙˝˛˚˜'; // 0x18–0x1F
const PDF_DOC_HIGH = '•†‡…—–ƒ⁄‹›−‰„“”‘’‚™ﬁﬂŁŒŠŸŽıłœšž'; // 0x80–0x9E

/** A PDF text string decoded (null for other objects): UTF-16 (BE or LE) or UTF-8 by its byte
    order mark, else PDFDocEncoding. */
function pdfText(pdf, obj) {
  if (!(obj instanceof pdf.lib.PDFString || obj instanceof pdf.lib.PDFHexString)) return null;
  const bytes = obj.asBytes();
  const starts = (...mark) => mark.every((b, i) => bytes[i] === b);
  if (starts(0xfe, 0xff)) return decode('utf-16be', bytes.subarray(2), false);
  if (starts(0xff, 0xfe)) return decode('utf-16le', bytes.subarray(2), false);
  const utf8 = starts(0xef, 0xbb, 0xbf) ? decode('utf-8', bytes.subarray(3)) : null;
  return utf8 ?? Array.from(bytes, pdfDocChar).join('');
}

/** A PDF name's text without its slash (UTF-8, else Latin-1), or null for other objects. */
function pdfNameText(pdf, obj) {
  if (!(obj instanceof pdf.lib.PDFName)) return null;
  const bytes = obj.asBytes();
  return decode('utf-8', bytes) ?? decode('latin1', bytes);
}

/** `bytes` decoded, or null when they are not valid in that encoding (with `fatal`). */
function decode(encoding, bytes, fatal = true) {
  try {
    return new TextDecoder(encoding, { fatal }).decode(bytes);
  } catch (error) {
    return null;
  }
}

function pdfDocChar(byte) {
  if (byte >= 0x18 && byte <= 0x1f) return PDF_DOC_LOW[byte - 0x18];
  if (byte >= 0x80 && byte <= 0x9e) return PDF_DOC_HIGH[byte - 0x80];
  if (byte === 0xa0) return '€';
  if (byte === 0x7f || byte === 0x9f || byte === 0xad) return '\ufffd';
  return String.fromCharCode(byte);
}

/** The spec sharing most field names with `names` (the lower number on a tie), if it has at
    least half of them. */
function bestMatch(names, specs) {
  let best = null;
  let bestScore = 0;
  for (const spec of specs) {
    const score = spec.fields.filter((f) => names.has(f.name)).length;
    if (score > bestScore || (score === bestScore && best && spec.number < best.number)) {
      best = spec;
      bestScore = score;
    }
  }
  return best && bestScore * 2 >= names.size ? best : null;
}

/** Record the answer a raw PDF value gives for a field, if it gives one. */
function take(pdf, answers, field, raw) {
  if (field.kind === 'radio' || field.kind === 'checkbox') {
    const state = (pdfNameText(pdf, raw) ?? pdfText(pdf, raw) ?? '').replace(/^\/+/, '');
    if (state === '' || state === OFF) return;
    if (field.kind === 'checkbox') answers[field.name] = 'yes';
    else if ((field.options || []).some((o) => o.value === state)) answers[field.name] = state;
  } else {
    const text = pdfText(pdf, raw);
    if (text) answers[field.name] = text.replace(/\r\n?/g, '\n');
  }
}

// ------------------------------------------------------------------ filling

/** Characters the standard fonts cannot draw that have a close drawable stand-in. */
const STAND_INS = { '≥': '>=', '≤': '<=', '≠': '!=', '→': '->', '←': '<-', '−': '-' };

/** A tool's blank PDF (as the build ships it) with `answers` filled in: text set, radio options
    selected, checkboxes ticked. Text fields get new appearance streams drawn in Helvetica; the
    PDF's own radio and checkbox appearances are kept (their on states are the option values),
    only their states change. Nothing asks the viewer to redraw (/NeedAppearances is removed) and
    the form stays fillable. Answers the PDF has no field for (rows beyond the printed ones) are
    left out. */
export async function fillPdf(templateBytes, spec, answers) {
  const lib = await import(LIBRARY);
  const doc = await lib.PDFDocument.load(templateBytes, { updateMetadata: false });
  const form = doc.getForm();
  const font = await doc.embedFont(lib.StandardFonts.Helvetica);
  const drawable = new Set(font.getCharacterSet());
  const pdfFields = new Map(form.getFields().map((f) => [f.getName(), f]));
  for (const field of spec.fields) {
    const value = answers[field.name];
    const target = typeof value === 'string' && value !== '' ? pdfFields.get(field.name) : undefined;
    if (target instanceof lib.PDFRadioGroup) {
      if (target.getOptions().includes(value)) target.select(value);
    } else if (target instanceof lib.PDFCheckBox) {
      if (value === 'yes') target.check();
    } else if (target instanceof lib.PDFTextField) {
      setText(lib, target, value, font, drawable);
    }
  }
  form.acroForm.dict.delete(lib.PDFName.of('NeedAppearances'));
  return doc.save({ updateFieldAppearances: false });
}

/** Set a text field's value to the full text and draw it: characters Helvetica cannot show are
    drawn as a close stand-in ('ă' → 'a', '≥' → '>=') or '?'. The field keeps its own /DA, which
    names the form's /Helv font, for viewers that redraw it when it is edited. */
function setText(lib, textField, value, font, drawable) {
  const DA = lib.PDFName.of('DA');
  const dicts = [textField.acroField.dict, ...textField.acroField.getWidgets().map((w) => w.dict)];
  const appearances = dicts.map((dict) => dict.get(DA));
  textField.setText(drawableText(value, drawable));
  textField.updateAppearances(font);
  textField.acroField.setValue(lib.PDFHexString.fromText(value));
  dicts.forEach((dict, i) => (appearances[i] ? dict.set(DA, appearances[i]) : dict.delete(DA)));
}

/** `text` (composed) with every character outside `drawable` (code points) replaced by a
    stand-in: its letters without accents when those are drawable (none for a lone accent), a
    STAND_INS entry, or '?'. */
function drawableText(text, drawable) {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const bare = char.normalize('NFKD').replace(/\p{M}/gu, '');
    if (/[\t\n\r]/.test(char) || drawable.has(char.codePointAt(0))) out += char;
    else if ([...bare].every((c) => drawable.has(c.codePointAt(0)))) out += bare;
    else out += STAND_INS[char] ?? '?';
  }
  return out;
}
