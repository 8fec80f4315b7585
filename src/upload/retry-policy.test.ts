import { expect } from '@open-wc/testing';
import { TransferError } from './handler.ts';
import { httpError } from './http-errors.ts';
import { DEFAULT_RETRY_POLICY, delayBeforeRetry, isRetryableStatus, parseRetryAfter, renewingToken, withRetries, type AttemptFailure } from './retry-policy.ts';

/** A failure as an attempt reports it for an HTTP status (0 = no answer). */
const failure = (status: number, retryAfterMs?: number): AttemptFailure => ({
  error: httpError(status, 'upload', { isRetryable: isRetryableStatus(status) }),
  ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
});

/** Runs `withRetries` over scripted outcomes (a status fails, `'ok'` succeeds) with a recording clock. */
async function script(outcomes: Array<number | 'ok' | [number, number]>) {
  const waits: number[] = [];
  let attempts = 0;
  const result = await withRetries(
    async () => {
      const outcome = outcomes[attempts++];
      if (outcome === 'ok') return 'stored';
      throw Array.isArray(outcome) ? failure(outcome[0], outcome[1]) : failure(outcome!);
    },
    { policy: DEFAULT_RETRY_POLICY, signal: new AbortController().signal, sleep: async (ms) => void waits.push(ms) },
  ).catch((error: TransferError) => error);
  return { result, attempts, waits };
}

describe('the upload retry policy', () => {
  it("retries network errors, 5xx and 429 after Uppy's 300, 600 and 1200 ms", async () => {
    expect(await script([0, 500, 'ok'])).to.deep.include({ result: 'stored', attempts: 3, waits: [300, 600] });
    expect(await script([502, 503, 504, 'ok'])).to.deep.include({ result: 'stored', attempts: 4, waits: [300, 600, 1200] });
  });

  it('gives up after the third retry with the last error, marked retryable for the Retry button', async () => {
    const { result, attempts, waits } = await script([500, 500, 500, 503, 'ok']);
    expect(attempts).to.equal(4);
    expect(waits).to.deep.equal([300, 600, 1200]);
    expect(result).to.be.instanceOf(TransferError);
    expect((result as TransferError).status).to.equal(503);
    expect((result as TransferError).isRetryable).to.equal(true);
  });

  for (const status of [400, 401, 403, 404, 409, 413, 415]) {
    it(`never retries ${status}`, async () => {
      const { result, attempts, waits } = await script([status, 'ok']);
      expect(attempts).to.equal(1);
      expect(waits).to.deep.equal([]);
      expect((result as TransferError).status).to.equal(status);
    });
  }

  it('waits at least as long as Retry-After asks, twice, then completes', async () => {
    expect(await script([[429, 2000], [429, 100], 'ok'])).to.deep.include({ result: 'stored', attempts: 3, waits: [2000, 600] });
  });

  it('does not retry by itself when Retry-After asks for longer than the cap', async () => {
    const { attempts, result } = await script([[503, 10 * 60_000], 'ok']);
    expect(attempts).to.equal(1);
    expect((result as TransferError).status).to.equal(503);
    expect(delayBeforeRetry({ ...DEFAULT_RETRY_POLICY, maxRetryAfterMs: 20 * 60_000 }, 1, failure(503, 10 * 60_000))).to.equal(10 * 60_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('120', now)).to.equal(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', now)).to.equal(5000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter(null, now)).to.equal(undefined);
    expect(parseRetryAfter('-5', now)).to.equal(undefined);
  });

  it('stops waiting for the next attempt as soon as the user cancels', async () => {
    const controller = new AbortController();
    let attempts = 0;
    const started = performance.now();
    const pending = withRetries(
      async () => {
        attempts++;
        throw failure(503);
      },
      { policy: { delaysMs: [5000], maxRetryAfterMs: 0 }, signal: controller.signal, onRetry: () => setTimeout(() => controller.abort(), 20) },
    ).catch((error: Error) => error);
    const error = await pending;
    expect((error as TransferError).code).to.equal('cancelled');
    expect(attempts).to.equal(1);
    expect(performance.now() - started).to.be.below(1000);
  });
});

describe('renewing an expired upload token', () => {
  /** Headers that note every value written into them, and attempts refused as expired until they carry `Bearer fresh`. */
  function staged() {
    const writes: string[] = [];
    const headers = new Proxy<Record<string, string>>({ Authorization: 'Bearer old' }, {
      set(target, name, value: string) {
        writes.push(value);
        target[name as string] = value;
        return true;
      },
    });
    const sent: string[] = [];
    const attempt = async () => {
      sent.push(headers.Authorization!);
      if (headers.Authorization !== 'Bearer fresh') throw { ...failure(401), isTokenExpired: true } satisfies AttemptFailure;
      return 'stored';
    };
    return { headers, writes, sent, attempt };
  }

  it('puts the fresh token in the headers once and sends again with it', async () => {
    const { headers, writes, sent, attempt } = staged();
    let asked = 0;
    const result = await renewingToken(attempt, headers, async () => (asked++, 'fresh'))();
    expect({ result, asked, sent, writes }).to.deep.equal({ result: 'stored', asked: 1, sent: ['Bearer old', 'Bearer fresh'], writes: ['Bearer fresh'] });
  });

  it('does not write the token again when the renewal put it in the headers itself, as the widget does', async () => {
    const { headers, writes, sent, attempt } = staged();
    const result = await renewingToken(attempt, headers, async () => {
      headers.Authorization = 'Bearer fresh';
      return 'fresh';
    })();
    expect({ result, sent, writes }).to.deep.equal({ result: 'stored', sent: ['Bearer old', 'Bearer fresh'], writes: ['Bearer fresh'] });
  });

  it('asks for no token when another upload renewed it while this one was refused', async () => {
    const { headers, sent, attempt } = staged();
    let asked = 0;
    const result = await renewingToken(
      () => {
        const answer = attempt();
        if (sent.length === 1) headers.Authorization = 'Bearer fresh';
        return answer;
      },
      headers,
      async () => (asked++, 'other'),
    )();
    expect({ result, asked, sent }).to.deep.equal({ result: 'stored', asked: 0, sent: ['Bearer old', 'Bearer fresh'] });
  });

  it('fails as refused, the headers untouched, when the renewal gives no token', async () => {
    const { headers, writes, attempt } = staged();
    const refused = (await renewingToken(attempt, headers, async () => undefined)().catch((caught: AttemptFailure) => caught)) as AttemptFailure;
    expect({ code: refused.error.code, isTokenExpired: refused.isTokenExpired, writes }).to.deep.equal({ code: 'forbidden', isTokenExpired: true, writes: [] });
  });
});
