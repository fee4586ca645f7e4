/// <reference types="mocha" />
// A virtual list resizes rows as it renders them; Chromium reports that as the benign
// "ResizeObserver loop completed with undelivered notifications" error event (nothing is lost:
// the notifications come in the next frame). Mocha would fail the running test on it.
before(() => {
  const original = window.onerror;
  window.onerror = (message, ...rest) => (String(message).includes('ResizeObserver loop') ? true : original?.call(window, message, ...rest));
});
