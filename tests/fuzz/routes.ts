/**
 * What there is to fuzz: the operations of the OpenAPI document (JSON API, reports, public
 * pages and the staff pages alike), every route Fastify serves (to prove none is left out),
 * and the fields of the forms the pages render (page POSTs declare no body schema).
 */
import type { FastifyInstance } from 'fastify';
import type { Schema } from './arbitraries.ts';

export interface Parameter {
  name: string;
  schema: Schema;
  required: boolean;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI form: `/api/plans/{planId}`. */
  path: string;
  pathParams: Parameter[];
  query: Parameter[];
  /** The declared JSON body, if any. */
  body?: Schema;
  /** A server-rendered page (HTML, forms with CSRF) rather than the JSON API. */
  page: boolean;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: (Parameter & { in: string })[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
}

const NOT_PAGES = ['/api/', '/reports/', '/public/', '/health/'];

export function operationsOf(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const params = (op.parameters ?? []).map((p) => ({ name: p.name, schema: p.schema, required: Boolean(p.required), in: p.in }));
      return {
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        query: params.filter((p) => p.in === 'query'),
        body: op.requestBody?.content['application/json']?.schema,
        page: !NOT_PAGES.some((prefix) => path.startsWith(prefix)),
      };
    }),
  );
}

/**
 * Every `METHOD /path/{param}` Fastify serves (HEAD aside), read from its route tree:
 * `printRoutes({ commonPrefix: false })` draws one node per line, four columns per level.
 */
export function servedRoutes(app: FastifyInstance): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^(.*?)[└├]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack[depth] = (stack[depth - 1] ?? '') + m[2]!;
    for (const method of (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD')) {
      out.push(`${method} ${stack[depth]!.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return out;
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The forms of a page: where each posts and, per field name, the values the page offers. */
export function formsOf(html: string): { action: string; fields: Map<string, Set<string>> }[] {
  const forms = [];
  for (const [, attrs, inner] of html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)) {
    const action = /action="([^"]*)"/.exec(attrs!)?.[1];
    const method = /method="([^"]*)"/i.exec(attrs!)?.[1] ?? 'get';
    if (!action || method.toLowerCase() !== 'post') continue;
    const fields = new Map<string, Set<string>>();
    const add = (name: string, value?: string) => {
      const values = fields.get(name) ?? fields.set(name, new Set()).get(name)!;
      if (value !== undefined) values.add(unescape(value));
    };
    for (const [, tagAttrs] of inner!.matchAll(/<input([^>]*)>/g)) {
      const name = /name="([^"]*)"/.exec(tagAttrs!)?.[1];
      if (name) add(unescape(name), /value="([^"]*)"/.exec(tagAttrs!)?.[1]);
    }
    for (const [, tag, tagAttrs, body] of inner!.matchAll(/<(textarea|select)([^>]*)>([\s\S]*?)<\/\1>/g)) {
      const name = /name="([^"]*)"/.exec(tagAttrs!)?.[1];
      if (!name) continue;
      if (tag === 'textarea') add(unescape(name), body);
      else for (const [, v] of body!.matchAll(/<option[^>]*value="([^"]*)"/g)) add(unescape(name), v);
    }
    forms.push({ action: unescape(action).split('#')[0]!.split('?')[0]!, fields });
  }
  return forms;
}

/** The operation a concrete URL belongs to, if any. */
export function matchOperation(ops: Operation[], method: string, url: string): Operation | undefined {
  return ops.find((op) => op.method === method && new RegExp(`^${op.path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`).test(url));
}
