import type { ChatMessage } from '../model/message.ts';
import type { HistoryQuery } from './transport.ts';

/**
 * Selects a slice of `messages` (ordered by seq) as `history()` describes: for the transports
 * that hold a room's messages themselves (memory, BroadcastChannel), loaded later than the rest.
 */
export function sliceHistory(messages: readonly ChatMessage[], { before, after, limit = 200 }: HistoryQuery = {}): ChatMessage[] {
  const matching = messages.filter((m) => (before === undefined || m.seq! < before) && (after === undefined || m.seq! > after));
  return after !== undefined ? matching.slice(0, limit) : matching.slice(-limit);
}
