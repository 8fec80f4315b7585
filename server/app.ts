/**
 * The Chatdrop reference server: the demo page and the built library, file uploads and downloads,
 * and the WebSocket relay with durable per-room history.
 */
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import staticFiles from '@fastify/static';
import Fastify, { type FastifyPluginAsync, type FastifyRequest } from 'fastify';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAuth, type AuthOptions } from './auth.ts';
import { downloadRoutes, secureFileResponses } from './downloads.ts';
import { importRoomFiles } from './history-import.ts';
import { watchBodyRate } from './body-timeout.ts';
import { DEFAULT_LIMITS, type Limits } from './limits.ts';
import type { Retention } from './history.ts';
import type { RateLimit } from './rate-limit.ts';
import { relayRoutes, type RelayDelivery } from './relay.ts';
import { openSqliteHistory } from './sqlite-history.ts';
import { uploadRoutes } from './uploads.ts';
import { isTusPath, TUS_EXPOSED_HEADERS, TUS_METHODS } from './tus-uploads.ts';

/** How to start the server. */
export interface ServerOptions {
  /** Port to listen on; `0` picks any free port. Default 8080. */
  port?: number;
  /** Interface to listen on. Default `0.0.0.0`. */
  host?: string;
  /**
   * Folder for uploaded files (`files/`) and the room history (`rooms/history.sqlite`); made if
   * missing. Room files of the earlier JSON-lines history (`rooms/*.jsonl`) are imported on start, once.
   */
  dataDir: string;
  /** Folder holding `index.html` and `dist/`. Default the project root. */
  staticRoot?: string;
  /** Largest accepted upload in bytes (inclusive). Default 2 GiB (`DEFAULT_MAX_FILE_SIZE`). */
  maxFileSize?: number;
  /**
   * Whether the tus endpoint for resumable uploads (`/tus/`, `tus-uploads.ts`) runs beside
   * `POST /upload`, under the same token, limits and quotas; unfinished uploads wait in
   * `<dataDir>/tus/`. Default true.
   */
  resumableUploads?: boolean;
  /** Origins allowed to upload and download cross-origin; an entry `*` allows all. Default none. */
  corsOrigins?: string[];
  /**
   * Who may join and upload (`auth.ts`): with token keys (`secret`, `publicKey` or `jwksUrl`), a
   * relay join and `POST /upload` need a JWT; `allowedOrigins` lists the pages that may open `/ws`.
   * Default: open to anyone (the demo).
   */
  auth?: AuthOptions;
  /** How long room history is kept. Default `DEFAULT_RETENTION`: no age limit, 10 000 messages a room. */
  retention?: Partial<Retention>;
  /**
   * `'normal'`: an acked message survives the server process being killed; `'full'`: it also
   * survives a power loss, at one fsync per write (see `sqlite-history.ts`). Default `'normal'`.
   */
  historySync?: 'normal' | 'full';
  /** Largest WebSocket frame the relay reads, in bytes. Default 64 KiB. */
  maxFrameBytes?: number;
  /** Frames each relay connection may send (all but `ping`). Default 200 a second, bursts of 500. */
  rateLimit?: RateLimit;
  /** Bounds under load: rates per user, address and room, unread output, history page bytes, HTTP timeouts, upload quotas (`limits.ts`). Default `DEFAULT_LIMITS`. */
  limits?: Partial<Limits>;
  /** How the relay's acks and broadcasts leave it (tests make them misbehave: `testing/relay-faults.ts`). Default: as they are. */
  relayDelivery?: RelayDelivery;
  /**
   * Fastify plugins registered before the routes, such as the tests' HTTP faults
   * (`testing/http-faults.ts`). Their hooks reach the app's routes only when they are not
   * encapsulated (`Symbol.for('skip-override')`, as `fastify-plugin` sets). Default none.
   */
  plugins?: FastifyPluginAsync[];
}

/** A server that is listening. */
export interface RunningServer {
  /** Where it can be reached, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** The port it listens on. */
  port: number;
  /** Closes every WebSocket and connection, stops listening and closes the history. */
  close(): Promise<void>;
}

/**
 * The project root (the package's folder, holding `index.html` and `dist/`): the folder above
 * `server/` when run from source, above `dist/server/` when run built (`chatdrop-server`).
 */
export const PROJECT_ROOT = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '..' : '../..', import.meta.url));

/** Default largest upload: 2 GiB. Uploads stream to disk, so the limit bounds disk use, not memory. */
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024 * 1024;

/** The room history's SQLite file, in `<dataDir>/rooms/`. */
export const HISTORY_FILE = 'history.sqlite';

/** Default largest relay frame: 64 KiB. */
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

/** Headers a cross-origin client may read from uploads and downloads (`ETag` for resuming with `If-Range`; `WWW-Authenticate` says an answer without a body, to `HEAD`, refused an expired token). */
const EXPOSED_HEADERS = ['Content-Length', 'Content-Range', 'Content-Disposition', 'Retry-After', 'ETag', 'Accept-Ranges', 'WWW-Authenticate'];

/** Starts the server and resolves once it is listening. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const auth = createAuth(options.auth ?? {});
  const dataDir = resolve(options.dataDir);
  const staticRoot = resolve(options.staticRoot ?? PROJECT_ROOT);
  const filesDir = join(dataDir, 'files');
  const roomsDir = join(dataDir, 'rooms');
  await mkdir(filesDir, { recursive: true });
  await mkdir(roomsDir, { recursive: true });
  const history = openSqliteHistory({
    file: join(roomsDir, HISTORY_FILE),
    ...(options.retention && { retention: options.retention }),
    ...(options.historySync && { synchronous: options.historySync }),
  });
  try {
    const imported = await importRoomFiles(history, roomsDir);
    if (imported.files > 0) console.log(`Imported ${imported.messages} messages of ${imported.files} room files into ${join(roomsDir, HISTORY_FILE)}.`);
  } catch (error) {
    await history.close();
    throw error;
  }

  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    connectionTimeout: limits.idleTimeoutMs,
    // A connection kept alive between requests is idle too (Fastify's own default keeps it 72 s).
    keepAliveTimeout: limits.idleTimeoutMs,
    http: { headersTimeout: limits.headersTimeoutMs, connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs) },
  });
  app.addHook('onRequest', watchBodyRate(limits));
  app.addHook('onError', async (request, reply, error) => {
    if (reply.statusCode >= 500) console.error(`${request.method} ${request.url}: ${error.message}`);
  });
  app.addHook('onSend', secureFileResponses);
  await app.register(cors, { delegator: corsDelegator(options.corsOrigins ?? []) });
  await app.register(staticFiles, { root: join(staticRoot, 'dist'), prefix: '/dist/', index: false, list: false, dotfiles: 'ignore' });
  app.get('/', (_request, reply) => reply.sendFile('index.html', staticRoot));
  for (const plugin of options.plugins ?? []) await app.register(plugin);
  await app.register(uploadRoutes, {
    filesDir,
    keysDir: join(dataDir, 'upload-keys'),
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    limits,
    auth,
    ...(options.resumableUploads !== false && {
      resumable: { tusDir: join(dataDir, 'tus'), expiryMs: limits.resumableUploadExpiryMs, corsOrigins: options.corsOrigins ?? [] },
    }),
  });
  await app.register(downloadRoutes, { filesDir });
  await app.register(relayRoutes, {
    history,
    maxFrameBytes: options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
    auth,
    ...(options.rateLimit && { rateLimit: options.rateLimit }),
    limits,
    ...(options.relayDelivery && { delivery: options.relayDelivery }),
  });

  try {
    await app.listen({ port: options.port ?? 8080, host: options.host ?? '0.0.0.0' });
  } catch (error) {
    await history.close();
    throw error;
  }
  const address = app.server.address() as AddressInfo;
  return {
    url: `http://${urlHost(address.address)}:${address.port}`,
    port: address.port,
    async close() {
      await app.close();
      await history.close();
    },
  };
}

/**
 * CORS only for `/upload` (POST), `/files/…` (GET, HEAD) and the tus endpoint, and only for the configured origins:
 * a preflight from any other origin gets no `Access-Control-Allow-Origin`, so the browser stops.
 */
function corsDelegator(origins: string[]): (request: FastifyRequest, callback: (error: Error | null, options?: FastifyCorsOptions) => void) => void {
  const origin = origins.includes('*') ? '*' : origins.length > 0 ? origins : false;
  return (request, callback) => {
    const path = request.url.split('?')[0] ?? '';
    const methods = path === '/upload' ? ['POST'] : path.startsWith('/files/') ? ['GET', 'HEAD'] : isTusPath(path) ? TUS_METHODS : undefined;
    const exposedHeaders = isTusPath(path) ? [...EXPOSED_HEADERS, ...TUS_EXPOSED_HEADERS] : EXPOSED_HEADERS;
    callback(null, methods ? { origin, methods, exposedHeaders, maxAge: 600 } : { origin: false });
  };
}

/** The host part of a URL for a listening address: wildcard addresses become loopback. */
function urlHost(address: string): string {
  if (address === '0.0.0.0' || address === '::') return '127.0.0.1';
  return address.includes(':') ? `[${address}]` : address;
}
