#!/usr/bin/env node
/** `npx ecrypt-sandbox [--port 8787] [--host 127.0.0.1] [--allow-origin URL]`: the sandbox as an HTTP server. */
import { main } from './standalone.js';

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
