/**
 * Generates the io-ts codecs of `src/protocol/generated/` from the protocol catalogue
 * (`catalogue/events.json`, a copy of the reference catalogue). Run with `npm run codegen`;
 * the output is committed so the package never reads the catalogue at run time.
 *
 * Conventions of the output (see docs/protocol.md):
 * - every resource and event is a named codec constant with a same-named type;
 * - optional fields go through `optional()`, which reads a wire `null` as "absent" unless
 *   the catalogue says the field is nullable, because the service sends `null` for unset fields;
 * - events are not combined into a 50-way `t.union`; `events.ts` exports lookup tables by `type`;
 * - string enums are `openEnum`s and unions of objects `taggedUnion`s: server events may carry
 *   values and member types newer than the catalogue, which decode with a notice.
 */
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { splitTop } from './type-strings.js';

interface Shape {
  readonly required?: Record<string, string>;
  readonly optional?: Record<string, string>;
  readonly doc?: string;
  readonly alias?: string;
  readonly union?: readonly string[];
}
interface Catalogue {
  readonly resources: Record<string, Shape>;
  readonly beta: { client: Record<string, Shape>; server: Record<string, Shape> };
  readonly ga: { client: Record<string, Shape>; server: Record<string, Shape> };
  readonly ga_translation: { client: Record<string, Shape>; server: Record<string, Shape> };
}

const root = join(__dirname, '..');
const catalogue = JSON.parse(
  readFileSync(join(root, 'catalogue', 'events.json'), 'utf8'),
) as Catalogue;

/**
 * Required fields the wire leaves out. GA `…transcription.completed` requires `usage`, but
 * beta captures and whisper-1 transcriptions carry none; the canonical event cannot invent it.
 */
const relaxedFields: Record<string, readonly string[]> = {
  'ga.server.conversation.item.input_audio_transcription.completed': ['usage'],
};

function relax(path: string, shape: Shape): Shape {
  const fields = relaxedFields[path];
  if (!fields) return shape;
  const required = { ...shape.required };
  const optional = { ...shape.optional };
  for (const f of fields) {
    optional[f] = required[f];
    delete required[f];
  }
  return { ...shape, required, optional };
}

// ---------------------------------------------------------------- type-string parser

type Node =
  | { kind: 'prim'; name: 'string' | 'number' | 'boolean' | 'unknown' | 'object' | 'null' }
  | { kind: 'literal'; value: string | number }
  | { kind: 'ref'; name: string }
  | { kind: 'array'; of: Node }
  | { kind: 'record'; of: Node }
  | { kind: 'union'; of: Node[] };

function parse(text: string): Node {
  const members = splitTop(text.trim(), '|');
  if (members.length > 1) return { kind: 'union', of: members.map(parse) };
  const s = members[0];
  if (s.endsWith('[]')) {
    const inner = s.slice(0, -2);
    return {
      kind: 'array',
      of: parse(inner.startsWith('(') && inner.endsWith(')') ? inner.slice(1, -1) : inner),
    };
  }
  if (s.startsWith('(') && s.endsWith(')')) return parse(s.slice(1, -1));
  if (s.startsWith('Record<string,') && s.endsWith('>')) {
    return { kind: 'record', of: parse(s.slice('Record<string,'.length, -1)) };
  }
  if (s.startsWith("'") && s.endsWith("'")) return { kind: 'literal', value: s.slice(1, -1) };
  if (/^-?\d+(\.\d+)?$/.test(s)) return { kind: 'literal', value: Number(s) };
  if (['string', 'number', 'boolean', 'unknown', 'object', 'null'].includes(s)) {
    return { kind: 'prim', name: s as 'string' };
  }
  if (/^[A-Z][A-Za-z0-9]*$/.test(s)) return { kind: 'ref', name: s };
  throw new Error(`cannot parse type '${s}'`);
}

function refs(node: Node, out: Set<string>): Set<string> {
  if (node.kind === 'ref') out.add(node.name);
  const members = node.kind === 'union' ? node.of.filter((n) => n.kind === 'ref') : [];
  const named = members.length > 1 ? openUnionOf(members.map(emit)) : undefined;
  if (named) out.add(named);
  if (node.kind === 'array' || node.kind === 'record') refs(node.of, out);
  if (node.kind === 'union') node.of.forEach((n) => refs(n, out));
  return out;
}

function includesNull(node: Node): boolean {
  return (
    (node.kind === 'prim' && node.name === 'null') ||
    (node.kind === 'union' && node.of.some(includesNull))
  );
}

// ---------------------------------------------------------------- emitter

function emit(node: Node): string {
  switch (node.kind) {
    case 'prim':
      return {
        string: 't.string',
        number: 't.number',
        boolean: 't.boolean',
        unknown: 't.unknown',
        object: 't.object',
        null: 't.null',
      }[node.name];
    case 'literal':
      return `t.literal(${JSON.stringify(node.value)})`;
    case 'ref':
      return node.name;
    case 'array':
      return `t.readonlyArray(${emit(node.of)})`;
    case 'record':
      return `t.record(t.string, ${emit(node.of)})`;
    case 'union': {
      // An open union ('a'|'b'|string) accepts any string: the known values are documentation.
      if (node.of.some((n) => n.kind === 'prim' && n.name === 'string')) {
        const rest = node.of.filter((n) => n.kind !== 'literal' && !(n.kind === 'prim'));
        const others = node.of.filter((n) => n.kind === 'prim' && n.name !== 'string') as Node[];
        const members = ['t.string', ...rest.map(emit), ...others.map(emit)];
        return members.length === 1 ? 't.string' : `t.union([${members.join(', ')}])`;
      }
      const literals = node.of.filter(
        (n): n is { kind: 'literal'; value: string } =>
          n.kind === 'literal' && typeof n.value === 'string',
      );
      const refs = node.of.filter((n) => n.kind === 'ref');
      const others = node.of.filter(
        (n) => !(n.kind === 'literal' && typeof n.value === 'string') && n.kind !== 'ref',
      );
      // Server enums may grow: openEnum decodes an unknown value (with a notice) and checks a
      // known one with one property lookup instead of trying each literal.
      const keyof =
        literals.length > 1
          ? `openEnum({ ${literals.map((l) => `${JSON.stringify(l.value)}: null`).join(', ')} })`
          : literals.length === 1
            ? emit(literals[0])
            : undefined;
      // A union spelt out inline that is an open one (the session's tools) uses its codec.
      const named = refs.length > 1 ? openUnionOf(refs.map(emit)) : undefined;
      // An open union accepts any tagged object, so its siblings must be tried before it.
      const ordered = [...refs].sort(
        (a, b) => Number(OPEN_UNIONS.has(emit(a))) - Number(OPEN_UNIONS.has(emit(b))),
      );
      const tagged = named ? [named] : ordered.map(emit);
      const members = [...(keyof ? [keyof] : []), ...tagged, ...others.map(emit)];
      return members.length === 1 ? members[0] : `t.union([${members.join(', ')}])`;
    }
  }
}

/**
 * Unions the service extends with new member types: a member of an unknown `type` decodes as
 * an UnknownMember (with a notice) instead of failing the whole event.
 */
const OPEN_UNIONS = new Set(['GaItem', 'GaTool']);

/** The open union resource with exactly these members, if there is one. */
function openUnionOf(members: readonly string[]): string | undefined {
  const key = [...members].sort().join('|');
  return [...OPEN_UNIONS].find(
    (name) => [...(catalogue.resources[name].union ?? [])].sort().join('|') === key,
  );
}

function fieldKey(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : JSON.stringify(name);
}

function emitObject(name: string, shape: Shape): string {
  const required = Object.entries(shape.required ?? {}).map(
    ([k, v]) => `    ${fieldKey(k)}: ${emit(parse(v))},`,
  );
  const optional = Object.entries(shape.optional ?? {}).map(([k, v]) => {
    const node = parse(v);
    return `    ${fieldKey(k)}: ${includesNull(node) ? emit(node) : `optional(${emit(node)})`},`;
  });
  const req = `t.type({\n${required.join('\n')}\n  })`;
  const opt = `t.partial({\n${optional.join('\n')}\n  })`;
  const codec =
    required.length && optional.length
      ? `t.intersection([\n  ${req},\n  ${opt},\n])`
      : optional.length
        ? opt
        : flatFields(shape.required ?? {})
          ? // Named as it always was: the name io-ts reports it by stays the same.
            `t.type({\n${required.join('\n')}\n  }, '${name}')`
          : req;
  const tests = [
    ...Object.entries(shape.required ?? {}).map(([k, v]) => fieldTest(k, parse(v), true)),
    ...Object.entries(shape.optional ?? {}).map(([k, v]) => fieldTest(k, parse(v), false)),
  ];
  const params = tests.some((test) => test.includes('p[')) ? '(u, p)' : '(u)';
  const fast = tests.length ? `flatObject(${codec}, ${params} => ${tests.join(' && ')})` : codec;
  // Shallow t.readonly on every object codec makes the decoded types readonly all the way down.
  return `t.readonly(${fast}, '${name}')`;
}

/** Whether an object has required strings, numbers and string literals only. */
function flatFields(required: Record<string, string>): boolean {
  const nodes = Object.values(required).map(parse);
  return (
    nodes.length > 0 &&
    nodes.every(
      (node) =>
        (node.kind === 'prim' && (node.name === 'string' || node.name === 'number')) ||
        (node.kind === 'literal' && typeof node.value === 'string'),
    )
  );
}

/**
 * The generated test of one field, reading it by name: a string, number, boolean, literal or
 * null inline, anything else through its codec in `p`. The same outcome as io-ts's loop: a
 * required field must be there (an own `undefined` passes only a codec that takes it), an
 * optional one may be left out.
 */
function fieldTest(key: string, node: Node, required: boolean): string {
  const name = JSON.stringify(key);
  const access = `u[${name}]`;
  const test =
    node.kind === 'prim' && ['string', 'number', 'boolean'].includes(node.name)
      ? `typeof ${access} === '${node.name}'`
      : node.kind === 'prim' && node.name === 'null'
        ? `${access} === null`
        : node.kind === 'literal'
          ? `${access} === ${JSON.stringify(node.value)}`
          : `p[${name}].is(${access})`;
  if (!required) return `(${access} === undefined || ${test})`;
  return node.kind === 'prim' && node.name === 'unknown'
    ? `(${access} !== undefined || Object.hasOwn(u, ${name}))`
    : test;
}

function emitResource(name: string, shape: Shape): string {
  const doc = `/** ${shape.doc ?? name} */`;
  const hasFields =
    Object.keys(shape.required ?? {}).length + Object.keys(shape.optional ?? {}).length > 0;
  // Unions of objects with a `type` tag dispatch by lookup; other unions stay plain.
  const tagged =
    shape.union?.every((m) => /^[A-Z]/.test(m)) &&
    /^type\b(?!of)/.test((shape as { discriminator?: string }).discriminator ?? '');
  const body = tagged
    ? `${OPEN_UNIONS.has(name) ? 'openTaggedUnion' : 'taggedUnion'}([${shape.union!.join(', ')}], '${name}')`
    : !hasFields && shape.alias
      ? withName(emit(parse(shape.alias)), name)
      : emitObject(name, shape);
  return `${doc}\nexport const ${name} = ${body};\n/** ${shape.doc ?? name} */\nexport type ${name} = t.TypeOf<typeof ${name}>;\n`;
}

function withName(expr: string, name: string): string {
  // Unions and keyofs carry a name argument so error reports read well.
  if (expr.startsWith('t.union([') && expr.endsWith('])'))
    return `${expr.slice(0, -1)}, '${name}')`;
  if (expr.startsWith('openEnum({') && expr.endsWith('})'))
    return `${expr.slice(0, -1)}, '${name}')`;
  return expr;
}

function shapeDeps(shape: Shape): Set<string> {
  const out = new Set<string>();
  for (const v of [
    ...Object.values(shape.required ?? {}),
    ...Object.values(shape.optional ?? {}),
  ]) {
    refs(parse(v), out);
  }
  if (shape.alias) refs(parse(shape.alias), out);
  return out;
}

function topoSort(shapes: Record<string, Shape>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, via: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`cycle: ${[...via, name].join(' -> ')}`);
    state.set(name, 'visiting');
    for (const dep of shapeDeps(shapes[name])) {
      if (dep === name) continue; // an open union spells out its own members
      if (!(dep in shapes)) throw new Error(`${name} refers to unknown resource ${dep}`);
      visit(dep, [...via, name]);
    }
    state.set(name, 'done');
    order.push(name);
  };
  Object.keys(shapes)
    .sort()
    .forEach((n) => visit(n, []));
  return order;
}

const header = `// Generated by scripts/codegen.ts from catalogue/events.json. Do not edit by hand.
import * as t from 'io-ts';
`;

function pascal(eventType: string): string {
  return eventType
    .split(/[._]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

type Catalogued = 'ga' | 'beta' | 'ga_translation';

const PREFIX: Record<Catalogued, string> = { ga: '', beta: 'Beta', ga_translation: 'Translation' };
const TABLE: Record<Catalogued, string> = { ga: 'ga', beta: 'beta', ga_translation: 'translation' };

/** Codec name of an event: `response.output_audio.delta` -> `ResponseOutputAudioDeltaEvent`. */
export function eventCodecName(dialect: Catalogued, type: string): string {
  const base = type === 'error' ? 'ServerError' : pascal(type);
  return `${PREFIX[dialect]}${base}Event`;
}

function generateResources(): string {
  const order = topoSort(catalogue.resources);
  return `${header}import { optional } from '../optional.js';\nimport { openEnum } from '../open-enum.js';\nimport { openTaggedUnion, taggedUnion } from '../tagged-union.js';\nimport { flatObject } from '../flat-type.js';\n\n${order
    .map((n) => emitResource(n, catalogue.resources[n]))
    .join('\n')}`;
}

function generateEvents(): string {
  const used = new Set<string>();
  const blocks: string[] = [];
  const tables: string[] = [];
  for (const dialect of ['ga', 'beta', 'ga_translation'] as const) {
    for (const side of ['server', 'client'] as const) {
      const events = catalogue[dialect][side];
      const names: string[] = [];
      for (const type of Object.keys(events).sort()) {
        const shape = relax(`${dialect}.${side}.${type}`, events[type]);
        shapeDeps(shape).forEach((d) => used.add(d));
        const name = eventCodecName(dialect, type);
        names.push(name);
        blocks.push(emitResource(name, shape));
      }
      const tableName = `${TABLE[dialect]}${side === 'server' ? 'Server' : 'Client'}EventCodecs`;
      const unionName = `${PREFIX[dialect] || 'Ga'}${side === 'server' ? 'Server' : 'Client'}Event`;
      const what = dialect === 'ga_translation' ? 'translation-session' : dialect;
      tables.push(
        `/** Every ${what} ${side} event type. */\nexport type ${unionName} =\n${names.map((n) => `  | ${n}`).join('\n')};\n\n` +
          `/** ${what} ${side} event codecs by \`type\`: decoding looks the codec up here. */\n` +
          `export const ${tableName}: { readonly [type: string]: t.Decoder<unknown, ${unionName}> | undefined } = {\n${Object.keys(
            events,
          )
            .sort()
            .map((type) => `  ${JSON.stringify(type)}: ${eventCodecName(dialect, type)},`)
            .join('\n')}\n};\n`,
      );
    }
  }
  const imports = [...used].sort();
  const body = blocks.join('\n');
  const enumImport = body.includes('openEnum(')
    ? "import { openEnum } from '../open-enum.js';\n"
    : '';
  return `${header}import { optional } from '../optional.js';\n${enumImport}import { flatObject } from '../flat-type.js';\nimport {\n${imports.map((n) => `  ${n},`).join('\n')}\n} from './resources.js';\n\n${body}\n${tables.join('\n')}`;
}

const out = join(root, 'src', 'protocol', 'generated');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'resources.ts'), generateResources());
writeFileSync(join(out, 'events.ts'), generateEvents());
execSync(`npx prettier --write ${out}`, { stdio: 'ignore' });
console.log(`wrote ${out}/resources.ts and events.ts`);
