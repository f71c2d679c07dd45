/**
 * Checks a live answer against /api/openapi.json, the document clients and the fuzzer read: its status must be
 * listed for the operation, and a JSON body must match the schema listed for that status. A JSON body where the
 * document lists none fails too: the document has to describe what the API sends.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { buildOpenApi } from '../../api/routes/openapi';

interface DocumentedResponse {
  content?: Record<string, { schema: object }>;
}
type Operations = Record<string, { responses: Record<string, DocumentedResponse> }>;

/** What a supertest answer carries that the check needs. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** The request: its method and its URL, absolute or a path. */
  request: { method: string; url: string };
}

const paths = buildOpenApi().paths as Record<string, Operations>;
// Literal paths first, so /api/tasks/mine is not read as /api/tasks/{id}.
const templates = Object.keys(paths)
  .map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    parameters: (template.match(/\{/g) ?? []).length,
  }))
  .sort((a, b) => a.parameters - b.parameters);

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validators = new Map<object, ValidateFunction>();
const validatorOf = (schema: object) => {
  if (!validators.has(schema)) validators.set(schema, ajv.compile(schema));
  return validators.get(schema)!;
};

/** The problems with an answer; empty when the document describes it. */
export function undocumented(answer: Answer): string[] {
  const path = new URL(answer.request.url, 'http://api.invalid').pathname;
  const method = answer.request.method.toLowerCase();
  const template = templates.find(({ pattern }) => pattern.test(path))?.template;
  const operation = template ? paths[template]?.[method] : undefined;
  if (!operation) return [`${method.toUpperCase()} ${path} is not in the document`];
  const where = `${method.toUpperCase()} ${template} ${answer.status}`;
  const documented = operation.responses[String(answer.status)];
  if (!documented) return [`${where}: the status is not listed`];
  const mediaType = answer.headers['content-type']?.split(';')[0] ?? '';
  const isJson = mediaType === 'application/json' || mediaType === 'application/problem+json';
  if (!isJson || answer.status === 204) return [];
  const schema = documented.content?.[mediaType]?.schema;
  if (!schema) return [`${where}: a ${mediaType} body that the document does not describe`];
  const validate = validatorOf(schema);
  if (validate(answer.body)) return [];
  return (validate.errors ?? []).map((error) => `${where}: body${error.instancePath} ${error.message ?? ''}`.trim());
}

/** Fails the test, naming every difference, unless the document describes the answer. */
export function expectDocumented(answer: Answer): void {
  const problems = undocumented(answer);
  if (problems.length > 0) throw new Error(`The answer differs from /api/openapi.json:\n${problems.join('\n')}`);
}
