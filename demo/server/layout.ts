/**
 * The demo's page routes and shared chrome. A small Vite plugin puts the same
 * header (brand, main navigation, signed-in shopper) and the sandbox fault panel
 * into every page, so the pages themselves hold only their own content; and it
 * serves `/ecrypt-wallet.js` / `/ecrypt-add-card.js` from the sources, so the embed
 * page uses the very snippet a CMS block would.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { FAULT_PRESETS } from '../shared/faults.js';
import { DEMO_SHOPPERS, displayName } from './shoppers.js';

export interface DemoPage {
  path: string;
  file: string;
  title: string;
  /** Shown in the main navigation. */
  nav?: string;
  /** Only for a signed-in shopper; others are sent to sign in first. */
  private: boolean;
}

export const PAGES: readonly DemoPage[] = [
  { path: '/', file: '/index.html', title: 'Sign in', nav: 'Sign in', private: false },
  { path: '/account', file: '/account.html', title: 'Payment methods', nav: 'Account', private: true },
  { path: '/checkout', file: '/checkout.html', title: 'Checkout', nav: 'Checkout', private: true },
  { path: '/order', file: '/order.html', title: 'Order', private: true },
  { path: '/theming', file: '/theming.html', title: 'Theming', nav: 'Theming', private: true },
  { path: '/embed', file: '/embed.html', title: 'Embed', nav: 'Embed', private: true },
];

export function pageFor(pathname: string): DemoPage | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '').replace(/\.html$/, '') : pathname;
  return PAGES.find(page => page.path === path || (path === '/index' && page.path === '/'));
}

const ELEMENT_MODULES: Record<string, string> = {
  '/ecrypt-wallet.js': fileURLToPath(new URL('../../src/components/ecrypt-wallet/ecrypt-wallet.ts', import.meta.url)),
  '/ecrypt-add-card.js': fileURLToPath(new URL('../../src/components/ecrypt-add-card/ecrypt-add-card.ts', import.meta.url)),
};

function header(current: DemoPage | undefined): string {
  const links = PAGES.filter(page => page.nav)
    .map(page => {
      const here = current?.path === page.path ? ' aria-current="page"' : '';
      return `<li><a href="${page.path}"${here}>${page.nav}</a></li>`;
    })
    .join('');
  return `<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <div class="site-header__inner">
    <a class="brand" href="/"><svg class="brand__mark" viewBox="0 0 24 24" aria-hidden="true"><path d="M4 10h13a3 3 0 0 1 0 6h-1.2A6 6 0 0 1 10 20H9a5 5 0 0 1-5-5v-5Zm12 2v2h1a1 1 0 0 0 0-2h-1ZM7 3c1 1.2 1 2.3 0 3.5M10.5 3c1 1.2 1 2.3 0 3.5M14 3c1 1.2 1 2.3 0 3.5" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/></svg><span>Larkspur Coffee</span></a>
    <nav class="site-nav" aria-label="Main"><ul>${links}</ul></nav>
    <div class="session" data-session>
      <label class="language" lang="en">Language <select data-language></select></label>
      <span class="session__who" data-shopper></span>
      <form method="post" action="/api/session/end" data-signout hidden><button type="submit" class="button button--quiet">Sign out</button></form>
    </div>
  </div>
</header>`;
}

/** The fault panel; shown from the first paint when the demo runs on the sandbox, so nothing moves when it is wired up. */
function faultPanel(shown: boolean): string {
  const buttons = Object.entries(FAULT_PRESETS)
    .map(
      ([id, preset]) =>
        `<button type="button" class="button button--small" data-fault="${id}" aria-pressed="false" title="${preset.description}">${preset.label}</button>`,
    )
    .join('');
  return `<aside class="fault-panel" aria-labelledby="fault-panel-title" data-fault-panel${shown ? '' : ' hidden'}>
  <details>
    <summary><span id="fault-panel-title">Sandbox faults</span> <span class="fault-panel__state" data-fault-state>off</span></summary>
    <p class="fault-panel__hint">Make the sandbox gateway misbehave and watch how the wallet copes.</p>
    <div class="fault-panel__buttons" role="group" aria-label="Gateway faults">${buttons}<button type="button" class="button button--small button--quiet" data-fault="clear">Clear faults</button></div>
    <p class="fault-panel__status" role="status" data-fault-status></p>
  </details>
</aside>`;
}

function shopperChoices(): string {
  return DEMO_SHOPPERS.map(
    (shopper, i) => `<label class="shopper">
  <input type="radio" name="shopper" value="${shopper.id}"${i === 0 ? ' checked' : ''} aria-describedby="shopper-${shopper.id}" />
  <span class="shopper__name">${displayName(shopper)} <small>${shopper.email}</small></span>
  <span class="shopper__summary" id="shopper-${shopper.id}">${shopper.summary}</span>
</label>`,
  ).join('\n');
}

/**
 * The Vite plugin: shared header and fault panel in every page, element modules at stable URLs.
 * `faultPanel`: the sandbox's fault panel is available (the page still wires it up itself).
 */
export function demoLayout({ faultPanel: withFaultPanel = false }: { faultPanel?: boolean } = {}): Plugin {
  return {
    name: 'ecrypt-demo-layout',
    resolveId(id) {
      return ELEMENT_MODULES[id];
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        const page = pageFor(ctx.path);
        return html
          .replace('</head>', '  <link rel="icon" href="/favicon.svg" type="image/svg+xml" />\n  </head>')
          .replace('<!-- demo:header -->', header(page))
          .replace('<!-- demo:faults -->', faultPanel(withFaultPanel))
          .replace('<!-- demo:shoppers -->', shopperChoices());
      },
    },
  };
}
