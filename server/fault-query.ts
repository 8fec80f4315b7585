import type { FastifyRequest } from 'fastify';

/** A fault a test asked for in a request's query, and how many times its key has been seen. */
export interface AskedFault {
  fault: string;
  /** 1 for the first request with this key, 2 for the second… */
  count: number;
  /** How many requests with the key the fault applies to (`times`, default 1). */
  times: number;
  query: Record<string, string | undefined>;
}

/**
 * Reads `?fault=…&key=…[&times=n]` (the test-only fault switches of uploads and downloads) and
 * counts the requests per key; `undefined` when the request asks for no fault.
 */
export function createFaultQuery(): (request: FastifyRequest) => AskedFault | undefined {
  const seen = new Map<string, number>();
  return (request) => {
    const query = request.query as Record<string, string | undefined>;
    if (!query.fault || !query.key) return undefined;
    const count = (seen.get(query.key) ?? 0) + 1;
    seen.set(query.key, count);
    return { fault: query.fault, count, times: Number(query.times ?? 1), query };
  };
}
