/** The store contracts, run against the in-memory stores (one process: every instance is the same object). */
import { createKeyedLock } from '../../src/server/keyed-lock.js';
import { MemoryIdempotencyStore, MemoryRateLimitStore, MemorySaveNoteStore } from '../../src/server/stores.js';
import { idempotencyContract, lockContract, rateLimitContract, saveNoteContract, type Shared } from './stores.contract.js';

const one = <T>(store: T): Shared<T> => ({ instance: () => store });

rateLimitContract('memory', () => one(new MemoryRateLimitStore()));
idempotencyContract('memory', () => one(new MemoryIdempotencyStore()));
saveNoteContract('memory', () => one(new MemorySaveNoteStore()));
lockContract('memory', () => one(createKeyedLock()));
