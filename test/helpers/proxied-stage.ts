import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { launchChromium } from './browser.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';
// @ts-expect-error: a plain JavaScript module shared with the test scripts
import { startServerProcess } from '../../scripts/server-process.mjs';

/** The reference server (a child process, temp data folder) behind a proxy that can cut the line, and two Chromiums, as two people have. */
export interface ProxiedStage {
  server: { url: string; port: number; stop(): Promise<void> };
  proxy: FaultProxy;
  browsers: Browser[];
  dataDir: string;
  /** Closes the browsers, the proxy and the server, and removes the data folder. */
  stop(): Promise<void>;
}

/** Starts a `ProxiedStage`; `name` names its data folder. */
export async function startProxiedStage(name: string): Promise<ProxiedStage> {
  const dataDir = await mkdtemp(join(tmpdir(), `chatdrop-${name}-`));
  const server = await startServerProcess({ dataDir });
  const proxy = await startFaultProxy(server.port);
  const browsers = [await launchChromium(), await launchChromium()];
  return {
    server,
    proxy,
    browsers,
    dataDir,
    async stop() {
      await Promise.all(browsers.map((browser) => browser.close()));
      await proxy.close();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
