// node loop.js [iterations] — a fast reproduction loop for FirefoxCallIT's faults, without the stack:
// Chromium (the psychologist, in the room first) and Firefox (the client, the newcomer who offers)
// in a call through the SPA's own call engine modules (reducer, LinkManager/PeerLink, StatsPoller)
// and server.js, a stand-in for signaling. Firefox's signaling socket is dropped again and again
// (as FirefoxCallIT does once); each time both new links must decode growing video and audio,
// also after the retired link is closed. About 2 s a round, 10 s with restarts.
// env: RESTART=1 also restarts ICE after each reconnect (RESTART_BY=cr or ff: one side only);
//   EARLY_RESTART_MS=n restarts ICE n ms into each reconnect (EARLY_BY=cr, else Firefox);
//   STOP=1 stops at the first failure; MOZLOG=1 writes Firefox's MediaPipeline log to moz.log*;
//   VERBOSE=1 / CONSOLE=1 print the server's joins and the pages' console.
// A failure prints both sides' links (states, RTP, selected pairs, transports, descriptions) and
// writes them with the pages' logs to fail-<time>.json in the working directory. Needs chromium,
// firefox-esr, a non-loopback address (infra/e2e/README.md) and `npm ci` in the directory above.
'use strict';
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');
const { start } = require('./server');

const N = Number(process.argv[2] || 10);
// the SPA's call engine modules, served as they are (ENGINE= points at another copy, e.g. an older commit's)
const ENGINE = process.env.ENGINE || path.resolve(__dirname, '../../../../../../gateway/src/main/webui/src/features/call/engine');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const T = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;

async function waitFor(label, ms, fn) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last && last.ok) return last;
    await sleep(300);
  }
  throw new Error(`timeout: ${label}: ${JSON.stringify(last)}`);
}

(async () => {
  const server = await start({ engineDir: ENGINE, log: (m) => process.env.VERBOSE && console.log(T(), m) });
  const url = `http://127.0.0.1:${server.address().port}/page.html`;
  const cr = await puppeteer.launch({ browser: 'chrome', executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
      '--disable-renderer-backgrounding', '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows'] });
  const ff = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, timeout: 120000,
    env: { ...process.env, ...(process.env.MOZLOG ? { MOZ_LOG: 'MediaPipeline:4,RTCRtpReceiver:4', MOZ_LOG_FILE: path.join(process.cwd(), 'moz.log') } : {}) },
    extraPrefsFirefox: { 'media.navigator.streams.fake': true, 'media.navigator.permission.disabled': true, 'media.autoplay.default': 0,
      'media.autoplay.block-webaudio': false, 'media.peerconnection.ice.obfuscate_host_addresses': false,
      'media.peerconnection.ice.loopback': true, 'dom.min_background_timeout_value': 0 } });
  console.log(T(), 'browsers', await cr.version(), await ff.version());
  const [cp, fp] = [await cr.newPage(), await ff.newPage()];
  for (const [p, who] of [[cp, 'cr'], [fp, 'ff']]) {
    p.on('console', (m) => process.env.CONSOLE && console.log(who, m.text()));
    await p.goto(url);
    await waitFor(`${who} harness`, 20000, async () => ({ ok: await p.evaluate(() => window.harnessReady === true) }));
  }
  await cp.evaluate(() => window.join('cr'));
  await sleep(500);
  await fp.evaluate(() => window.join('ff'));
  const video = (p) => p.evaluate(() => window.currentVideo());
  const growing = async (label, ms) => {
    const a = [await video(cp), await video(fp)];
    return waitFor(label, ms, async () => {
      const b = [await video(cp), await video(fp)];
      const ok = b.every((x, i) => x && a[i] && x.peerId === a[i].peerId && x.frames > a[i].frames + 5 && x.audio > a[i].audio + 10);
      return { ok, cr: b[0], ff: b[1] };
    });
  };
  const dump = async (label) => {
    const file = path.join(process.cwd(), `fail-${Date.now()}.json`);
    const data = { label };
    for (const [p, who] of [[cp, 'chromium'], [fp, 'firefox']]) {
      data[who] = { snapshot: await p.evaluate(() => window.snapshot()), log: await p.evaluate(() => window.harnessLog.slice(-80)), sdps: await p.evaluate(() => window.sdps()) };
    }
    fs.writeFileSync(file, JSON.stringify(data, null, 1));
    console.log(T(), 'FAIL', label, '->', file);
    for (const who of ['chromium', 'firefox']) console.log(who, JSON.stringify(data[who].snapshot, null, 0));
  };
  let failures = 0;
  try {
    await waitFor('first frames', 30000, async () => {
      const [c, f] = [await video(cp), await video(fp)];
      return { ok: c?.frames > 0 && f?.frames > 0, c, f };
    });
    console.log(T(), 'call up');
    for (let i = 1; i <= N; i++) {
      const before = [await video(cp), await video(fp)];
      const started = Date.now();
      await fp.evaluate(() => window.dropSocket());
      try {
        await waitFor('new links', 15000, async () => {
          const [c, f] = [await video(cp), await video(fp)];
          return { ok: c && f && c.peerId !== before[0].peerId && f.peerId !== before[1].peerId, c, f };
        });
        if (process.env.EARLY_RESTART_MS) {
          // an ICE restart while the new link is still coming up (the stats poller's early restart, a recovery)
          await sleep(Number(process.env.EARLY_RESTART_MS));
          await (process.env.EARLY_BY === 'cr' ? cp : fp).evaluate(() => window.restartIce());
        }
        const first = await waitFor('first frames on the new links', 20000, async () => {
          const [c, f] = [await video(cp), await video(fp)];
          return { ok: c?.frames > 0 && f?.frames > 0, c, f };
        });
        const firstMs = Date.now() - started;
        await waitFor('retired links closed', 25000, async () => {
          const [c, f] = [await video(cp), await video(fp)];
          return { ok: c?.retiring === 0 && f?.retiring === 0, c, f };
        });
        await growing('media growing after the retired links closed', 15000);
        if (process.env.RESTART) {
          for (const [p, who] of [[cp, 'cr'], [fp, 'ff']].filter(([, w]) => !process.env.RESTART_BY || w === process.env.RESTART_BY)) {
            await p.evaluate(() => window.restartIce());
            await sleep(3000);
            await growing(`media growing after ${who}'s ICE restart`, 15000);
          }
        }
        console.log(T(), `reconnect ${i}: ok, first frames both ways after ${firstMs} ms`);
      } catch (e) {
        failures++;
        await dump(`reconnect ${i}: ${e.message}`);
        if (process.env.STOP) break;
        // a fresh start for the next round
        await fp.evaluate(() => window.dropSocket());
        await sleep(8000);
      }
    }
  } finally {
    console.log(T(), `RESULT ${failures} failure(s)`);
    await cr.close().catch(() => {});
    await ff.close().catch(() => {});
    server.close();
    process.exit(failures ? 1 : 0);
  }
})().catch((e) => { console.error(e); process.exit(2); });
