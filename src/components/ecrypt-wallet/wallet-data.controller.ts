import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task, TaskStatus, initialState, type StatusRenderer } from '@lit/task';
import type { PaymentMethod, WalletState } from '../../protocol/index.js';
import { WalletApiError, isOutcomeUnknown, listMethods, removeMethod, setDefaultMethod } from '../../client/wallet-client.js';
import { clean } from '../../events/wallet-events.js';
import * as walletList from '../../lib/wallet-list.js';

/** How a change sent to the backend ended, for the element to announce, dispatch and focus. */
export type ChangeOutcome =
  /**
   * The change is in effect: the backend confirmed it, or the wallet read after a failure shows it
   * (a removal the backend answered 404: the method was already gone). `method` is the method as the
   * backend now holds it (for a removal, as it was); `wallet` is the list now shown.
   */
  | { status: 'saved'; method: PaymentMethod; wallet: WalletState }
  /**
   * The change was not made, as far as `known` tells: the backend refused it (the list is back to
   * what it was), or the list shown is the backend's, answered with the refusal or read again
   * after it. Without `known`, the outcome was unknown and the wallet could not be read again: the
   * list is back to what it was before the change, which may not be true.
   */
  | { status: 'failed'; method: PaymentMethod; error: unknown; known: boolean }
  /** Made default, the method turned out to be no longer saved; the list shown is the backend's, without it. */
  | { status: 'gone'; method: PaymentMethod; error: unknown }
  /** The endpoint changed or the element left the page first: nothing of it may be shown. */
  | { status: 'abandoned' };

/** What the element hears from the data it does not own. */
export interface WalletDataOptions {
  /** The endpoint the list belongs to. */
  endpoint(): string;
  /** A list arrived from a load (first load, `reload()` or the reload after coming back). */
  onLoaded(methods: readonly PaymentMethod[]): void;
  /** A load failed. */
  onLoadFailed(error: unknown): void;
  /** A change began or ended. */
  onBusyChange(busy: boolean): void;
}

/**
 * Owns the wallet's data: the load of the list, the one copy of it, and the
 * changes sent to the backend with their optimistic step and exact rollback
 * (`src/lib/wallet-list.ts`). A change never leaves a list that may be untrue:
 * after a refusal the backend answered (a `4xx` with its code) the rollback is
 * exact; when the answer carries the wallet (`change_failed`, `not_found`),
 * that wallet is shown; when the outcome is unknown (another `5xx`, a timeout,
 * a lost connection, an unreadable answer) the list is read again and shown,
 * and the outcome is what it says. A change in flight is abandoned when the endpoint
 * changes or the element leaves the page; when an element that left during a
 * change comes back, the list is loaded again, as the server may or may not
 * have made it.
 */
export class WalletDataController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: WalletDataOptions;
  /** The one copy of the list, with the endpoint it came from. */
  #list?: { endpoint: string; methods: PaymentMethod[]; limit: number };
  /** How many answers from the server have been taken: a rollback never overrides one that arrived after its change began. */
  #serverAnswers = 0;
  /** Aborts the change in flight. */
  #changeAbort?: AbortController;
  #busy = false;
  /** A change was abandoned by leaving the page, so the list shown may not be the server's. */
  #leftDuringChange = false;
  /** The endpoint of the last host update, to tell when it changes. */
  #endpoint?: string;

  readonly #load: Task<readonly [string], WalletState>;

  constructor(host: ReactiveControllerHost, options: WalletDataOptions) {
    this.#host = host;
    this.#options = options;
    // Added before the task, so that a changed endpoint drops the old list before the task loads the new one.
    host.addController(this);
    this.#load = new Task(host, {
      task: async ([endpoint], { signal }) => {
        if (!endpoint) return initialState;
        for (;;) {
          const answersBefore = this.#serverAnswers;
          // The client has checked that the answer carries a list.
          const wallet = await listMethods(endpoint, { signal });
          // A change answered while this list was on its way may be newer than it: ask again rather than undo it.
          if (this.#serverAnswers === answersBefore) return wallet;
        }
      },
      args: () => [options.endpoint()] as const,
      onComplete: wallet => {
        this.#take(wallet);
        options.onLoaded(this.methods ?? []);
      },
      onError: error => options.onLoadFailed(error),
    });
  }

  /** The list of the current endpoint; `undefined` until it has loaded. */
  get methods(): readonly PaymentMethod[] | undefined {
    const list = this.#list;
    return list && list.endpoint === this.#options.endpoint() ? list.methods : undefined;
  }

  /** How many methods the wallet may hold. */
  get limit(): number {
    return this.methods ? this.#list!.limit : Infinity;
  }

  /** Whether a change is waiting for the backend. */
  get busy(): boolean {
    return this.#busy;
  }

  /** Whether a load is on its way. */
  get loading(): boolean {
    return this.#load.status === TaskStatus.PENDING;
  }

  /** Whether the last load failed. */
  get loadFailed(): boolean {
    return this.#load.status === TaskStatus.ERROR;
  }

  /** Renders the state of the load. */
  render(renderers: StatusRenderer<WalletState>): unknown {
    return this.#load.render(renderers);
  }

  /** Loads the list again. */
  reload(): Promise<void> {
    return this.#load.run();
  }

  /**
   * Reads the list again without showing a load, after something that may have changed it
   * (a save whose outcome is unknown): a list that arrives replaces the one shown, unless the
   * server answered meanwhile or the endpoint changed; a failed read leaves the list as it is.
   */
  async recheck(): Promise<void> {
    const endpoint = this.#options.endpoint();
    const answersBefore = this.#serverAnswers;
    let wallet: WalletState;
    try {
      wallet = await listMethods(endpoint);
    } catch {
      return;
    }
    if (endpoint !== this.#options.endpoint() || this.#serverAnswers !== answersBefore) return;
    this.#take(wallet);
  }

  hostConnected(): void {
    if (this.#leftDuringChange) {
      this.#leftDuringChange = false;
      void this.reload();
    }
  }

  hostDisconnected(): void {
    this.#leftDuringChange ||= this.#busy;
    this.#abandonChange();
  }

  hostUpdate(): void {
    const endpoint = this.#options.endpoint();
    if (this.#endpoint !== undefined && endpoint !== this.#endpoint) {
      this.#abandonChange();
      this.#list = undefined;
    }
    this.#endpoint = endpoint;
  }

  /** Makes `method` the default: at once in the list, then at the backend. */
  async setDefault(method: PaymentMethod): Promise<ChangeOutcome> {
    const { methods, change } = walletList.makeDefault(this.methods ?? [], method.id);
    return this.#send({
      optimistic: methods,
      request: signal => setDefaultMethod(this.#options.endpoint(), method.id, { signal }),
      made: wallet => walletList.defaultId(wallet.methods) === method.id,
      saved: wallet => wallet.methods.find(saved => saved.id === method.id) ?? { ...method, isDefault: true },
      undo: current => walletList.undoMakeDefault(current, change),
      method,
    });
  }

  /** Removes `method`: at once from the list, then at the backend. */
  async remove(method: PaymentMethod): Promise<ChangeOutcome> {
    const removed = walletList.removeMethod(this.methods ?? [], method.id);
    if (!removed) return { status: 'abandoned' };
    const { methods, removal } = removed;
    return this.#send({
      optimistic: methods,
      request: signal => removeMethod(this.#options.endpoint(), method.id, { signal }),
      made: wallet => !wallet.methods.some(saved => saved.id === method.id),
      saved: () => removal.method,
      undo: current => walletList.undoRemove(current, removal),
      method: removal.method,
    });
  }

  /**
   * Takes a method saved elsewhere (the add form): the wallet the backend answered
   * when there is one, or else the method joins the list as it stands.
   */
  add(added: PaymentMethod, wallet: WalletState | undefined): void {
    if (wallet) this.#take(wallet);
    else if (this.methods) this.#setMethods(walletList.addMethod(this.methods, clean(added)));
  }

  /**
   * Takes a default changed elsewhere (the add form, for a duplicate): the wallet
   * the backend answered when there is one, or else the flags change in the list
   * as it stands. Answers whether there was a list to change.
   */
  defaultChanged(id: string, wallet: WalletState | undefined): boolean {
    if (wallet) this.#take(wallet);
    else if (this.methods) this.#setMethods(walletList.makeDefault(this.methods, id).methods);
    else return false;
    return true;
  }

  /**
   * Sends a change whose optimistic list is `optimistic`, then settles on what is true: the
   * answer; or the wallet a refusal carried; or the exact `undo` of a refusal (unless the server
   * answered since); or, when the outcome is unknown, the list read again.
   */
  async #send(change: Change): Promise<ChangeOutcome> {
    const { method } = change;
    const answersBefore = this.#serverAnswers;
    this.#setMethods(change.optimistic);
    const changeAbort = (this.#changeAbort = new AbortController());
    const { signal } = changeAbort;
    this.#setBusy(true);
    try {
      const wallet = await change.request(signal);
      if (signal.aborted) return { status: 'abandoned' };
      this.#take(wallet);
      return { status: 'saved', method: change.saved(wallet), wallet };
    } catch (error) {
      if (signal.aborted) return { status: 'abandoned' };
      const truth = await this.#truthAfter(error, signal);
      if (signal.aborted) return { status: 'abandoned' };
      if (typeof truth === 'string') {
        // A list the server sent meanwhile says where things stand: then nothing goes back.
        if (this.#serverAnswers === answersBefore && this.#list) this.#setMethods(change.undo(this.#list.methods));
        return { status: 'failed', method, error, known: truth === 'refused' };
      }
      this.#take(truth);
      if (change.made(truth)) return { status: 'saved', method: change.saved(truth), wallet: truth };
      if (!truth.methods.some(saved => saved.id === method.id)) return { status: 'gone', method, error };
      return { status: 'failed', method, error, known: true };
    } finally {
      if (!signal.aborted) this.#setBusy(false);
    }
  }

  /**
   * The wallet as the backend holds it after a failed change: the one the answer carried, or
   * else, when the outcome is unknown or the method was not found, the list read again;
   * `refused` for a definite refusal (nothing changed), `unknown` when the list cannot be read.
   */
  async #truthAfter(error: unknown, signal: AbortSignal): Promise<WalletState | 'refused' | 'unknown'> {
    const answered = error instanceof WalletApiError ? error : undefined;
    if (answered?.details.wallet) return answered.details.wallet;
    if (!isOutcomeUnknown(error) && answered?.code !== 'not_found') return 'refused';
    try {
      return await listMethods(this.#options.endpoint(), { signal });
    } catch {
      return 'unknown';
    }
  }

  /** Takes a list the server sent. */
  #take(wallet: WalletState): void {
    this.#serverAnswers++;
    this.#list = { endpoint: this.#options.endpoint(), methods: wallet.methods.map(clean), limit: wallet.limit };
    this.#host.requestUpdate();
  }

  #setMethods(methods: PaymentMethod[]): void {
    if (!this.#list) return;
    this.#list = { ...this.#list, methods };
    this.#host.requestUpdate();
  }

  /** Abandons the change in flight: its answer, rollback, events and focus would belong to a wallet no longer shown. */
  #abandonChange(): void {
    this.#changeAbort?.abort();
    this.#setBusy(false);
  }

  #setBusy(busy: boolean): void {
    if (this.#busy === busy) return;
    this.#busy = busy;
    this.#options.onBusyChange(busy);
    this.#host.requestUpdate();
  }
}

/** A change to send: its optimistic list, its request, and how to tell from a wallet whether it was made. */
interface Change {
  optimistic: PaymentMethod[];
  request: (signal: AbortSignal) => Promise<WalletState>;
  /** Whether `wallet` shows the change made. */
  made: (wallet: WalletState) => boolean;
  /** The method as `wallet` shows it once the change is made. */
  saved: (wallet: WalletState) => PaymentMethod;
  /** The exact undo, applied to the list as it stands. */
  undo: (current: readonly PaymentMethod[]) => PaymentMethod[];
  method: PaymentMethod;
}
