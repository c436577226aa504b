/**
 * The Node-only bridge between `http` and a fetch-standard handler: IncomingMessage in,
 * Request out; Response in, ServerResponse out. Kept beside the sandbox so the rest of
 * `src/sandbox` stays free of `node:` imports.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { DroppedConnectionError } from './faults.js';

/** Larger request bodies are refused with 413 before they reach the handler. */
export const NODE_BODY_LIMIT_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<ArrayBuffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.byteLength;
    if (size > NODE_BODY_LIMIT_BYTES) throw new BodyTooLarge();
    chunks.push(buffer);
  }
  const joined = Buffer.concat(chunks);
  // A fresh ArrayBuffer: Buffer.concat may return a view into Node's shared pool.
  return joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength) as ArrayBuffer;
}

/** Builds a Web Request from a Node request; `signal` aborts when the client goes away. */
export async function toWebRequest(req: IncomingMessage, signal: AbortSignal): Promise<Request> {
  const host = req.headers.host ?? 'localhost';
  const url = new URL(req.url ?? '/', `http://${host}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
  return new Request(url, { method, headers, body: body && body.byteLength > 0 ? body : undefined, signal });
}

/** Writes a Web Response to a Node response. */
export async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  const body = response.body ? new Uint8Array(await response.arrayBuffer()) : undefined;
  res.end(body);
}

/**
 * A Node request listener over a fetch-standard handler. A `DroppedConnectionError`
 * destroys the socket, so the client sees a real connection failure.
 */
export function toNodeListener(handle: (request: Request) => Promise<Response>): RequestListener {
  return (req, res) => {
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort(new DOMException('The client went away.', 'AbortError'));
    });
    void (async () => {
      try {
        const request = await toWebRequest(req, controller.signal);
        await writeWebResponse(res, await handle(request));
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          res.writeHead(413, { 'content-type': 'text/plain' }).end('Request body too large.');
        } else if (error instanceof DroppedConnectionError || controller.signal.aborted) {
          req.socket.destroy();
        } else {
          console.error('[ecrypt sandbox] adapter error', error);
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('Internal error.');
        }
      }
    })();
  };
}
