/**
 * The three lazily loaded chunks of `<ecrypt-add-card>`, each its own dynamic `import()`
 * so that it ships apart: the gateway tokenizer and the outcome wording (fetched as the
 * shopper starts typing) and the bank account fields (fetched when the backend offers
 * them). The element takes its loaders as a property, so a page can supply its own (from
 * another URL, say) and a test can supply one that fails.
 */
import type { ReactiveControllerHost } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import type * as tokenizerModule from '../../client/tokenizer.js';
import type * as outcomeModule from './ecrypt-add-card.outcome.js';
import type * as bankModule from './ecrypt-add-card.bank.js';

/** Loads each lazy chunk of the add form. */
export interface AddCardLoaders {
  /** The gateway tokenizer (`createGatewayTokenizer`), unless a `tokenizer` is supplied. */
  tokenizer: () => Promise<typeof tokenizerModule>;
  /** What the form says once a save has been tried, and how a failure maps to it. */
  outcome: () => Promise<typeof outcomeModule>;
  /** The bank account fields. */
  bank: () => Promise<typeof bankModule>;
}

/** The chunks as built with the element. */
export const defaultLoaders: AddCardLoaders = {
  tokenizer: () => import('../../client/tokenizer.js'),
  outcome: () => import('./ecrypt-add-card.outcome.js'),
  bank: () => import('./ecrypt-add-card.bank.js'),
};

/**
 * One lazy chunk as a `Task` of its host: loaded on demand, once, its state rendered
 * like any task's; after a failure the next demand loads it again.
 */
export class ChunkTask<T> extends Task<[], T> {
  constructor(host: ReactiveControllerHost, load: () => Promise<T>) {
    super(host, { task: load, args: () => [], autoRun: false });
  }

  /** The chunk once it has loaded. */
  get loaded(): T | undefined {
    return this.status === TaskStatus.COMPLETE ? this.value : undefined;
  }

  /** Starts loading the chunk unless it is there or on its way; a failure shows in `status` only. */
  warm(): void {
    if (this.status !== TaskStatus.COMPLETE && this.status !== TaskStatus.PENDING) void this.run();
  }

  /** The chunk, loaded now if need be; rejects when it cannot be loaded. */
  async load(): Promise<T> {
    this.warm();
    return this.taskComplete;
  }
}
