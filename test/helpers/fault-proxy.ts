/**
 * A TCP proxy on loopback for fault tests: it sits between a client and the relay and can cut,
 * slow, silence or refuse every connection. Bytes pass through unchanged and in order.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

/** A running proxy. Every switch applies to open connections and to new ones alike. */
export interface FaultProxy {
  /** The port it listens on (127.0.0.1). */
  readonly port: number;
  /** A `ws:` URL through the proxy, e.g. `url('/ws')`. */
  url(path?: string): string;
  /** Destroys every open connection, both ways, at once (no close frame: the network dropped). */
  cutAll(): void;
  /** Delays each chunk by `ms` in both directions, keeping the order. `0` turns it off. */
  setLatency(ms: number): void;
  /**
   * While on, connections stay open but nothing is forwarded either way (what arrives is
   * discarded, an end or a reset included). A connection open at any time while it was on stays
   * dead for good, as its stream has lost bytes; connections made after it is off work again.
   */
  blackhole(on: boolean): void;
  /** While on, new connections are accepted and reset at once (as if the port were closed). */
  refuse(on: boolean): void;
  /** How many client connections are open. */
  readonly connections: number;
  /** When each client connection was accepted (`performance.now()` ms), refused ones included. */
  readonly attempts: readonly number[];
  /** Destroys every connection and stops listening. */
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream: Socket;
  /** Blackholed: forwards nothing, ever again. */
  dead: boolean;
}

/** Starts a proxy on a free loopback port forwarding to `127.0.0.1:targetPort`. */
export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  const pairs = new Set<Pair>();
  const attempts: number[] = [];
  let latency = 0;
  let silenced = false;
  let refusing = false;

  const server: Server = createServer({ noDelay: true }, (client) => {
    attempts.push(performance.now());
    if (refusing) return void client.resetAndDestroy();
    const upstream = connect({ port: targetPort, host: '127.0.0.1', noDelay: true });
    const pair: Pair = { client, upstream, dead: silenced };
    pairs.add(pair);
    const drop = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    // The relay is down: answer like a closed port would, with a reset.
    let reached = false;
    upstream.once('connect', () => (reached = true));
    upstream.once('error', () => {
      if (!reached && !pair.dead) client.resetAndDestroy();
    });
    forward(pair, client, upstream, drop);
    forward(pair, upstream, client, drop);
  });

  function cutAll(): void {
    for (const pair of [...pairs]) {
      pairs.delete(pair);
      pair.client.resetAndDestroy();
      pair.upstream.resetAndDestroy();
    }
  }

  /** Copies `from` to `to` through the latency queue; an end or error on either side ends the pair. */
  function forward(pair: Pair, from: Socket, to: Socket, drop: () => void): void {
    const queue: Array<{ due: number; chunk: Buffer | null }> = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const pump = (): void => {
      timer = undefined;
      const now = performance.now();
      while (queue.length > 0 && queue[0]!.due <= now) {
        const { chunk } = queue.shift()!;
        if (chunk === null) return drop();
        if (!to.destroyed) to.write(chunk);
      }
      if (queue.length > 0) timer = setTimeout(pump, Math.max(0, queue[0]!.due - now));
    };
    const push = (chunk: Buffer | null): void => {
      const last = queue.at(-1)?.due ?? 0;
      queue.push({ due: Math.max(performance.now() + latency, last), chunk });
      if (latency === 0 && timer === undefined) return pump();
      timer ??= setTimeout(pump, Math.max(0, queue[0]!.due - performance.now()));
    };
    from.on('data', (chunk: Buffer) => {
      if (!pair.dead) push(chunk);
    });
    // In a blackhole the other side never learns that this one ended: the connection just goes quiet.
    from.on('end', () => {
      if (!pair.dead) push(null);
    });
    from.on('error', () => {
      if (!pair.dead) drop();
    });
    from.on('close', () => {
      if (!pair.dead) push(null);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    port,
    url: (path = '/ws') => `ws://127.0.0.1:${port}${path}`,
    cutAll,
    setLatency(ms) {
      latency = Math.max(0, ms);
    },
    blackhole(on) {
      silenced = on;
      if (on) pairs.forEach((pair) => (pair.dead = true));
    },
    refuse(on) {
      refusing = on;
    },
    get connections() {
      return pairs.size;
    },
    attempts,
    async close() {
      cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
