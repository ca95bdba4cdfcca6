// For loop.js: a stand-in for signaling-service (one room, everyone admitted; user-joined,
// existing-participants, user-left as the service sends them, offers/answers/candidates relayed
// with `from`) and a static server for page.html, harness.js and the SPA's call engine modules.
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');
const { WebSocketServer } = require('ws');

function start({ engineDir, port = 0, host = '127.0.0.1', log = () => {} }) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let file;
    if (url.pathname === '/' || url.pathname === '/page.html') file = path.join(__dirname, 'page.html');
    else if (url.pathname.startsWith('/engine/')) file = path.join(engineDir, path.basename(url.pathname));
    else if (url.pathname === '/harness.js') file = path.join(__dirname, 'harness.js');
    if (!file || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' });
    fs.createReadStream(file).pipe(res);
  });
  const members = new Map(); // peerId -> { ws, userId, name, role }
  let counter = 0;
  const describe = (peerId, m) => ({ peerId, userId: m.userId, name: m.name, role: m.role });
  const sendTo = (m, msg) => { if (m.ws.readyState === 1) m.ws.send(JSON.stringify(msg)); };
  const wss = new WebSocketServer({ server, path: '/ws' });
  wss.on('connection', (ws, req) => {
    const userId = new URL(req.url, 'http://x').searchParams.get('user');
    const me = { ws, userId, name: userId, role: userId === 'cr' ? 'psychologist' : 'client' };
    const peerId = `${userId}-${++counter}`;
    for (const [id, m] of [...members]) {
      if (m.userId !== userId) continue;
      sendTo(m, { type: 'error', code: 'replaced', message: 'replaced' });
      members.delete(id);
      for (const o of members.values()) sendTo(o, { type: 'user-left', peerId: id, userId, reason: 'replaced' });
    }
    const others = [...members.entries()].map(([id, m]) => describe(id, m));
    members.set(peerId, me);
    log(`join ${peerId}`);
    sendTo(me, { type: 'existing-participants', peerId, roomId: 'room', participants: others });
    for (const [id, m] of members) if (id !== peerId) sendTo(m, { type: 'user-joined', ...describe(peerId, me) });
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data));
      if (!members.has(peerId)) return;
      const target = members.get(msg.to);
      if (!target) { sendTo(me, { type: 'error', code: 'not-in-room', message: `no ${msg.to}` }); return; }
      const { to, ...rest } = msg;
      sendTo(target, { ...rest, from: peerId });
    });
    ws.on('close', () => {
      if (!members.has(peerId)) return;
      members.delete(peerId);
      log(`left ${peerId}`);
      for (const o of members.values()) sendTo(o, { type: 'user-left', peerId, userId, reason: 'disconnected' });
    });
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
module.exports = { start };
