/**
 * Visual regression: each visual state of an element is put on a page once, then compared with
 * its committed baseline in light and dark, at 1200 px and 360 px wide (test/visual/baselines/).
 *
 * What keeps a screenshot the same from run to run: one font served by the test runner
 * ('Visual Sans', see scripts/visual.mjs), the test clock, the in-page backend (real handler
 * and sandbox), animations off through `prefers-reduced-motion`, no caret, device scale 1.
 */
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { visualDiff } from '@web/test-runner-visual-regression';
import { nextFrame, waitUntil } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import type { SeedMethod } from '../../src/sandbox/index.js';
import { createTestBackend, type TestBackend } from '../support/backend.js';

export const SCHEMES = ['light', 'dark'] as const;
export const WIDTHS = [1200, 360] as const;

/** The clock of the elements, the handler and the sandbox: 23 November 2026, local noon. */
export const NOW = new Date(2026, 10, 23, 12);
export const clock = () => NOW;

const PAGE_STYLES = `
  html, body { margin: 0; }
  .visual-frame {
    padding: 16px;
    font-family: 'Visual Sans';
    --ecrypt-font-family: 'Visual Sans';
    caret-color: transparent;
    background: #f5f6f8;
    color-scheme: light;
  }
  @media (prefers-color-scheme: dark) {
    .visual-frame { background: #0e1117; color-scheme: dark; }
  }
`;

let pageReady: Promise<void> | undefined;

/** Loads the test font and the page styles once; fails if the font cannot be used. */
function preparePage(): Promise<void> {
  pageReady ??= (async () => {
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: '/__visual-fonts.css' });
    const loaded = new Promise((resolve, reject) => {
      link.onload = resolve;
      link.onerror = () => reject(new Error('The test font stylesheet did not load.'));
    });
    document.head.append(link, Object.assign(document.createElement('style'), { textContent: PAGE_STYLES }));
    await loaded;
    for (const font of ["400 16px 'Visual Sans'", "700 16px 'Visual Sans'"]) {
      const faces = await document.fonts.load(font);
      if (faces.length === 0) throw new Error(`No face of ${font} could be loaded.`);
    }
  })();
  return pageReady;
}

/** The frame that is screenshot: padding around the element, the page background of the scheme. */
export interface Stage {
  frame: HTMLElement;
  /** Renders a template into the frame, replacing what was there. */
  show<E extends Element>(template: TemplateResult): E;
  remove(): void;
}

export async function stage(): Promise<Stage> {
  await preparePage();
  const frame = document.createElement('div');
  frame.className = 'visual-frame';
  document.body.append(frame);
  return {
    frame,
    show<E extends Element>(template: TemplateResult): E {
      render(template, frame);
      return frame.firstElementChild as E;
    },
    remove: () => frame.remove(),
  };
}

/** The animations running in `root` and in every shadow tree below it. */
function animations(root: Element): Animation[] {
  return [root, ...root.querySelectorAll('*')].flatMap(el => [
    ...el.getAnimations(),
    ...[...(el.shadowRoot?.children ?? [])].flatMap(animations),
  ]);
}

/**
 * One `it` per scheme and width, each comparing the frame with the baseline
 * `<name>-<scheme>-<width>.png`. The state is set up once, in `before`.
 */
export function screenshots(name: string, target: () => Stage | undefined): void {
  for (const scheme of SCHEMES) {
    for (const width of WIDTHS) {
      it(`looks as before in ${scheme}, ${width} px wide`, async () => {
        const current = target();
        if (!current) throw new Error(`The state ${name} was not set up.`);
        await setViewport({ width, height: 900 });
        await emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
        await document.fonts.ready;
        // Reduced motion turns the elements' animations off; any that a style still runs is held at its start.
        for (const animation of animations(current.frame)) {
          animation.pause();
          animation.currentTime = 0;
        }
        // The new viewport and media are laid out and painted before the screenshot.
        await nextFrame();
        await nextFrame();
        await visualDiff(current.frame, `${name}-${scheme}-${width}`);
      });
    }
  }
}

/**
 * A state for the screenshots of a `describe`: `setUp` runs once with a fresh in-page backend on
 * the test clock (restored afterwards) and a stage; the stage goes away after the last screenshot.
 */
export function visualState(name: string, setUp: (stage: Stage, backend: TestBackend) => Promise<void>): void {
  let current: Stage | undefined;
  let restore = () => {};
  before(async () => {
    const backend = createBackend();
    restore = backend.restore;
    current = await stage();
    await setUp(current, backend.backend);
  });
  after(() => {
    current?.remove();
    current = undefined;
    restore();
  });
  screenshots(name, () => current);
}

let nowMs = NOW.getTime();

/** The real handler and sandbox on a clock the test can move, installed as the page's fetch (with any `intercept`s) until `restore`. */
function createBackend(): { backend: TestBackend; restore: () => void } {
  const backend = createTestBackend({ now: () => nowMs, handlerOptions: { retry: { attempts: 1, baseDelayMs: 1 } } });
  return { backend, restore: backend.install() };
}

/**
 * Creates the shopper with these methods; those in `expired` are saved 60 days earlier, while
 * still valid, as a real wallet comes to hold a card that has since expired.
 */
export async function seedShopper(backend: TestBackend, methods: SeedMethod[], expired: SeedMethod[] = []): Promise<void> {
  if (expired.length === 0) {
    await backend.seedShopper(methods);
    return;
  }
  nowMs = NOW.getTime() - 60 * 86_400_000;
  try {
    await backend.seedShopper([...expired, ...methods]);
  } finally {
    nowMs = NOW.getTime();
  }
}

/**
 * Answers the requests `matches` picks with `answer` instead of the backend, from now until the
 * backend is restored. `never` leaves them unanswered (until aborted), as a slow network would.
 */
export function intercept(matches: (request: Request) => boolean, answer: ((request: Request) => Response) | 'never'): void {
  const inner = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input instanceof Request ? input : new URL(String(input), location.href), init);
    if (!matches(request)) return inner(input, init);
    if (answer !== 'never') return answer(request);
    return new Promise<Response>((_, reject) => {
      request.signal.addEventListener('abort', () => reject(request.signal.reason));
    });
  }) as typeof fetch;
}

/** A request to the merchant endpoint with this method whose path ends with `pathEnd`. */
export const route =
  (method: string, pathEnd: string | RegExp = /./) =>
  (request: Request): boolean => {
    const path = new URL(request.url).pathname;
    return (
      request.method === method &&
      path.startsWith('/api/wallet') &&
      (typeof pathEnd === 'string' ? path.endsWith(pathEnd) : pathEnd.test(path))
    );
  };

/** A contract error answer of the backend. */
export const failure = (status: number, code: string, message: string) => () =>
  Response.json({ error: { code, message, requestId: 'req_visual_1' } }, { status });

/** Waits until `query` finds something in the element's shadow root (or nested ones, through `>>>`). */
export async function shown(el: Element, query: string, message = `${query} did not show`): Promise<Element> {
  const find = () => {
    let scope: Element | ShadowRoot | null = el.shadowRoot;
    let found: Element | null = null;
    for (const part of query.split('>>>')) {
      found = scope?.querySelector(part.trim()) ?? null;
      scope = found?.shadowRoot ?? found;
    }
    return found;
  };
  await waitUntil(find, message, { timeout: 5000 });
  return find()!;
}

/** Waits until the element and every element in its shadow tree have rendered their last update. */
export async function updated(el: Element): Promise<void> {
  const pending = [el, ...(el.shadowRoot?.querySelectorAll('*') ?? [])].filter(
    (node): node is Element & { updateComplete: Promise<unknown> } => 'updateComplete' in node,
  );
  await Promise.all(pending.map(node => node.updateComplete));
  await nextFrame();
}
