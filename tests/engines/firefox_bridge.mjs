// Firefox ESR for the engine smoke tests (tests/engines/drivers.py), over WebDriver BiDi with
// puppeteer-core: one JSON command per line on stdin, one JSON reply per line on stdout.
//
//   node firefox_bridge.mjs '{"prefix": ".node", "executable": "/usr/bin/firefox-esr",
//                              "downloads": "/tmp/dl", "width": 1280, "height": 900}'
//   > {"op": "goto", "url": "http://127.0.0.1:8000/"}
//   < {"ok": true, "value": null}
//
// Commands: goto, reload, evaluate {fn, arg}, click {selector}, type {selector, text},
// upload {selector, path}, screenshot {path}, errors, close. A failed command replies
// {"ok": false, "error": "..."}; the first line is {"ok": true, "value": {"version": ...}}.
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';

const config = JSON.parse(process.argv[2]);
// puppeteer-core lives in a git-ignored folder (scripts/ensure-engine-deps.sh installs it).
const require = createRequire(resolve(config.prefix, 'package.json'));
const puppeteer = require('puppeteer-core');

const reply = (message) => process.stdout.write(JSON.stringify(message) + '\n');

const browser = await puppeteer.launch({
  browser: 'firefox',
  executablePath: config.executable,
  headless: true,
  defaultViewport: { width: config.width, height: config.height },
  // puppeteer-core makes a new, empty profile; downloads go to `downloads` without asking.
  extraPrefsFirefox: {
    'browser.download.dir': config.downloads,
    'browser.download.folderList': 2,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'app.update.enabled': false,
    'browser.shell.checkDefaultBrowser': false,
    // Firefox prefetches <link rel=next> (the next tool); a reload while that is in flight logs
    // "A ServiceWorker intercepted the request and encountered an unexpected error".
    'network.prefetch-next': false,
  },
});
const page = await browser.newPage();
const errors = [];
page.on('pageerror', (error) => errors.push(String(error.message || error)));
page.on('console', (message) => {
  if (message.type() === 'error') errors.push(message.text());
});

/** The element, scrolled to the middle of the window: not under Material's sticky header. */
async function shown(selector) {
  const element = await page.waitForSelector(selector, { visible: true });
  await element.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  return element;
}

async function run(command) {
  switch (command.op) {
    case 'goto':
      await page.goto(command.url, { waitUntil: 'load' });
      return null;
    case 'reload':
      await page.reload({ waitUntil: 'load' });
      return null;
    case 'evaluate': {
      // `fn` is a function's source; its result must be JSON-serialisable.
      const fn = new Function(`return (${command.fn});`)();
      return await page.evaluate(fn, command.arg ?? null);
    }
    case 'click':
      await (await shown(command.selector)).click();
      return null;
    case 'type':
      await (await shown(command.selector)).type(command.text);
      return null;
    case 'upload':
      await (await page.waitForSelector(command.selector)).uploadFile(command.path);
      return null;
    case 'screenshot':
      await page.screenshot({ path: command.path });
      return null;
    case 'errors':
      return errors.splice(0);
    case 'close':
      await browser.close();
      return null;
    default:
      throw new Error(`unknown command ${command.op}`);
  }
}

reply({ ok: true, value: { version: await browser.version() } });
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const command = JSON.parse(line);
  try {
    reply({ ok: true, value: await run(command) });
  } catch (error) {
    reply({ ok: false, error: String(error && error.stack || error) });
  }
  if (command.op === 'close') break;
}
await browser.close().catch(() => {});
process.exit(0);
