// Drives Debian's firefox-esr for the Java end-to-end tests (FirefoxBrowser.java), over WebDriver
// BiDi with puppeteer-core: no geckodriver, no browser download. Protocol: one JSON command per
// line on stdin, {"id": n, "cmd": "...", ...}; one JSON line per answer on stdout,
// {"id": n, "ok": true, "value": ...} or {"id": n, "ok": false, "error": "..."}. The first line
// out is {"ready": true, "version": ..., "launchMs": ...}. Closing stdin closes Firefox.
//   env FIREFOX (default /usr/bin/firefox-esr)
'use strict';
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const puppeteer = require('puppeteer-core');

const FIREFOX_PREFS = {
  'media.navigator.streams.fake': true,                // a test pattern for the camera, a tone for the microphone
  'media.navigator.permission.disabled': true,         // the user allows camera and microphone
  'media.autoplay.default': 0,                         // remote audio and video may play
  'media.autoplay.block-webaudio': false,
  // Firefox hides host addresses behind mDNS names, which Chromium cannot resolve here.
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  // The test stack's coturn listens on 127.0.0.1 only; without this Firefox will not talk to a
  // TURN server on loopback from its non-loopback host address (error 701, no relay candidate).
  'media.peerconnection.ice.loopback': true,
  // Hidden pages keep their timers: the call engine's stats poller and reconnects run on them.
  'dom.min_background_timeout_value': 0,
};

// Module scripts need a JavaScript MIME type in Firefox; the rest as the gateway serves them.
const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.jpg': 'image/jpeg', '.woff2': 'font/woff2',
  '.woff': 'font/woff', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json',
};

const pages = new Map();
let browser;
let nextPage = 1;

const out = (obj) => process.stdout.write(`${JSON.stringify(obj)}\n`);
const byTestId = (testId) => `[data-testid="${String(testId).replace(/["\\]/g, '\\$&')}"]`;

/**
 * Serves the SPA's test build for every page path of baseUrl, as TestSpaBuild does for Playwright:
 * a file of the build, else index.html; /api, /ws and /q go to the gateway.
 */
async function interceptSpa(page, { baseUrl, spaDir }) {
  const root = path.resolve(spaDir);
  await page.setRequestInterception(true);
  page.on('request', async (request) => {
    try {
      const url = new URL(request.url());
      if (url.origin !== new URL(baseUrl).origin || request.method() !== 'GET') return await request.continue();
      if (/^\/(api|ws|q)(\/|$)/.test(url.pathname)) return await request.continue();
      let file = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
      if (!file.startsWith(root + path.sep) || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
        file = path.join(root, 'index.html');
      }
      await request.respond({
        status: 200,
        contentType: MIME[path.extname(file)] ?? 'application/octet-stream',
        body: fs.readFileSync(file),
      });
    } catch (e) {
      // A request already handled or a page closed meanwhile: nothing to answer.
      if (!/already handled|closed|No target/i.test(String(e))) process.stderr.write(`interception: ${e}\n`);
    }
  });
}

function page(args) {
  const entry = pages.get(args.page);
  if (!entry) throw new Error(`no page ${args.page}`);
  return entry.page;
}

const COMMANDS = {
  async open(args) {
    const context = await browser.createBrowserContext();
    const p = await context.newPage();
    const id = nextPage++;
    const consoleLines = [];
    p.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    p.on('pageerror', (e) => consoleLines.push(`pageerror: ${e}`));
    await p.setViewport({ width: 1280, height: 800 });
    await interceptSpa(p, args);
    pages.set(id, { page: p, context, consoleLines });
    return id;
  },
  async navigate(args) {
    await page(args).goto(args.url, { waitUntil: 'load' });
    return null;
  },
  async reload(args) {
    await page(args).reload({ waitUntil: 'load' });
    return null;
  },
  async waitFor(args) {
    await page(args).waitForSelector(byTestId(args.testId), { visible: true, timeout: args.timeoutMs ?? 20000 });
    return null;
  },
  async fill(args) {
    const p = page(args);
    const input = await p.waitForSelector(byTestId(args.testId), { visible: true, timeout: 20000 });
    await input.click({ count: 3 });
    await input.type(String(args.value));
    return null;
  },
  async click(args) {
    const p = page(args);
    const element = await p.waitForSelector(byTestId(args.testId), { visible: true, timeout: 20000 });
    await element.click();
    return null;
  },
  async count(args) {
    return (await page(args).$$(byTestId(args.testId))).length;
  },
  async attribute(args) {
    return page(args).$eval(byTestId(args.testId), (el, name) => el.getAttribute(name), args.name).catch(() => null);
  },
  async enabled(args) {
    return page(args).$eval(byTestId(args.testId),
      (el) => !el.disabled && el.getAttribute('aria-disabled') !== 'true').catch(() => false);
  },
  async evaluate(args) {
    // A function's source, called with one JSON argument, as Playwright's page.evaluate does.
    return page(args).evaluate(`(${args.fn})(${JSON.stringify(args.arg ?? null)})`);
  },
  async console(args) {
    const entry = pages.get(args.page);
    return entry ? entry.consoleLines.slice() : [];
  },
  async screenshot(args) {
    await page(args).screenshot({ path: args.path, fullPage: true });
    return null;
  },
  async close(args) {
    const entry = pages.get(args.page);
    pages.delete(args.page);
    if (entry) await entry.context.close();
    return null;
  },
};

async function main() {
  const started = Date.now();
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr',
    headless: true,
    extraPrefsFirefox: FIREFOX_PREFS,
    timeout: 120000, // 4-8 s on an idle machine, 40 s seen on a busy one
  });
  out({ ready: true, version: await browser.version(), launchMs: Date.now() - started, pid: browser.process()?.pid });
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', async (line) => {
    let command;
    try {
      command = JSON.parse(line);
      const handler = COMMANDS[command.cmd];
      if (!handler) throw new Error(`unknown command ${command.cmd}`);
      out({ id: command.id, ok: true, value: (await handler(command)) ?? null });
    } catch (e) {
      out({ id: command?.id ?? null, ok: false, error: String(e?.stack || e) });
    }
  });
  lines.on('close', async () => {
    await browser.close().catch(() => {});
    process.exit(0);
  });
}

main().catch(async (e) => {
  out({ ready: false, error: String(e?.stack || e) });
  await browser?.close().catch(() => {});
  process.exit(2);
});
