/** A timer handle: a number in browsers, an object in Node. */
export type TimerHandle = unknown;

// Timers exist in every runtime the core supports (browsers, Node, mini-program logic
// layers), but the core compiles without DOM or Node typings, so they are typed here.
const host = globalThis as unknown as {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
};

/** Calls `callback` after `ms` milliseconds. */
export function setTimer(callback: () => void, ms: number): TimerHandle {
  return host.setTimeout(callback, ms);
}

/** Cancels a {@link setTimer}; ignores `undefined`. */
export function clearTimer(handle: TimerHandle): void {
  if (handle !== undefined) host.clearTimeout(handle);
}
