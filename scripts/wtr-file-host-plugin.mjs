// A file host for the browser tests, on its own loopback port (another origin, as an XMPP upload
// service is): a test puts bytes on it with the answers they get, including the wrong ones real
// servers give (a type that lies, no Content-Length, a HEAD that lies or that CORS blocks), and
// reads back what the host sent, to tell that a download stopped at its limit. Its URL is served
// to the tests as the module `@chatdrop/test-file-host`.
//
// PUT /files/NAME?type=T&length=yes|no|lie&head=cors|blocked&fill=N   the request body is the file
//   type    Content-Type of the answers (default application/octet-stream)
//   length  yes: Content-Length on GET and HEAD; no: chunked, none said; lie: HEAD says 1000, GET none
//   head    cors: HEAD answers with CORS like GET; blocked: HEAD answers without it (the page cannot read it)
//   fill    the body goes on with zero bytes up to N bytes in all (a large file without a large PUT)
// GET|HEAD /files/NAME   the file, as put
// GET /sent/NAME         { heads, gets, bytes }: requests seen, and body bytes handed to the socket
//
// And a tus server that takes no byte, to tell that an upload does not send again and again:
// POST /stuck-tus/KEY/   creates an upload at /stuck-tus/KEY/upload
// PATCH /stuck-tus/KEY/upload   reads the body and answers 204 with `Upload-Offset: 0`
// GET /stuck-tus/KEY/methods    the methods KEY was asked, in order (JSON)
import { createServer } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

/** Bodies go out 16 KB every 4 ms (about 4 MB/s, a real connection's pace rather than loopback's), so what the host sent is close to what the page read. */
const CHUNK = 16 * 1024;
const CHUNK_EVERY_MS = 4;

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function fileHost() {
  /** @type {Map<string, { body: Buffer, type: string, length: string, head: string, fill: number, heads: number, gets: number, bytes: number }>} */
  const files = new Map();
  let server;
  let url;

  const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, HEAD, PUT', 'Access-Control-Allow-Headers': '*' };

  /** Writes the file's bytes in paced chunks, waiting while the socket is full, counting what it hands over, until the client goes. */
  async function sendBody(file, response) {
    const size = Math.max(file.body.length, file.fill);
    let gone = false;
    response.on('close', () => (gone = true));
    for (let offset = 0; offset < size && !gone; offset += CHUNK) {
      const end = Math.min(size, offset + CHUNK);
      const chunk = Buffer.alloc(end - offset);
      if (offset < file.body.length) file.body.copy(chunk, 0, offset, Math.min(end, file.body.length));
      file.bytes += chunk.length;
      if (!response.write(chunk)) {
        await new Promise((resolve) => {
          const go = () => {
            response.off('drain', go).off('close', go);
            resolve();
          };
          response.on('drain', go).on('close', go);
        });
      }
      await delay(CHUNK_EVERY_MS);
    }
    if (!gone) response.end();
  }

  /** @type {Map<string, string[]>} */
  const tusMethods = new Map();

  async function answerStuckTus(request, response, key, step) {
    const headers = { ...cors, 'Access-Control-Expose-Headers': 'Location, Upload-Offset', 'Tus-Resumable': '1.0.0' };
    if (request.method === 'GET' && step === 'methods') return response.writeHead(200, { ...cors, 'Content-Type': 'application/json' }).end(JSON.stringify(tusMethods.get(key) ?? []));
    tusMethods.set(key, [...(tusMethods.get(key) ?? []), request.method]);
    for await (const _part of request); // the bytes sent, read and dropped
    if (request.method === 'POST') return response.writeHead(201, { ...headers, Location: `${url}/stuck-tus/${key}/upload` }).end();
    if (request.method === 'PATCH') return response.writeHead(204, { ...headers, 'Upload-Offset': '0' }).end();
    return response.writeHead(405, headers).end();
  }

  async function answer(request, response) {
    const address = new URL(request.url ?? '/', 'http://host');
    const [, route, name = ''] = address.pathname.split('/');
    if (request.method === 'OPTIONS') return response.writeHead(204, { ...cors, 'Access-Control-Allow-Methods': 'GET, HEAD, PUT, POST, PATCH' }).end();
    if (route === 'stuck-tus') return answerStuckTus(request, response, name, address.pathname.split('/')[3]);
    if (route === 'sent') {
      const { heads = 0, gets = 0, bytes = 0 } = files.get(name) ?? {};
      return response.writeHead(200, { ...cors, 'Content-Type': 'application/json' }).end(JSON.stringify({ heads, gets, bytes }));
    }
    const file = files.get(name);
    if (route === 'files' && request.method === 'PUT') {
      const parts = [];
      for await (const part of request) parts.push(part);
      const query = address.searchParams;
      files.set(name, {
        body: Buffer.concat(parts), type: query.get('type') ?? 'application/octet-stream', length: query.get('length') ?? 'yes',
        head: query.get('head') ?? 'cors', fill: Number(query.get('fill') ?? 0), heads: 0, gets: 0, bytes: 0,
      });
      return response.writeHead(201, cors).end();
    }
    if (route !== 'files' || !file) return response.writeHead(404, cors).end();
    const size = Math.max(file.body.length, file.fill);
    const headers = { 'Content-Type': file.type, 'Cache-Control': 'no-store' };
    if (request.method === 'HEAD') {
      file.heads++;
      const length = file.length === 'yes' ? { 'Content-Length': String(size) } : file.length === 'lie' ? { 'Content-Length': '1000' } : {};
      return response.writeHead(200, { ...(file.head === 'cors' && cors), ...headers, ...length }).end();
    }
    file.gets++;
    response.writeHead(200, { ...cors, ...headers, ...(file.length === 'yes' && { 'Content-Length': String(size) }) });
    await sendBody(file, response);
  }

  return {
    name: 'chatdrop-file-host',
    async serverStart() {
      server = createServer((request, response) => {
        answer(request, response).catch(() => response.destroy());
      });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${server.address().port}`;
    },
    async serverStop() {
      server?.closeAllConnections();
      await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
    },
    resolveImport({ source }) {
      return source === '@chatdrop/test-file-host' ? '/__chatdrop__/file-host.js' : undefined;
    },
    serve(context) {
      if (context.path === '/__chatdrop__/file-host.js') return { body: `export const fileHostUrl = ${JSON.stringify(url)};\n`, type: 'js' };
      return undefined;
    },
  };
}
