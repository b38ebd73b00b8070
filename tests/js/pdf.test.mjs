// docs/javascripts/pdf.js on PDFs made here with the vendored library: refusals and their
// sentences, the size limit, a fill → read round trip, the drawn text, macOS Preview's radio
// save. The 13 tool PDFs, other fillers and agreement with macros/pdf_answers.py are tested in
// tests/test_pdf_js.py. Run: node --test tests/js/pdf.test.mjs
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { MAX_PDF_BYTES, PdfImportError, fillPdf, readPdfAnswers } from '../../docs/javascripts/pdf.js';

const MODULE = new URL('../../docs/javascripts/pdf.js', import.meta.url);
const lib = await import(new URL('vendor/pdf-lib.esm.min.js', MODULE));
const { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName } = lib;

const OPTIONS = ['yes', 'in_progress', 'no'];
const SPEC = {
  slug: 'test-tool', number: 1, title: 'Test tool', version: 1, rows: [],
  fields: [
    { name: 'ready', kind: 'radio', label: 'Ready?', options: OPTIONS.map((value) => ({ value, label: value })) },
    { name: 'agree', kind: 'checkbox', label: 'Agree' },
    { name: 'notes', kind: 'long_text', label: 'Notes' },
    { name: 'when', kind: 'date', label: 'Date' },
    { name: 'unprinted_row', kind: 'text', label: 'A row the PDF does not print' },
  ],
};
const OTHER_SPEC = { ...SPEC, slug: 'other-tool', number: 2, fields: [{ name: 'other', kind: 'text', label: 'x' }] };
const name = (key) => PDFName.of(key);

/** A blank form like SPEC's (no field for `unprinted_row`). Its radio buttons' on states are the
    option values, as in the tool PDFs (the library would name them 0, 1, 2, values in /Opt). */
async function blankForm() {
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 300]);
  const form = doc.getForm();
  const radio = form.createRadioGroup('ready');
  OPTIONS.forEach((value, i) => radio.addOptionToPage(value, page, { x: 20 + 30 * i, y: 250, width: 12, height: 12 }));
  radio.acroField.getWidgets().forEach((widget, i) => {
    for (const key of ['N', 'D']) {
      const states = widget.dict.lookup(name('AP'), PDFDict).lookup(name(key), PDFDict);
      states.set(name(OPTIONS[i]), states.get(name(String(i))));
      states.delete(name(String(i)));
    }
  });
  radio.acroField.dict.delete(name('Opt'));
  form.createCheckBox('agree').addToPage(page, { x: 20, y: 220, width: 12, height: 12 });
  const notes = form.createTextField('notes');
  notes.enableMultiline();
  notes.addToPage(page, { x: 20, y: 100, width: 260, height: 100 });
  notes.setFontSize(9);
  form.createTextField('when').addToPage(page, { x: 20, y: 60, width: 100, height: 20 });
  return doc.save();
}

/** The sentence readPdfAnswers refuses the bytes with. */
async function refusal(bytes, specs = [SPEC], fileName = 'answers.pdf') {
  const error = await readPdfAnswers(bytes, fileName, specs).then(() => null, (e) => e);
  assert.ok(error instanceof PdfImportError, `expected a PdfImportError, got ${error}`);
  return error.message;
}

const latin1 = (text) => Uint8Array.from(text, (c) => c.charCodeAt(0));

test('pdf.js imports the library only when a function runs', async () => {
  const source = await readFile(MODULE, 'utf8');
  assert.doesNotMatch(source, /^\s*import\s.*from\s/m);
  assert.match(source, /await import\(LIBRARY\)/);
});

test('a file that is not a PDF is refused with one sentence', async () => {
  assert.equal(await refusal(new TextEncoder().encode('name,answer\nready,yes\n'), [SPEC], 'answers.csv'),
    '“answers.csv” is not a PDF file. Choose the tool PDF you filled in. Nothing was changed.');
});

test('a PDF cut short is refused as damaged', async () => {
  const whole = await blankForm();
  assert.match(await refusal(whole.subarray(0, Math.floor(whole.length / 2))),
    /^“answers\.pdf” is damaged or incomplete and cannot be read\. .* Nothing was changed\.$/);
});

test('bytes that only look like a PDF at both ends are refused as damaged', async () => {
  assert.match(await refusal(latin1('%PDF-1.7\n' + 'garbage '.repeat(500) + '\n%%EOF\n')),
    /is damaged or incomplete/);
});

test('a file over the limit is refused before it is parsed', async () => {
  const big = new Uint8Array(MAX_PDF_BYTES + 1);
  big.set(latin1('%PDF-1.7\n'));
  assert.equal(await refusal(big), '“answers.pdf” is larger than 10 MB, too large for a filled tool PDF. '
    + 'Check that you chose the right file. Nothing was changed.');
  // At the limit the size is fine: the same bytes are then judged as a PDF (cut short: no %%EOF).
  assert.match(await refusal(big.subarray(0, MAX_PDF_BYTES)), /is damaged or incomplete/);
});

test('a PDF without form fields is refused', async () => {
  const doc = await PDFDocument.create();
  doc.addPage().drawText('printed answers');
  assert.match(await refusal(await doc.save()),
    /^“answers\.pdf” has no form fields: it was probably printed to PDF or flattened\. /);
});

test('a form whose fields are not a tool’s is refused', async () => {
  const doc = await PDFDocument.create();
  doc.getForm().createTextField('first_name').addToPage(doc.addPage(), { x: 20, y: 20 });
  assert.match(await refusal(await doc.save()), /^“answers\.pdf” is not a PS-COPE tool PDF: /);
  assert.match(await refusal(await blankForm(), [OTHER_SPEC]), /is not a PS-COPE tool PDF/);
});

test('a PDF that needs a password is refused; one with only a permissions password is read', async () => {
  const filled = await fillPdf(await blankForm(), SPEC, { ready: 'no' });
  const encrypted = async (options) => {
    const doc = await PDFDocument.load(filled);
    doc.encrypt({ ownerPassword: 'owner', ...options });
    return doc.save();
  };
  assert.equal(await refusal(await encrypted({ userPassword: 'secret' })), '“answers.pdf” is password-protected. '
    + 'Open it in your PDF reader, save a copy without a password, and use that copy. Nothing was changed.');
  assert.deepEqual(await readPdfAnswers(await encrypted({}), 'answers.pdf', [SPEC]),
    { slug: 'test-tool', answers: { ready: 'no' } });
});

test('fillPdf fills a form that readPdfAnswers reads back (from an ArrayBuffer too)', async () => {
  const answers = { ready: 'in_progress', agree: 'yes', notes: 'Line one\nCafé — 5 ≥ 3 ✓ 北京', when: '2026-11-21' };
  const filled = await fillPdf(await blankForm(), SPEC, { ...answers, unprinted_row: 'left out' });
  const buffer = filled.buffer.slice(filled.byteOffset, filled.byteOffset + filled.length);
  assert.deepEqual(await readPdfAnswers(buffer, 'filled.pdf', [OTHER_SPEC, SPEC]), { slug: 'test-tool', answers });
});

test('fillPdf draws the text, keeps all of it in /V, sets button states, asks no redraw', async () => {
  const text = 'Cafe\u0301 ≥ 北京 ă'; // an accent typed as its own character, CJK, Latin Extended
  const filled = await fillPdf(await blankForm(), SPEC, { ready: 'no', agree: 'yes', notes: text });
  const doc = await PDFDocument.load(filled);
  const form = doc.getForm();
  assert.equal(form.acroForm.dict.get(name('NeedAppearances')), undefined);
  const notes = form.getTextField('notes');
  assert.equal(notes.getText(), text);
  const stream = doc.context.lookup(notes.acroField.getWidgets()[0].getNormalAppearance());
  const content = new TextDecoder('latin1').decode(lib.decodePDFRawStream(stream).decode());
  const hex = [...content.matchAll(/<([0-9A-F]+)> Tj/g)].map((m) => m[1]).join('');
  const drawn = new TextDecoder('windows-1252').decode(Uint8Array.from(hex.match(/../g), (h) => parseInt(h, 16)));
  assert.equal(drawn, 'Café >= ?? a');
  const states = form.getRadioGroup('ready').acroField.getWidgets().map((w) => w.getAppearanceState()?.decodeText());
  assert.deepEqual(states, ['Off', 'Off', 'no']);
  assert.equal(form.getCheckBox('agree').isChecked(), true);
});

test('a radio saved the macOS Preview way (value only on an orphaned button) is read', async () => {
  const doc = await PDFDocument.load(await fillPdf(await blankForm(), SPEC, { ready: 'in_progress' }));
  const group = doc.getForm().getRadioGroup('ready').acroField;
  const refs = group.Kids().asArray();
  const clicked = refs.find((ref) => doc.context.lookup(ref).get(name('AS')) === name('in_progress'));
  const button = doc.context.lookup(clicked);
  for (const key of ['T', 'FT']) button.set(name(key), group.dict.get(name(key)));
  button.set(name('V'), name('in_progress'));
  button.delete(name('Parent'));
  const kids = PDFArray.withContext(doc.context);
  refs.filter((ref) => ref !== clicked).forEach((ref) => kids.push(ref));
  group.dict.set(name('Kids'), kids);
  group.dict.delete(name('V'));
  const saved = await doc.save({ updateFieldAppearances: false });
  assert.deepEqual(await readPdfAnswers(saved, 'preview.pdf', [SPEC]), { slug: 'test-tool', answers: { ready: 'in_progress' } });
});

test('text stored as UTF-8 with a byte order mark (PDF 2.0) is read', async () => {
  const doc = await PDFDocument.load(await blankForm());
  const bytes = [0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Zoë ≥ 3')];
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  doc.getForm().getTextField('notes').acroField.dict.set(name('V'), PDFHexString.of(hex));
  const saved = await doc.save({ updateFieldAppearances: false });
  assert.deepEqual((await readPdfAnswers(saved, 'utf8.pdf', [SPEC])).answers, { notes: 'Zoë ≥ 3' });
});
