import { expect } from '@open-wc/testing';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { TEST_BANK_ACCOUNTS, TEST_CARDS } from '../../src/sandbox/test-data.js';
import { TokenizeError, createGatewayTokenizer } from '../../src/client/tokenizer.js';

const GATEWAY = 'https://gateway.sandbox.test';
/** The sandbox's clock: 23 November 2026, noon UTC, so that no expiry depends on today's date. */
const NOW = Date.UTC(2026, 10, 23, 12);

describe('createGatewayTokenizer', () => {
  let sandbox: Sandbox;
  let sent: Request[];
  const realFetch = globalThis.fetch;

  beforeEach(() => {
    sandbox = createSandbox({ now: () => NOW });
    sent = [];
    globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      sent.push(request.clone());
      return sandbox.handle(request);
    };
  });

  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  const tokenizer = () => createGatewayTokenizer({ gatewayUrl: GATEWAY, publicKey: sandbox.publicKey });

  it('posts camelCase card fields to /v1/tokens with the public key and no cookies', async () => {
    const result = await tokenizer().tokenize({
      creditCard: { accountNumber: TEST_CARDS.visa.number, expires: '1235', verificationValue: '123' },
    });
    expect(result.token).to.match(/^[0-9a-f-]{36}$/);
    expect(result.metadata.network).to.equal('visa');
    const [request] = sent;
    expect(request!.method).to.equal('POST');
    expect(request!.url).to.equal(`${GATEWAY}/v1/tokens`);
    expect(request!.headers.get('x-api-key')).to.equal(sandbox.publicKey);
    expect(request!.credentials).to.equal('omit');
    expect(await request!.json()).to.deep.equal({
      creditCard: { accountNumber: TEST_CARDS.visa.number, expires: '1235', verificationValue: '123' },
    });
  });

  it('accepts a gateway URL that already ends in /v1', async () => {
    await createGatewayTokenizer({ gatewayUrl: `${GATEWAY}/v1/`, publicKey: sandbox.publicKey }).tokenize({
      creditCard: { accountNumber: TEST_CARDS.visa.number, expires: '1235' },
    });
    expect(sent[0]!.url).to.equal(`${GATEWAY}/v1/tokens`);
  });

  it('tokenizes a bank account', async () => {
    const { checking } = TEST_BANK_ACCOUNTS;
    const result = await tokenizer().tokenize({
      check: { accountNumber: checking.accountNumber, routingNumber: checking.routingNumber, accountType: 0, name: 'Ada Lovelace' },
    });
    expect(result.token).to.be.a('string');
    expect(result.metadata.network).to.equal('ach');
  });

  it('maps a gateway validation error to a typed error with the field', async () => {
    const error = await tokenizer()
      .tokenize({ creditCard: { accountNumber: TEST_CARDS.visa.number, expires: '0120' } })
      .catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(TokenizeError);
    expect((error as TokenizeError).code).to.equal('validation');
    expect((error as TokenizeError).field).to.equal('creditCard.expires');
    expect((error as TokenizeError).requestId).to.be.a('string');
  });

  it('never copies a card number from a gateway message into the error', async () => {
    globalThis.fetch = async () =>
      Response.json(
        {
          request_id: 'r-1',
          errors: [{ type: 'VALIDATION', message: `bad number 4242 4242 4242 4242`, field: 'creditCard.accountNumber' }],
        },
        { status: 400 },
      );
    const error = (await tokenizer()
      .tokenize({ creditCard: { accountNumber: '4242424242424242', expires: '1235' } })
      .catch((caught: unknown) => caught)) as TokenizeError;
    expect(error.message).not.to.include('4242');
    expect(error.requestId).to.equal('r-1');
  });

  it('never copies the security code or expiry from a gateway message into the error', async () => {
    globalThis.fetch = async () =>
      Response.json(
        { errors: [{ type: 'VALIDATION', message: 'code 7319 does not match 12/35 (1235)', field: 'creditCard.verificationValue' }] },
        { status: 400 },
      );
    const error = (await tokenizer()
      .tokenize({ creditCard: { accountNumber: TEST_CARDS.amex.number, expires: '1235', verificationValue: '7319' } })
      .catch((caught: unknown) => caught)) as TokenizeError;
    expect(error.code).to.equal('validation');
    expect(error.field).to.equal('creditCard.verificationValue');
    expect(error.message).to.equal('The gateway answered 400.');
  });

  it('reads snake_case answers', async () => {
    globalThis.fetch = async () =>
      Response.json({ request_id: 'r-2', token: 't-1', metadata: { account_number: '4***4242', network: 'visa', card_type: 'debit' } });
    const result = await tokenizer().tokenize({ creditCard: { accountNumber: '4242424242424242', expires: '1235' } });
    expect(result).to.deep.equal({
      token: 't-1',
      requestId: 'r-2',
      metadata: { accountNumber: '4***4242', network: 'visa', type: 'debit' },
    });
  });

  it('reports declined, rate limited (with the wait) and server errors by code', async () => {
    const codes: string[] = [];
    for (const status of [402, 429, 503]) {
      sandbox.faults.add({ status, times: 1, path: '/v1/tokens' });
      const error = (await tokenizer()
        .tokenize({ creditCard: { accountNumber: TEST_CARDS.visa.number, expires: '1235' } })
        .catch((caught: unknown) => caught)) as TokenizeError;
      codes.push(error.code);
      if (status === 429) expect(error.details.retryAfter).to.be.greaterThan(0);
    }
    expect(codes).to.deep.equal(['declined', 'rate_limited', 'gateway_error']);
  });

  it('reports a dropped connection as network', async () => {
    sandbox.faults.add({ dropConnection: true, times: 1 });
    const error = (await tokenizer()
      .tokenize({ creditCard: { accountNumber: TEST_CARDS.visa.number, expires: '1235' } })
      .catch((caught: unknown) => caught)) as TokenizeError;
    expect(error.code).to.equal('network');
  });

  it('reports a slow gateway as timeout', async () => {
    sandbox.faults.add({ latencyMs: 2000, times: 1 });
    const error = (await createGatewayTokenizer({ gatewayUrl: GATEWAY, publicKey: sandbox.publicKey, timeoutMs: 50 })
      .tokenize({ creditCard: { accountNumber: TEST_CARDS.visa.number, expires: '1235' } })
      .catch((caught: unknown) => caught)) as TokenizeError;
    expect(error.code).to.equal('timeout');
  });

  it('reports a malformed answer as bad_response', async () => {
    sandbox.faults.add({ malformedBody: true, times: 1 });
    const error = (await tokenizer()
      .tokenize({ creditCard: { accountNumber: TEST_CARDS.visa.number, expires: '1235' } })
      .catch((caught: unknown) => caught)) as TokenizeError;
    expect(error.code).to.equal('bad_response');
  });

  it("passes the caller's abort through unchanged", async () => {
    sandbox.faults.add({ latencyMs: 2000, times: 1 });
    const controller = new AbortController();
    const pending = tokenizer().tokenize(
      { creditCard: { accountNumber: TEST_CARDS.visa.number, expires: '1235' } },
      { signal: controller.signal },
    );
    controller.abort();
    const error = await pending.catch((caught: unknown) => caught);
    expect(error).not.to.be.instanceOf(TokenizeError);
    expect((error as Error).name).to.equal('AbortError');
  });
});
