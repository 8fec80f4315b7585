/**
 * How broadcasts leave the relay: room by room, in turns. Each message's sends to the members of
 * its room are one job, queued by room. A turn of the event loop spends at most `turnMs` on them,
 * the rooms with jobs waiting taking one job each in turn, then lets the event loop read what came
 * meanwhile before the next turn. A flooded room's fan-out (its messages times its members) then
 * never holds another room's message behind all of it: that message goes out in the same or the
 * next turn (`npm run bench -- server-memory`: a quiet room's p95 during a 40-socket flood of
 * another). A job runs at once while nothing waits and the turn has time left, so a relay
 * without a flood works as if there were no queue; and so does the first job of a turn for a room
 * with none waiting, whatever the turn has spent: a quiet room's message does not wait for a
 * turn behind a flooded room's.
 */
export interface FanOut {
  /**
   * Runs `send` now when no room waits and this turn has time left, or when it is the first of
   * `room` this turn and none of `room` waits; else after the jobs queued before it for `room`.
   */
  add(room: string, send: () => void): void;
  /** Runs every queued job now (the server is closing). */
  flush(): void;
}

/** Time a turn of the event loop spends on broadcasts by default, in ms. */
export const TURN_MS = 4;

/** A fan-out spending at most `turnMs` per turn of the event loop (`now` is injectable for tests). */
export function createFanOut({ turnMs = TURN_MS, now = () => performance.now() }: { turnMs?: number; now?: () => number } = {}): FanOut {
  /** Rooms with jobs waiting, in the order they get their next turn (a room goes to the back once served). */
  const waiting = new Map<string, Array<() => void>>();
  /** When this turn's first job ran; `undefined` until one has. */
  let turnStartedAt: number | undefined;
  /** The rooms that have had a job run this turn. */
  const servedThisTurn = new Set<string>();
  let nextTurn: NodeJS.Immediate | undefined;
  const scheduleTurn = () => {
    nextTurn ??= setImmediate(turn);
  };
  const hasTimeLeft = () => {
    turnStartedAt ??= now();
    return now() - turnStartedAt < turnMs;
  };

  /** Runs the first waiting room's oldest job and sends that room to the back; false when none waits. */
  const runNext = (): boolean => {
    const first = waiting.entries().next();
    if (first.done) return false;
    const [room, jobs] = first.value;
    waiting.delete(room);
    const send = jobs.shift()!;
    if (jobs.length > 0) waiting.set(room, jobs);
    servedThisTurn.add(room);
    send();
    return true;
  };

  function turn(): void {
    nextTurn = undefined;
    turnStartedAt = undefined;
    servedThisTurn.clear();
    while (hasTimeLeft() && runNext());
    if (waiting.size > 0) scheduleTurn();
  }

  return {
    add(room, send) {
      const hasTime = hasTimeLeft();
      const isRoomsFirstOfTurn = !servedThisTurn.has(room) && !waiting.has(room);
      if (isRoomsFirstOfTurn || (waiting.size === 0 && hasTime)) {
        servedThisTurn.add(room);
        send();
        // The time spent counts until the next turn.
        scheduleTurn();
        return;
      }
      const jobs = waiting.get(room);
      if (jobs) jobs.push(send);
      else waiting.set(room, [send]);
      scheduleTurn();
    },
    flush() {
      while (runNext());
    },
  };
}
