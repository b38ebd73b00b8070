// Runs docs/javascripts/pdf.js on files, for tests/test_pdf_js.py:
//   node tests/js/pdf_cli.mjs read <specs.json> <file.pdf>...
//     one JSON line per file: {"slug": ..., "answers": {...}} or {"error": "<the user's sentence>"}
//   node tests/js/pdf_cli.mjs fill <spec.json> <template.pdf> <answers.json> <out.pdf>
// Anything but a PdfImportError is a bug: it is thrown, and the exit code is not 0.
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';

import { PdfImportError, fillPdf, readPdfAnswers } from '../../docs/javascripts/pdf.js';

const json = async (path) => JSON.parse(await readFile(path, 'utf8'));

async function read(specsPath, ...pdfPaths) {
  const specs = await json(specsPath);
  for (const path of pdfPaths) {
    let result;
    try {
      result = await readPdfAnswers(await readFile(path), basename(path), specs);
    } catch (error) {
      if (!(error instanceof PdfImportError)) throw error;
      result = { error: error.message };
    }
    process.stdout.write(JSON.stringify(result) + '\n');
  }
}

async function fill(specPath, templatePath, answersPath, outPath) {
  const bytes = await fillPdf(await readFile(templatePath), await json(specPath), await json(answersPath));
  await writeFile(outPath, bytes);
}

const [command, ...args] = process.argv.slice(2);
const commands = { read, fill };
if (!commands[command]) {
  process.stderr.write('usage: pdf_cli.mjs read <specs.json> <file.pdf>...\n'
    + '       pdf_cli.mjs fill <spec.json> <template.pdf> <answers.json> <out.pdf>\n');
  process.exit(2);
}
await commands[command](...args);
