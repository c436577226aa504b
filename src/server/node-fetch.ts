/**
 * `createNodeFetch()`: the gateway transport for Node servers, on `node:http` /
 * `node:https` with keep-alive agents. Node's built-in `fetch` (undici) costs
 * several times more CPU per call than `http.request`, and for a backend whose
 * every wallet request is one gateway call that is most of its work.
 *
 * It implements what the handler's gateway client needs (`GatewayFetch`: a URL
 * string, method, header record, string body, abort signal; an answer with
 * `status`, `ok`, `headers.get()` and `text()`), not the whole fetch standard.
 * It never follows a redirect (a 3xx is answered as it came, as `redirect:
 * 'manual'` asks), so the private key never goes to another origin. Node only: import
 * it from `ecrypt-wallet-elements/server/node-fetch`, never from edge code.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import {
  headerFromRecord,
  type GatewayFetch,
  type GatewayFetchHeaders,
  type GatewayFetchInit,
  type GatewayFetchResponse,
} from './gateway-client.js';

export interface NodeFetchOptions {
  /** Most sockets per gateway host. Default 64. */
  maxSockets?: number;
  /**
   * How long an idle keep-alive socket is kept, in ms. Default 4000: below the
   * 5 s that many servers (Node's included) keep an idle connection, so a request
   * is not sent on a socket the gateway is closing. A `Keep-Alive: timeout=`
   * hint from the gateway shortens it further.
   */
  idleTimeoutMs?: number;
  /** Largest gateway answer read, in bytes; a longer one fails the call. Default 1 MiB. */
  maxResponseBytes?: number;
}

/** Node's header record behind the `get(name)` of fetch's `Headers`, so both transports read alike. */
class NodeFetchHeaders implements GatewayFetchHeaders {
  constructor(private readonly raw: IncomingHttpHeaders) {}

  get(name: string): string | null {
    return headerFromRecord(this.raw, name);
  }
}

/** The gateway's answer, read in full. */
class NodeFetchResponse implements GatewayFetchResponse {
  readonly headers: NodeFetchHeaders;

  constructor(
    readonly status: number,
    readonly statusText: string,
    headers: IncomingHttpHeaders,
    private readonly body: string,
  ) {
    this.headers = new NodeFetchHeaders(headers);
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  text(): Promise<string> {
    return Promise.resolve(this.body);
  }

  json(): Promise<unknown> {
    return Promise.resolve().then(() => JSON.parse(this.body) as unknown);
  }
}

/** A keep-alive `node:http(s)` transport for the handler's `fetch` option. */
export function createNodeFetch(options: NodeFetchOptions = {}): GatewayFetch {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 64,
    timeout: options.idleTimeoutMs ?? 4_000,
    scheduling: 'lifo' as const,
  };
  const http = new HttpAgent(agentOptions);
  const https = new HttpsAgent(agentOptions);
  const maxBytes = options.maxResponseBytes ?? 1024 * 1024;

  return (url: string, init: GatewayFetchInit) =>
    new Promise<GatewayFetchResponse>((resolve, reject) => {
      const secure = url.startsWith('https:');
      if (!secure && !url.startsWith('http:')) {
        reject(new TypeError('createNodeFetch: only http and https URLs are supported.'));
        return;
      }
      const headers: Record<string, string> = { ...init.headers };
      if (init.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(init.body));
      const onAnswer = (res: IncomingMessage): void => {
        let text = '';
        let size = 0;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          size += Buffer.byteLength(chunk);
          if (size > maxBytes) {
            res.destroy(new Error('createNodeFetch: the answer is too large.'));
            return;
          }
          text += chunk;
        });
        res.on('end', () => resolve(new NodeFetchResponse(res.statusCode ?? 0, res.statusMessage ?? '', res.headers, text)));
        res.on('error', reject);
        // Destroyed mid-answer (timeout abort, connection reset): no 'end' comes.
        res.on('close', () => {
          if (!res.complete) reject(new Error('createNodeFetch: the answer was cut off.'));
        });
      };
      const req = (secure ? httpsRequest : httpRequest)(
        url,
        { method: init.method, headers, agent: secure ? https : http, signal: init.signal },
        onAnswer,
      );
      req.on('error', reject);
      req.end(init.body);
    });
}
