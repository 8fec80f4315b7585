/**
 * A room flood for the fairness test and the server-memory bench, run as its own process so its
 * work does not slow the client that measures:
 * `node --import tsx server/testing/flood.ts <relay url> <sockets> <ms>`. Each socket joins the
 * room `flooded` from its own loopback address (127.0.0.10, .11, …) and sends 10 messages every
 * 25 ms, reading whatever comes back. Prints `flooding` once every socket has joined, then
 * `{ sent, acked, refused }` as JSON when done.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

const [url = '', socketsArg = '40', msArg = '2000'] = process.argv.slice(2);
const sockets = Number(socketsArg);
const durationMs = Number(msArg);
const totals = { sent: 0, acked: 0, refused: 0 };

async function open(index: number): Promise<{ socket: WebSocket; user: string }> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`, { localAddress: `127.0.0.${10 + index}` });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const user = `flood-${index}`;
  const joined = new Promise((resolve) => socket.once('message', resolve));
  socket.send(JSON.stringify({ type: 'join', room: 'flooded', user: { id: user } }));
  await joined;
  socket.on('message', (data) => {
    const text = String(data);
    if (text.startsWith('{"type":"ack"')) totals.acked++;
    else if (text.startsWith('{"type":"error"')) totals.refused++;
  });
  return { socket, user };
}

async function flood({ socket, user }: { socket: WebSocket; user: string }): Promise<void> {
  const ends = performance.now() + durationMs;
  while (performance.now() < ends && socket.readyState === socket.OPEN) {
    for (let burst = 0; burst < 10; burst++) {
      socket.send(JSON.stringify({ type: 'send', message: { id: randomUUID(), room: 'flooded', sender: { id: user }, createdAt: Date.now(), text: 'flood '.repeat(20) } }));
      totals.sent++;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  socket.terminate();
}

const opened = await Promise.all(Array.from({ length: sockets }, (_, index) => open(index)));
console.log('flooding');
await Promise.all(opened.map(flood));
console.log(JSON.stringify(totals));
