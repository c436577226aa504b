/** The fault panel's presets: what the demo can make the sandbox gateway do. */
export const FAULT_PRESETS = {
  slow: { label: 'Slow gateway', description: 'Every gateway call takes 2.5 seconds.' },
  errors: { label: 'Gateway 500s', description: 'Every gateway call fails with 500.' },
  timeout: { label: 'Timeouts', description: 'Gateway calls take longer than the backend waits.' },
  drop: { label: 'Dropped connections', description: 'The gateway closes every connection without answering.' },
} as const;

export type FaultPreset = keyof typeof FAULT_PRESETS;

export function isFaultPreset(value: unknown): value is FaultPreset {
  return typeof value === 'string' && Object.hasOwn(FAULT_PRESETS, value);
}

/** `GET /api/demo/faults` and the answer to every change. */
export interface FaultState {
  active: FaultPreset | null;
}
