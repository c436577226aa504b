/**
 * The fault panel's backend: turns a preset into sandbox faults through the
 * sandbox's own admin routes (`/__sandbox/faults`), exactly as a developer would
 * with curl. Only presets are accepted, so the page cannot arm arbitrary faults.
 */
import type { SandboxFault } from '../../src/sandbox/index.js';
import { FAULT_PRESETS, isFaultPreset, type FaultPreset, type FaultState } from '../shared/faults.js';
import { errorJson, isCrossSite, json, readFields, unreadableBody } from './http.js';

/** How long the wallet handler waits for the gateway in the demo; the "Timeouts" preset waits longer. */
export const DEMO_GATEWAY_TIMEOUT_MS = 4000;

// Faults name no method, so CORS preflights still pass and the browser sees the real failure.
const FAULTS: Record<FaultPreset, Omit<SandboxFault, 'path'>[]> = {
  slow: [{ latencyMs: 2500 }],
  errors: [{ status: 500 }],
  timeout: [{ latencyMs: DEMO_GATEWAY_TIMEOUT_MS + 2000 }],
  drop: [{ dropConnection: true }],
};

export function createFaultPanel(sandboxUrl: string) {
  let active: FaultPreset | null = null;
  const admin = `${sandboxUrl}/__sandbox/faults`;

  async function send(method: 'POST' | 'DELETE', fault?: object): Promise<void> {
    const response = await fetch(admin, {
      method,
      ...(fault ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...fault, path: '/v1' }) } : {}),
      signal: AbortSignal.timeout(3000),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`The sandbox answered ${response.status} to ${method} ${admin}.`);
  }

  const state = (): FaultState => ({ active });

  async function handle(request: Request): Promise<Response> {
    if (request.method === 'GET') return json(200, state());
    if (isCrossSite(request)) return errorJson(403, 'forbidden', 'Cross-site requests may not change faults.');
    try {
      if (request.method === 'DELETE') {
        await send('DELETE');
        active = null;
        return json(200, state());
      }
      if (request.method === 'POST') {
        let preset: string | undefined;
        try {
          ({ preset } = await readFields(request));
        } catch (error) {
          return unreadableBody(error, 'The fault preset');
        }
        if (!isFaultPreset(preset))
          return errorJson(400, 'invalid_request', `preset must be one of ${Object.keys(FAULT_PRESETS).join(', ')}.`);
        await send('DELETE');
        active = null;
        for (const fault of FAULTS[preset]) await send('POST', fault);
        active = preset;
        return json(200, state());
      }
    } catch {
      return errorJson(502, 'sandbox_unreachable', 'The sandbox admin routes did not answer.');
    }
    return errorJson(405, 'invalid_request', 'Use GET, POST or DELETE.');
  }

  return { handle, clear: () => send('DELETE').then(() => void (active = null)) };
}
