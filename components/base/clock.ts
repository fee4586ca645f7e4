// One timer for every countdown on the page. A list of 50 SLA badges ticks once, not 50 times,
// and only badges that are rendered (the visible rows of a virtual list) listen.
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

/** The clock's period: countdowns show minutes, so a tick every 15 s keeps them at most 15 s late. */
export const CLOCK_PERIOD_MS = 15_000;

/** Calls `listener` on every tick of the shared clock until the returned function is called. */
export function onClockTick(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(tickClock, CLOCK_PERIOD_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** Ticks now: every listener re-reads its client's clock (also what tests call after moving a fake clock). */
export function tickClock(): void {
  for (const listener of [...listeners]) listener();
}
