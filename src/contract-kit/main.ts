/**
 * The command line of the conformance kit, apart from the executable (`cli.ts`) so
 * that it can be run in-process: parses the arguments, runs the checks, prints the report.
 * Exit code 0 when every check that ran passed, 1 when one failed, 2 for wrong usage.
 */
import { parseArgs } from 'node:util';
import { runContract, type ContractReport } from './index.js';

const USAGE = `Usage: ecrypt-wallet-contract <endpoint URL> --cookie <Cookie header> [options]

Checks a wallet endpoint (any language) against docs/contract.md. It saves and removes
test cards in the test shopper's wallet: point it at a backend that uses a test gateway.

  --cookie <header>              The Cookie header of a signed-in test shopper (required)
  --new-shopper-cookie <header>  A signed-in shopper without a gateway customer yet (lazy creation checks)
  --origin <origin>              The origin of the page the elements are on (default: the endpoint's)
  --clear                        Remove the test shopper's methods first instead of stopping
  --expires <MMYY>               Expiry of the test cards (default 1235)
  --verbose                      Print every request and answer (never a card number)
  --json                         Print the report as JSON

Example: npx ecrypt-wallet-contract http://localhost:8000/api/wallet --cookie "session=abc"`;

/** The report as lines of text, one per check, failures with their reason. */
export function formatReport(report: ContractReport, verbose = false): string {
  const lines: string[] = [];
  if (verbose) {
    for (const exchange of report.exchanges)
      lines.push(`  ${exchange.method} ${exchange.path} -> ${exchange.status} ${exchange.text.slice(0, 500)}`);
    lines.push('');
  }
  const mark = { pass: 'ok  ', fail: 'FAIL', skip: 'skip' } as const;
  for (const result of report.results) {
    lines.push(`${mark[result.status]} ${result.id}: ${result.title}`);
    if (result.detail) lines.push(`       ${result.detail}`);
  }
  const count = (status: string) => report.results.filter(result => result.status === status).length;
  lines.push('', `${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`);
  return lines.join('\n');
}

/** Runs the command line; answers the exit code. */
export async function main(argv: string[], out: (text: string) => void = text => process.stdout.write(`${text}\n`)): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        cookie: { type: 'string' },
        'new-shopper-cookie': { type: 'string' },
        origin: { type: 'string' },
        clear: { type: 'boolean', default: false },
        expires: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    out(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const endpoint = positionals[0];
  if (positionals.length !== 1 || endpoint === undefined || !/^https?:\/\//.test(endpoint) || !values.cookie) {
    out(USAGE);
    return 2;
  }
  const report = await runContract({
    endpoint,
    cookie: values.cookie,
    newShopperCookie: values['new-shopper-cookie'],
    origin: values.origin,
    clear: values.clear,
    expires: values.expires,
  });
  out(values.json ? JSON.stringify(report, null, 2) : formatReport(report, values.verbose));
  return report.passed ? 0 : 1;
}
