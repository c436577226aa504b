/**
 * Validates an answer of the wallet endpoint against `docs/openapi.yaml` with ajv's
 * JSON Schema 2020-12 dialect (the dialect of OpenAPI 3.1): the route and status must be
 * documented, the body must match the documented schema, the required headers must be there.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

const DOCUMENT_ID = 'https://ecrypt-wallet-elements.test/openapi.json';

interface Header {
  required?: boolean;
  $ref?: string;
}
interface ResponseObject {
  $ref?: string;
  headers?: Record<string, Header>;
  content?: Record<string, { schema: unknown }>;
}
interface OpenApi {
  paths: Record<string, Record<string, { responses: Record<string, ResponseObject> }>>;
  components: { responses: Record<string, ResponseObject>; headers: Record<string, Header> };
}

export const openapi = parse(readFileSync(new URL('../../docs/openapi.yaml', import.meta.url), 'utf8')) as OpenApi;

// The whole document is loaded as one schema resource so that its `#/components/...` references resolve.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ ...openapi, $id: DOCUMENT_ID });

const ID = '[0-9A-Za-z-]{8,64}';
const TEMPLATES: [RegExp, string][] = [
  [/^\/config$/, '/config'],
  [/^\/methods$/, '/methods'],
  [new RegExp(`^/methods/${ID}$`), '/methods/{id}'],
  [new RegExp(`^/methods/${ID}/default$`), '/methods/{id}/default'],
];

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The documented response and its JSON pointer in the document. */
function documented(method: string, path: string, status: number): { pointer: string; response: ResponseObject } {
  const template = TEMPLATES.find(([pattern]) => pattern.test(path))?.[1];
  let pointer: string;
  if (template === undefined) {
    if (status !== 404) throw new Error(`${method} ${path}: an undocumented route must answer 404, answered ${status}`);
    pointer = '#/components/responses/NotFound';
  } else {
    const operation = openapi.paths[template]?.[method.toLowerCase()];
    if (!operation) {
      if (status !== 405) throw new Error(`${method} ${template}: an undocumented method must answer 405, answered ${status}`);
      pointer = '#/components/responses/MethodNotAllowed';
    } else {
      if (!operation.responses[String(status)]) throw new Error(`${method} ${template}: status ${status} is not documented`);
      pointer = `#/paths/${escape(template)}/${method.toLowerCase()}/responses/${status}`;
    }
  }
  let response = resolve(pointer);
  while (response.$ref) {
    pointer = response.$ref;
    response = resolve(pointer);
  }
  return { pointer, response };
}

function resolve(pointer: string): ResponseObject {
  let node: unknown = openapi;
  for (const part of pointer.slice(2).split('/')) node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (!node) throw new Error(`no ${pointer} in docs/openapi.yaml`);
  return node as ResponseObject;
}

/** Throws, naming every difference, when the answer is not what `docs/openapi.yaml` documents. */
export function assertDocumented(
  method: string,
  path: string,
  status: number,
  headers: Headers | Record<string, string>,
  body: unknown,
): void {
  const get = (name: string): string | null => (headers instanceof Headers ? headers.get(name) : (headers[name.toLowerCase()] ?? null));
  const { pointer, response } = documented(method, path, status);
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    const required = header.required ?? (header.$ref ? resolveHeader(header.$ref).required : false);
    if (required && get(name) === null) throw new Error(`${method} ${path} ${status}: no ${name} header (${pointer})`);
  }
  if (get('Cache-Control') !== 'no-store') throw new Error(`${method} ${path} ${status}: Cache-Control must be no-store`);
  if (!response.content) {
    if (body !== undefined && body !== null && body !== '') throw new Error(`${method} ${path} ${status}: a body where none is documented`);
    return;
  }
  const schemaPointer = `${DOCUMENT_ID}${pointer}/content/application~1json/schema`;
  const validate = ajv.getSchema(schemaPointer) ?? ajv.compile({ $ref: schemaPointer });
  if (!validate(body)) {
    throw new Error(`${method} ${path} ${status} does not match ${pointer}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`);
  }
}

function resolveHeader(pointer: string): Header {
  return resolve(pointer) as Header;
}
