/**
 * A fake clock for browser tests of time rules and SLA clocks: pass `clock.now` to
 * `createClient({ now })`; timers of a minute or more (SLA warnings and breaches, automation
 * wake-ups) wait for `advance()` instead of real time, shorter ones (debounces, Lit, test
 * polling) run as usual. Mocha keeps its own timer references, so its timeouts stay real.
 */
export interface FakeClock {
  now(): number;
  /** Moves the clock on and runs every held timer that falls due, in order. */
  advance(ms: number): void;
  /** Puts the real timers back. */
  uninstall(): void;
}

const LONG_MS = 60_000;

export function installFakeClock(start: number): FakeClock {
  let now = start;
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  const held = new Map<number, { at: number; fn: () => void }>();
  let nextId = 1_000_000_000;
  globalThis.setTimeout = ((fn: () => void, ms = 0, ...args: unknown[]) => {
    if (ms < LONG_MS) return realSet(fn, ms, ...args);
    const id = nextId++;
    held.set(id, { at: now + ms, fn: () => fn(...(args as [])) });
    return id;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((id?: number) => {
    if (id !== undefined && held.delete(id)) return;
    realClear(id);
  }) as typeof clearTimeout;
  return {
    now: () => now,
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...held.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        held.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
      }
      now = until;
    },
    uninstall() {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    },
  };
}
