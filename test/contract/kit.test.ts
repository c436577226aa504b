/**
 * The conformance kit run over HTTP, as a merchant runs it: against the project's own
 * handler and sandbox every check passes; against deliberately wrong backends the
 * checks for what they get wrong fail.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runContract, type ContractReport } from '../../src/contract-kit/index.js';
import { main } from '../../src/contract-kit/main.js';
import { assertDocumented } from './openapi.js';
import { PRIVATE_KEY, startHttpBackend, withHeaders, type HttpBackend, type HttpBackendOptions } from './http-backend.js';

function statuses(report: ContractReport): Record<string, string> {
  return Object.fromEntries(report.results.map(result => [result.id, result.status]));
}

function failed(report: ContractReport): string[] {
  return report.results.filter(result => result.status === 'fail').map(result => result.id);
}

async function runAgainst(options: HttpBackendOptions): Promise<ContractReport> {
  const backend = await startHttpBackend(options);
  try {
    return await runContract({ endpoint: backend.endpoint, cookie: await backend.shopper(), newShopperCookie: backend.newShopper() });
  } finally {
    await backend.close();
  }
}

describe("ecrypt-wallet-contract against the project's handler", () => {
  let backend: HttpBackend;
  let report: ContractReport;
  before(async () => {
    backend = await startHttpBackend();
    report = await runContract({ endpoint: backend.endpoint, cookie: await backend.shopper(), newShopperCookie: backend.newShopper() });
  });
  after(() => backend.close());

  it('passes every check, none skipped', () => {
    const notPassed = report.results.filter(result => result.status !== 'pass');
    assert.deepEqual(notPassed, []);
    assert.equal(report.passed, true);
    assert.ok(report.results.length >= 18, `ran ${report.results.length} checks`);
  });

  it('created one gateway customer for the first saves sent at once', () => {
    assert.deepEqual(
      [...backend.created.values()].map(ids => ids.length),
      [1],
    );
  });

  it('every answer it provoked matches docs/openapi.yaml', () => {
    assert.ok(report.exchanges.length > 40, `${report.exchanges.length} exchanges`);
    for (const exchange of report.exchanges)
      assertDocumented(exchange.method, exchange.path, exchange.status, exchange.headers, exchange.body);
  });

  it('never sends a card number to the endpoint, and no answer holds the private key', () => {
    for (const exchange of report.exchanges) {
      assert.doesNotMatch(exchange.requestBody ?? '', /\d{13}/);
      assert.ok(!exchange.text.includes(PRIVATE_KEY));
    }
    assert.ok(!backend.logs.some(line => line.includes(PRIVATE_KEY)));
  });

  it("is the package's ecrypt-wallet-contract bin, built from an executable source", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { bin: Record<string, string> };
    assert.equal(pkg.bin['ecrypt-wallet-contract'], './dist/node/contract-kit/cli.js');
    const source = readFileSync(new URL('../../src/contract-kit/cli.ts', import.meta.url), 'utf8');
    assert.ok(source.startsWith('#!/usr/bin/env node\n'));
    const node = JSON.parse(readFileSync(new URL('../../tsconfig.node.json', import.meta.url), 'utf8')) as { include: string[] };
    assert.ok(node.include.includes('src/contract-kit'), 'tsconfig.node.json builds the kit into dist/node');
  });

  it('runs from the command line with exit code 0 and a summary line', async () => {
    const lines: string[] = [];
    const code = await main([backend.endpoint, '--cookie', await backend.shopper()], text => lines.push(text));
    const output = lines.join('\n');
    assert.equal(code, 0, output);
    assert.match(output, /^\d+ passed, 0 failed, 1 skipped$/m);
    assert.match(output, /^skip lazy-customer: .*\n\s+needs --new-shopper-cookie/m);
  });
});

describe('ecrypt-wallet-contract against wrong backends', () => {
  it('fails, and says why, when no backend answers', async () => {
    const backend = await startHttpBackend();
    await backend.close();
    const report = await runContract({ endpoint: backend.endpoint, cookie: 'sid=x' });
    assert.equal(report.passed, false);
    assert.equal(statuses(report)['config'], 'fail');
    assert.match(report.results.find(result => result.id === 'config')!.detail!, /could not run/);
    assert.equal(report.results.filter(result => result.status === 'pass').length, 0);
  });

  it('catches a backend that saves from another site', async () => {
    const report = await runAgainst({
      // A backend without the cross-site check: it never looks at Origin or Sec-Fetch-Site.
      wrap: handler => request =>
        handler(
          withHeaders(request, headers => {
            headers.delete('Origin');
            headers.delete('Sec-Fetch-Site');
          }),
        ),
    });
    assert.equal(report.passed, false);
    assert.equal(statuses(report)['cross-site-save'], 'fail');
  });

  it('catches a backend that checks the site of saves but not of other changes', async () => {
    const report = await runAgainst({
      wrap: handler => request =>
        handler(
          request.method === 'POST'
            ? request
            : withHeaders(request, headers => {
                headers.delete('Origin');
                headers.delete('Sec-Fetch-Site');
              }),
        ),
    });
    assert.deepEqual(failed(report), ['cross-site-change']);
  });

  it('catches a backend that runs a replayed save again instead of answering the first answer', async () => {
    const report = await runAgainst({
      // A backend that ignores Idempotency-Key: every request is a new save.
      wrap: handler => request => handler(withHeaders(request, headers => headers.delete('Idempotency-Key'))),
    });
    assert.equal(statuses(report)['idempotent-replay'], 'fail');
    assert.equal(statuses(report)['idempotency-conflict'], 'fail');
    assert.equal(statuses(report)['pending-replay'], 'fail');
  });

  it('catches a backend whose answers may be cached', async () => {
    const report = await runAgainst({
      wrap: handler => async request => {
        const response = await handler(request);
        const headers = new Headers(response.headers);
        headers.delete('Cache-Control');
        return new Response(response.body, { status: response.status, headers });
      },
    });
    assert.deepEqual(failed(report), ['no-store']);
  });

  it('catches a backend that answers an unknown route with 200, and errors with the wrong status', async () => {
    const report = await runAgainst({
      wrap: handler => async request => {
        const response = await handler(request);
        if (response.status === 404 || response.status === 401) {
          const body = await response.text();
          return new Response(body, { status: 200, headers: response.headers });
        }
        return response;
      },
    });
    const result = statuses(report);
    assert.equal(result['routes'], 'fail');
    assert.equal(result['unauthenticated'], 'fail');
    assert.equal(result['not-found'], 'fail');
    assert.equal(result['error-shape'], 'fail');
  });

  it('catches a backend that forgets the customer a first save created', async () => {
    const report = await runAgainst({
      handlerOptions: {
        createCustomer: {
          profileFor: request => (request.headers.get('Cookie')?.includes('sid=') ? { emailAddress: 'forgetful@example.test' } : null),
          // The id is never stored on the account, so each save makes a customer and the shopper sees none.
          onCreated: () => {},
        },
      },
    });
    assert.equal(statuses(report)['lazy-customer'], 'fail');
  });
});
