/** Path of a Chromium for tests: $CHROME_PATH, an installed one, else the one inside @sparticuz/chromium. */
export function findChromium(): Promise<string>;
/** Flags for headless Chromium on a closed network, with a fresh user-data dir. */
export function chromiumArgs(): string[];
