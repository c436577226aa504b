/**
 * The chrome every demo page shares: who is signed in, the sandbox-only bits,
 * copy buttons, and the fault panel that switches sandbox gateway faults on and off.
 */
import { FAULT_PRESETS, isFaultPreset, type FaultPreset, type FaultState } from '../shared/faults.js';
import { session, type DemoSession } from './session.js';

function showSession(current: DemoSession): void {
  const who = document.querySelector<HTMLElement>('[data-shopper]');
  const signOut = document.querySelector<HTMLFormElement>('[data-signout]');
  if (who) {
    if (current.shopper) {
      who.textContent = 'Signed in as ';
      const name = document.createElement('strong');
      name.textContent = current.shopper.name;
      who.append(name);
    } else {
      who.textContent = 'Not signed in';
    }
  }
  if (signOut) signOut.hidden = current.shopper === null;
  for (const element of document.querySelectorAll<HTMLElement>('[data-sandbox-only]')) element.hidden = current.gateway !== 'sandbox';
  for (const element of document.querySelectorAll<HTMLElement>('[data-live-only]')) element.hidden = current.gateway === 'sandbox';
}

function wireCopyButtons(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-copy]')) {
    button.addEventListener('click', () => {
      const source = document.getElementById(button.dataset.copy ?? '');
      if (!source) return;
      const label = button.textContent;
      navigator.clipboard.writeText(source.textContent ?? '').then(
        () => {
          button.textContent = 'Copied';
          setTimeout(() => (button.textContent = label), 1500);
        },
        () => {
          // Clipboard access refused (an insecure origin, a denied permission): select the text instead.
          const range = document.createRange();
          range.selectNodeContents(source);
          getSelection()?.removeAllRanges();
          getSelection()?.addRange(range);
        },
      );
    });
  }
}

/** The languages the elements speak, each named in itself. */
const LANGUAGES: [lang: string, name: string][] = [
  ['en', 'English'],
  ['es', 'Español'],
  ['fr', 'Français'],
  ['de', 'Deutsch'],
  ['pt-BR', 'Português (Brasil)'],
  ['it', 'Italiano'],
  ['nl', 'Nederlands'],
  ['ja', '日本語'],
  ['ar', 'العربية'],
];
const LANGUAGE_KEY = 'demo-language';

/** Sets the page's language (and direction) as a merchant's site would: the elements follow `<html lang>` by themselves. */
function setLanguage(lang: string): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
}

/** A language picker in the header; the choice is kept for the next page. */
function wireLanguagePicker(): void {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  if (saved && LANGUAGES.some(([lang]) => lang === saved)) setLanguage(saved);
  const session = document.querySelector<HTMLElement>('[data-session]');
  if (!session) return;
  // The layout puts the picker in the header from the first paint (so the header never grows); a page without it gets one here.
  const rendered = session.querySelector<HTMLSelectElement>('select[data-language]');
  const label = document.createElement('label');
  label.className = 'language';
  // The picker's own label stays English, like the rest of the demo's page; each option is named in its language.
  label.lang = 'en';
  label.append('Language ');
  const select = rendered ?? document.createElement('select');
  select.dataset.language = '';
  for (const [lang, name] of LANGUAGES) {
    const option = new Option(name, lang, false, lang === document.documentElement.lang);
    option.lang = lang;
    select.append(option);
  }
  select.addEventListener('change', () => {
    setLanguage(select.value);
    localStorage.setItem(LANGUAGE_KEY, select.value);
  });
  if (rendered) return;
  label.append(select);
  session.prepend(label);
}

async function faultRequest(method: 'GET' | 'POST' | 'DELETE', preset?: FaultPreset): Promise<FaultState> {
  const response = await fetch('/api/demo/faults', {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...(preset ? { 'Content-Type': 'application/json' } : {}) },
    ...(preset ? { body: JSON.stringify({ preset }) } : {}),
  });
  if (!response.ok) throw new Error(`The fault panel's backend answered ${response.status}.`);
  return (await response.json()) as FaultState;
}

function wireFaultPanel(): void {
  const panel = document.querySelector<HTMLElement>('[data-fault-panel]');
  if (!panel) return;
  const state = panel.querySelector<HTMLElement>('[data-fault-state]');
  const status = panel.querySelector<HTMLElement>('[data-fault-status]');
  const buttons = [...panel.querySelectorAll<HTMLButtonElement>('[data-fault]')];

  const render = ({ active }: FaultState): void => {
    for (const button of buttons) {
      if (button.dataset.fault !== 'clear') button.setAttribute('aria-pressed', String(button.dataset.fault === active));
    }
    if (state) {
      state.textContent = active ? FAULT_PRESETS[active].label.toLowerCase() : 'off';
      state.toggleAttribute('data-active', active !== null);
    }
    // A fault left on from another tab should not go unnoticed.
    if (active) panel.querySelector('details')?.setAttribute('open', '');
  };

  panel.hidden = false;
  faultRequest('GET').then(render, () => {});
  for (const button of buttons) {
    button.addEventListener('click', async () => {
      const fault = button.dataset.fault;
      const preset = isFaultPreset(fault) ? fault : undefined;
      buttons.forEach(b => (b.disabled = true));
      try {
        const next = await faultRequest(preset ? 'POST' : 'DELETE', preset);
        render(next);
        if (status)
          status.textContent = next.active
            ? `${FAULT_PRESETS[next.active].description} Use the wallet to see how it copes.`
            : 'Faults cleared. The gateway answers normally again.';
      } catch {
        if (status) status.textContent = 'The sandbox did not answer. Is the demo still running?';
      } finally {
        buttons.forEach(b => (b.disabled = false));
      }
    });
  }
}

wireCopyButtons();
wireLanguagePicker();
session().then(
  current => {
    showSession(current);
    if (current.faults) wireFaultPanel();
  },
  () => {
    const who = document.querySelector<HTMLElement>('[data-shopper]');
    if (who) who.textContent = 'The demo backend is not answering.';
  },
);
