// A message sent while offline survives a page reload and is delivered once when the
// connection returns: a real page, a real reload, the real relay behind a fault proxy.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'puppeteer-core';
import type { FaultProxy } from '../helpers/fault-proxy.ts';
import { pollUntil } from '../helpers/page.ts';
import { startProxiedStage, type ProxiedStage } from '../helpers/proxied-stage.ts';

/** The page's texts in thread order and its connection state, read through the shadow roots. */
function readWidget(page: Page): Promise<{ status: string; texts: string[]; deliveries: string[] }> {
  return page.evaluate(() => {
    const widget = document.querySelector('chat-widget')!.shadowRoot!;
    const bubbles = [...widget.querySelector('chat-thread')!.shadowRoot!.querySelectorAll('text-bubble')];
    return {
      status: widget.querySelector('[part="status"]')?.getAttribute('data-status') ?? '',
      texts: bubbles.map((bubble) => bubble.shadowRoot!.querySelector('[part="text"]')?.textContent ?? ''),
      deliveries: bubbles.map((bubble) => bubble.getAttribute('delivery') ?? ''),
    };
  });
}

/** The widget's state once `check` passes on it. */
const waitUntil = (page: Page, check: (state: Awaited<ReturnType<typeof readWidget>>) => boolean, what: string) => pollUntil(() => readWidget(page), check, what, 15_000);

describe('a message sent offline', () => {
  let stage: ProxiedStage;
  let server: { url: string; port: number; stop(): Promise<void> };
  let proxy: FaultProxy;
  let browsers: Browser[] = [];
  let dataDir: string;

  before(async () => {
    stage = await startProxiedStage('offline');
    ({ server, proxy, browsers, dataDir } = stage);
  });

  after(async () => {
    await stage?.stop();
  });

  it('survives a reload and is delivered exactly once when the connection returns', async () => {
    const alice = await browsers[0]!.newPage();
    const bob = await browsers[1]!.newPage();
    // Alice's page reaches the relay through the fault proxy: her WebSocket goes to its port.
    await alice.evaluateOnNewDocument(`{
      const Native = WebSocket;
      globalThis.WebSocket = class extends Native {
        constructor(url, protocols) { super(String(url).replace(/:\\d+\\//, ':${proxy.port}/'), protocols); }
      };
    }`);
    await alice.goto(`${server.url}/?room=offline&user=alice`);
    await bob.goto(`${server.url}/?room=offline&user=bob`);
    await waitUntil(alice, (state) => state.status === 'online', 'alice online');
    await waitUntil(bob, (state) => state.status === 'online', 'bob online');

    proxy.refuse(true);
    proxy.cutAll();
    await waitUntil(alice, (state) => state.status !== 'online', 'alice offline');
    const textarea = await alice.$('chat-widget >>> file-composer >>> textarea');
    await textarea!.type('written in a tunnel');
    await alice.keyboard.press('Enter');
    await waitUntil(alice, (state) => state.texts.includes('written in a tunnel'), 'the message in alice’s thread');
    await new Promise((resolve) => setTimeout(resolve, 300));

    await alice.reload();
    const reloaded = await waitUntil(alice, (state) => state.texts.includes('written in a tunnel'), 'the message back after the reload');
    assert.notEqual(reloaded.status, 'online', 'still offline after the reload');
    assert.deepEqual(reloaded.deliveries, ['sending']);
    assert.deepEqual((await readWidget(bob)).texts, [], 'bob has nothing yet');

    proxy.refuse(false);
    await waitUntil(bob, (state) => state.texts.length === 1, 'bob to receive it');
    await waitUntil(alice, (state) => state.deliveries.join() === 'sent', 'alice to see it sent');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual((await readWidget(bob)).texts, ['written in a tunnel'], 'delivered once');
    await alice.reload();
    const afterSecondReload = await waitUntil(alice, (state) => state.status === 'online' && state.texts.length > 0, 'alice online again');
    assert.deepEqual(afterSecondReload.texts, ['written in a tunnel'], 'not sent again after another reload');
  });
});
