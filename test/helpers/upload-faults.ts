/**
 * Client side of the reference server's test-only upload faults (`server/testing/http-faults.ts`).
 * The server is asked for them per request in the query string of `POST /upload`, each under its
 * own `key`:
 * - `?fault=<status>&times=<n>&key=<key>[&retryAfter=<value>]`: the first `n` requests with this
 *   key read the body, then answer `<status>` (JSON `{ error }`, `Retry-After: <value>` if given);
 *   later ones are stored as usual.
 * - `?fault=stall&key=<key>`: accepts the request, reads none of the body and never answers.
 * The server offers them only when started for tests with that fault plugin (the browser tests'
 * server runs `server/testing/main-with-faults.ts`), and lists `Retry-After` in
 * `Access-Control-Expose-Headers`.
 */

/** A fault to inject: an HTTP status for the first `times` requests, or a stall. */
export type UploadFault = { status: number; times: number; retryAfter?: string } | 'stall';

/** An upload endpoint on `serverUrl` that misbehaves as `fault` says (a fresh key each call). */
export function faultyEndpoint(serverUrl: string, fault: UploadFault): string {
  const query = new URLSearchParams({ key: crypto.randomUUID() });
  if (fault === 'stall') query.set('fault', 'stall');
  else {
    query.set('fault', String(fault.status));
    query.set('times', String(fault.times));
    if (fault.retryAfter !== undefined) query.set('retryAfter', fault.retryAfter);
  }
  return `${serverUrl}/upload?${query}`;
}

let supported: Promise<boolean> | undefined;

/** Whether the server under test injects upload faults (probed once with a one-time 503). */
export function serverInjectsFaults(serverUrl: string): Promise<boolean> {
  supported ??= (async () => {
    const form = new FormData();
    form.append('file', new Blob(['probe']), 'probe.txt');
    const response = await fetch(faultyEndpoint(serverUrl, { status: 503, times: 1 }), { method: 'POST', body: form }).catch(() => undefined);
    return response?.status === 503;
  })();
  return supported;
}

/** Why fault tests are skipped on a server without the switch. */
export const FAULTS_MISSING = 'the reference server under test was started without its fault plugin (server/testing/http-faults.ts)';
