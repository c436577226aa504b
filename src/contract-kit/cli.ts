#!/usr/bin/env node
/**
 * `npx ecrypt-wallet-contract <endpoint> --cookie <Cookie header>`: runs the wallet
 * contract's checks against a running backend and prints one line per check.
 */
import { main } from './main.js';

main(process.argv.slice(2)).then(
  code => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
