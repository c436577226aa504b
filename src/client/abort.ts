/**
 * A signal that aborts as soon as any of `signals` does, with that signal's reason.
 * `AbortSignal.any` where the browser has it (Chromium 116, Firefox 124, Safari
 * 17.4); linked by hand elsewhere, so that the elements still load in the Safari
 * 16.4–17.3 that form-associated custom elements otherwise allow.
 */
export function anySignal(signals: AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(signals);
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    // Listening through the combined signal drops every listener once it has fired.
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true, signal: controller.signal });
  }
  return controller.signal;
}
