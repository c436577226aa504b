import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadTranslations, matchLocale, sourceLocale, translationsAtHand, type Locale, type Translations } from '../../locales/index.js';

type Host = ReactiveControllerHost & HTMLElement;

/** The connected elements that follow `lang`, told when any `lang` in the document changes. */
const following = new Set<LocaleController>();
let observer: MutationObserver | undefined;

/** Watches every `lang` attribute of the document while at least one element follows one. */
function watch(controller: LocaleController): void {
  following.add(controller);
  if (observer || typeof MutationObserver === 'undefined') return;
  observer = new MutationObserver(() => following.forEach(each => each.langChanged()));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

function unwatch(controller: LocaleController): void {
  following.delete(controller);
  if (!following.size) {
    observer?.disconnect();
    observer = undefined;
  }
}

/** The `lang` that applies to `element`: its own, or its nearest ancestor's, across shadow roots. */
export function langOf(element: Element): string {
  for (let node: Element | null = element; node;) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
  }
  return '';
}

/**
 * The locale an element speaks, as Web Awesome's localize controller finds it:
 * the element's own `lang` or else the nearest ancestor's, watched for changes
 * (one `MutationObserver` on the document for every element). It loads that
 * locale's translations, updates the host when they arrive, and says through
 * `ready` when the host's text is in its locale.
 */
export class LocaleController implements ReactiveController {
  /** The locale the host speaks now (its translations loaded). */
  locale: Locale = sourceLocale;
  #translations: Translations = {};
  #wanted: Locale = sourceLocale;
  #ready: Promise<void> = Promise.resolve();

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  /** Resolves once the translations of the locale the host asks for are in place. */
  get ready(): Promise<void> {
    return this.#ready;
  }

  /** The translation of message `id`, if the locale has one. */
  translation(id: string): string | undefined {
    return Object.hasOwn(this.#translations, id) ? this.#translations[id] : undefined;
  }

  hostConnected(): void {
    watch(this);
    this.langChanged();
  }

  hostDisconnected(): void {
    unwatch(this);
  }

  /** Looks at `lang` again, and switches locale when it names another one. */
  langChanged(): void {
    const wanted = matchLocale(langOf(this.host));
    if (wanted === this.#wanted) return;
    this.#wanted = wanted;
    const atHand = translationsAtHand(wanted);
    if (atHand) {
      // Already fetched for another element: this one speaks it from its first render.
      this.locale = wanted;
      this.#translations = atHand;
      this.#ready = Promise.resolve();
      this.host.requestUpdate();
      return;
    }
    this.#ready = loadTranslations(wanted).then(translations => {
      // A later change of `lang` wins over a locale still loading.
      if (this.#wanted !== wanted) return;
      this.locale = wanted;
      this.#translations = translations;
      this.host.requestUpdate();
    });
  }
}
