/**
 * Writes the contract's schemas as plain TypeScript types (no TypeBox in them), so the widget and
 * its published `.d.ts` get the same types the server validates with. A schema named with
 * `named()` becomes an exported type and is referred to by that name wherever it is used.
 * Supports the JSON Schema the contract uses; anything else throws, so nothing is silently `any`.
 */
import { ContractDoc, ContractName } from './schema.js';

/** A JSON schema as the generator reads it (TypeBox's, with the contract's symbols). */
type Schema = Record<string, unknown> & { [ContractName]?: string; [ContractDoc]?: string };

/** One exported type: its name, its schema, and its doc comment when the schema's own doesn't fit. */
export interface TypeEntry {
  name: string;
  schema: unknown;
  description?: string;
}

/** One route of the table as the generator reads it. */
export interface RouteEntry {
  description: string;
  auth: string;
  params?: unknown;
  querystring?: unknown;
  body?: unknown;
  response: unknown;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const quote = (value: unknown): string => (typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : JSON.stringify(value));
const docLine = (text: string | undefined, indent: string): string => (text ? `${indent}/** ${text.replace(/\*\//g, '* /')} */\n` : '');

/** Turns schemas into TypeScript declarations. */
class TypeWriter {
  private readonly names = new Map<string, string>();

  constructor(entries: TypeEntry[]) {
    for (const { name, schema } of entries) {
      if ((schema as Schema)[ContractName] === name) this.names.set(name, JSON.stringify(schema));
    }
  }

  /** The name to refer to `schema` by, unless it is `self` (the type being declared) or has none. */
  refOf(schema: Schema, self?: string): string | undefined {
    const name = schema[ContractName];
    if (!name || name === self) return undefined;
    return this.names.get(name) === JSON.stringify(schema) ? name : undefined;
  }

  /** The doc comment a use of `schema` carries (a named schema's own description stays with its type). */
  memberDoc(schema: Schema): string | undefined {
    return schema[ContractDoc] ?? (this.refOf(schema) ? undefined : (schema.description as string | undefined));
  }

  /** The TypeScript type of `schema`, indented for nesting at `indent`. */
  type(schema: Schema, indent: string, self?: string): string {
    const ref = this.refOf(schema, self);
    if (ref) return ref;
    if (Array.isArray(schema.type)) {
      const types = schema.type.filter((type) => type !== 'null');
      if (types.length !== 1) throw new Error(`codegen: unsupported type list ${JSON.stringify(schema.type)}`);
      const single = this.type({ ...schema, type: types[0] } as Schema, indent, self);
      return schema.type.includes('null') ? `${single} | null` : single;
    }
    if ('const' in schema) return quote(schema.const);
    if (Array.isArray(schema.enum)) return schema.enum.map(quote).join(' | ');
    if (Array.isArray(schema.anyOf)) return this.union(schema.anyOf as Schema[], indent);
    if (Array.isArray(schema.allOf)) {
      const parts = schema.allOf as Schema[];
      // A discriminated `if`/`then` chain (the envelope checked, then the schema `type` picks): the union of the `then`s.
      if (parts.every((part) => part.then)) return this.union(parts.map((part) => part.then as Schema), indent);
      return parts.map((part) => this.type(part, indent)).join(' & ');
    }
    switch (schema.type) {
      case 'string':
        return 'string';
      case 'number':
      case 'integer':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'void':
        return 'void';
      case 'array': {
        // A tuple (TypeBox `Type.Tuple`): `items` lists each position.
        if (Array.isArray(schema.items)) return `[${(schema.items as Schema[]).map((item) => this.type(item, indent)).join(', ')}]`;
        const item = this.type(schema.items as Schema, indent);
        return /[\s|&]/.test(item) && !item.startsWith('{') ? `Array<${item}>` : `${item}[]`;
      }
      case 'object':
        return this.object(schema, indent);
    }
    throw new Error(`codegen: unsupported schema ${JSON.stringify(schema).slice(0, 200)}`);
  }

  private union(members: Schema[], indent: string): string {
    const parts = members.map((member) => ({ doc: this.memberDoc(member), text: this.type(member, `${indent}  `) }));
    const inline = parts.map((part) => part.text).join(' | ');
    if (parts.every((part) => !part.doc) && inline.length <= 100 && !inline.includes('\n')) return inline;
    return parts.map((part) => `${part.doc ? `\n${indent}  /** ${part.doc} */` : ''}\n${indent}  | ${part.text}`).join('');
  }

  private object(schema: Schema, indent: string): string {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const required = new Set((schema.required ?? []) as string[]);
    const extra = schema.additionalProperties;
    const keys = Object.keys(properties);
    if (keys.length === 0) {
      return typeof extra === 'object' && extra !== null ? `Record<string, ${this.type(extra as Schema, indent)}>` : 'Record<string, never>';
    }
    const inner = `${indent}  `;
    const members = keys.map((key) => {
      const property = properties[key]!;
      const name = IDENTIFIER.test(key) ? key : quote(key);
      return { doc: this.memberDoc(property), text: `${name}${required.has(key) ? '' : '?'}: ${this.type(property, inner)};` };
    });
    const inline = `{ ${members.map((member) => member.text.slice(0, -1)).join('; ')} }`;
    if (members.every((member) => !member.doc) && inline.length <= 100 && !inline.includes('\n')) return inline;
    return `{\n${members.map((member) => `${docLine(member.doc, inner)}${inner}${member.text}\n`).join('')}${indent}}`;
  }

  /** The exported declaration of one entry. */
  declaration({ name, schema, description }: TypeEntry): string {
    const typed = schema as Schema;
    const doc = description ?? (typed.description as string | undefined);
    if (!doc) throw new Error(`codegen: ${name} needs a description (every export has a doc comment)`);
    const alias = this.refOf(typed, name);
    if (alias) return `${docLine(doc, '')}export type ${name} = ${alias};\n`;
    const body = this.type(typed, '', name);
    const isInterface = typed.type === 'object' && body.startsWith('{') && !typed.allOf;
    if (isInterface) return `${docLine(doc, '')}export interface ${name} ${body}\n`;
    return `${docLine(doc, '')}export type ${name} =${body.startsWith('\n') ? '' : ' '}${body};\n`;
  }

  /** The route table as one interface keyed by `METHOD /path`. */
  routes(name: string, routes: Record<string, RouteEntry>): string {
    const members = Object.entries(routes).map(([key, route]) => {
      const parts = [`auth: ${quote(route.auth)};`];
      for (const part of ['params', 'querystring', 'body'] as const) {
        if (route[part]) parts.push(`${part}: ${this.type(route[part] as Schema, '    ')};`);
      }
      parts.push(`response: ${this.type(route.response as Schema, '    ')};`);
      return `${docLine(route.description, '  ')}  ${quote(key)}: {\n${parts.map((part) => `    ${part}\n`).join('')}  };\n`;
    });
    return `/** Every HTTP route of the protocol by \`METHOD /path\`: who may call it, what goes in, what comes back. */\nexport interface ${name} {\n${members.join('')}}\n`;
  }
}

/** The generated module's text: every entry as a type, then the route table. */
export function protocolTypesModule(entries: TypeEntry[], routes: Record<string, RouteEntry>, header: string): string {
  const writer = new TypeWriter(entries);
  const declarations = entries.map((entry) => writer.declaration(entry));
  return `${header}\n${declarations.join('\n')}\n${writer.routes('ProtocolRoutes', routes)}`;
}
