export * from './wallet.js';
export * from './tokens.js';
