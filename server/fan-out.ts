/**
 * How broadcasts leave the relay: room by room, in turns. Each message's sends to the members of
 * its room are one job, queued by room; a turn of the event loop makes at most `sendsPerTurn`
 * sends, the rooms with jobs waiting taking one job each in turn, and lets go of the event loop
 * before the next. A flooded room's fan-out (its messages times its members) then never holds
 * another room's message behind all of it: that message goes out in the same or the next turn
 * (`npm run bench -- server-memory`: a quiet room's p95 during a 40-socket flood of another).
 * While nothing waits, a job runs at once.
 */
export interface FanOut {
  /** Runs `send` (about `sends` sends) now when this turn has sends to spare and no room waits, else after the jobs queued before it for `room`. */
  add(room: string, sends: number, send: () => void): void;
  /** Runs every queued job now (the server is closing). */
  flush(): void;
}

interface Job {
  sends: number;
  send: () => void;
}

/** Sends per turn of the event loop by default: a few milliseconds of work. */
export const SENDS_PER_TURN = 1000;

/** An empty fan-out making at most `sendsPerTurn` sends per turn of the event loop. */
export function createFanOut(sendsPerTurn = SENDS_PER_TURN): FanOut {
  /** Rooms with jobs waiting, in the order they get their next turn (a room goes to the back once served). */
  const waiting = new Map<string, Job[]>();
  let spent = 0;
  let nextTurn: NodeJS.Immediate | undefined;
  const scheduleTurn = () => {
    nextTurn ??= setImmediate(turn);
  };

  /** Runs the first waiting room's oldest job and sends that room to the back. */
  const runNext = (): boolean => {
    const first = waiting.entries().next();
    if (first.done) return false;
    const [room, jobs] = first.value;
    waiting.delete(room);
    const job = jobs.shift()!;
    if (jobs.length > 0) waiting.set(room, jobs);
    spent += job.sends;
    job.send();
    return true;
  };

  function turn(): void {
    nextTurn = undefined;
    spent = 0;
    while (spent < sendsPerTurn && runNext());
    if (waiting.size > 0) scheduleTurn();
  }

  return {
    add(room, sends, send) {
      if (waiting.size === 0 && spent < sendsPerTurn) {
        spent += sends;
        send();
        // The sends spent are counted until the next turn.
        scheduleTurn();
        return;
      }
      const jobs = waiting.get(room);
      if (jobs) jobs.push({ sends, send });
      else waiting.set(room, [{ sends, send }]);
      scheduleTurn();
    },
    flush() {
      while (runNext());
    },
  };
}
