import * as t from 'io-ts';

/**
 * A JSON type name as JSON Schema spells it.
 *
 * @example
 * ```ts
 * import type { JsonType } from 'rx-realtime';
 * const nullableInteger: readonly JsonType[] = ['integer', 'null'];
 * ```
 */
export type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

/**
 * A value a `const` or `enum` may list (io-ts literals, keys and `null`).
 *
 * @example
 * ```ts
 * import type { JsonPrimitive } from 'rx-realtime';
 * const units: readonly JsonPrimitive[] = ['celsius', 'fahrenheit', null];
 * ```
 */
export type JsonPrimitive = string | number | boolean | null;

/**
 * The part of JSON Schema that {@link jsonSchemaOf} produces.
 *
 * @example
 * ```ts
 * import type { JsonSchema } from 'rx-realtime';
 * const city: JsonSchema = { type: 'string', description: 'A city name' };
 * ```
 */
export type JsonSchema = {
  /** The JSON type, or the types, a value may have. */
  readonly type?: JsonType | readonly JsonType[];
  /** What the model reads about this value (from {@link described}). */
  readonly description?: string;
  /** The schema of each named property of an object. */
  readonly properties?: { readonly [key: string]: JsonSchema };
  /** The properties an object must have. */
  readonly required?: readonly string[];
  /** The schema of the other properties of an object (a record's values). */
  readonly additionalProperties?: JsonSchema;
  /** The schema of every element of an array. */
  readonly items?: JsonSchema;
  /** The one value allowed. */
  readonly const?: JsonPrimitive;
  /** The values allowed. */
  readonly enum?: readonly JsonPrimitive[];
  /** A value matches at least one of these. */
  readonly anyOf?: readonly JsonSchema[];
  /** A value matches all of these. */
  readonly allOf?: readonly JsonSchema[];
};

/**
 * A tool declaration that cannot be sent: a codec with no JSON Schema, a bad name, or
 * explicit `parameters` that disagree with the codec.
 *
 * @example
 * ```ts
 * import { ToolDeclarationError } from 'rx-realtime';
 * const error = new ToolDeclarationError('cannot express Function: a function is not JSON', {
 *   tool: 'get_weather',
 *   path: '.args.when',
 * });
 * error.message; // 'tool "get_weather": at .args.when cannot express Function: a function is not JSON'
 * ```
 */
export class ToolDeclarationError extends Error {
  /** Always `ToolDeclarationError`, so the error is recognisable after serialisation or across realms. */
  override readonly name = 'ToolDeclarationError';
  /** The tool's name, when known. */
  readonly tool: string | undefined;
  /** Where in the arguments the problem is (`.args.when`), when it has a place. */
  readonly path: string | undefined;
  constructor(
    /** What is wrong, in words. */
    readonly problem: string,
    where: { readonly tool?: string; readonly path?: string } = {},
  ) {
    const tool = where.tool === undefined ? '' : `tool ${JSON.stringify(where.tool)}: `;
    const path = where.path === undefined ? '' : `at ${where.path || '.'} `;
    super(`${tool}${path}${problem}`);
    this.tool = where.tool;
    this.path = where.path;
  }
}

/** Where {@link described} keeps a codec's description; a registered symbol so copies of the package agree. */
const DESCRIPTION = Symbol.for('rx-realtime.description');

/**
 * The same codec (same type, name and behaviour) carrying a description, which
 * {@link jsonSchemaOf} writes as the `description` of its place in the schema (what the
 * model reads about a property). The codec given is left as it was: `described(t.string, ...)`
 * does not describe every `t.string`.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { described, jsonSchemaOf } from 'rx-realtime';
 * const Args = t.type({ city: described(t.string, 'A city name, e.g. Paris') });
 * jsonSchemaOf(Args).properties?.city; // { type: 'string', description: 'A city name, e.g. Paris' }
 * ```
 */
export function described<C extends t.Mixed>(codec: C, description: string): C {
  const copy = Object.create(Object.getPrototypeOf(codec) as object) as C;
  Object.assign(copy, codec);
  Object.defineProperty(copy, DESCRIPTION, { value: description, enumerable: false });
  return copy;
}

/**
 * The description {@link described} attached to a codec, if any.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { described, descriptionOf } from 'rx-realtime';
 * descriptionOf(described(t.string, 'A city')); // 'A city'
 * descriptionOf(t.string); // undefined
 * ```
 */
export function descriptionOf(codec: t.Mixed): string | undefined {
  const description: unknown = (codec as { [DESCRIPTION]?: unknown })[DESCRIPTION];
  return typeof description === 'string' ? description : undefined;
}

/** The codecs the derivation knows, told apart by their public `_tag`. */
type KnownCodec =
  | t.InterfaceType<t.Props>
  | t.PartialType<t.Props>
  | t.IntersectionType<[t.Mixed, t.Mixed, ...t.Mixed[]]>
  | t.UnionType<[t.Mixed, t.Mixed, ...t.Mixed[]]>
  | t.LiteralType<string | number | boolean>
  | t.KeyofType<{ [key: string]: unknown }>
  | t.ArrayType<t.Mixed>
  | t.ReadonlyArrayType<t.Mixed>
  | t.DictionaryType<t.Mixed, t.Mixed>
  | t.ReadonlyType<t.Mixed>
  | t.ExactType<t.Mixed>
  | t.RefinementType<t.Mixed>
  | t.StringType
  | t.NumberType
  | t.BooleanType
  | t.NullType
  | t.UnknownType
  | t.AnyArrayType
  | t.AnyDictionaryType;

/** Why the codecs with no JSON Schema have none, by `_tag`. */
const INEXPRESSIBLE: { readonly [tag: string]: string } = {
  AnyType: 'the handler would receive `any`; use t.unknown for a value of any shape',
  FunctionType: 'a function is not JSON',
  VoidType: 'undefined is not JSON',
  UndefinedType: 'undefined is not JSON',
  NeverType: 'no value has this type',
  BigIntType: 'a bigint is not JSON',
  RecursiveType: 'a recursive codec has no finite schema',
  ObjectType: 't.object also accepts arrays; use t.UnknownRecord or t.type',
};

/**
 * The JSON Schema of the values an io-ts codec accepts, for sending a tool's arguments to the
 * model. Supported: `t.type` (its props required), `t.partial` (not required),
 * `t.intersection` (object schemas merged, `allOf` otherwise), `t.union` (`anyOf`; literals of
 * one type become one `enum`; with `t.null`, a nullable type), `t.literal` (`const`),
 * `t.keyof` (`enum`), `t.array`, `t.readonlyArray`, `t.record(t.string, X)`
 * (`additionalProperties`), `t.readonly`, `t.exact`/`t.strict`, `t.string`, `t.number`,
 * `t.boolean`, `t.null`, `t.Int` (`integer`), `t.unknown` (`{}`), `t.UnknownArray`,
 * `t.UnknownRecord`, and refinements and brands (as their base type: the codec still checks
 * the predicate when the call arrives). Descriptions come from {@link described}.
 *
 * @throws {@link ToolDeclarationError} naming the codec and its path for anything else
 *   (functions, `t.void`, `t.undefined`, recursion, tuples, records keyed by anything but
 *   `t.string`, `t.any`).
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { jsonSchemaOf } from 'rx-realtime';
 * jsonSchemaOf(t.type({ city: t.string, days: t.union([t.Int, t.null]) }));
 * // { type: 'object',
 * //   properties: { city: { type: 'string' }, days: { type: ['integer', 'null'] } },
 * //   required: ['city', 'days'] }
 * ```
 */
export function jsonSchemaOf(codec: t.Mixed): JsonSchema {
  return schemaAt(codec, '');
}

function schemaAt(codec: t.Mixed, path: string): JsonSchema {
  const schema = bareSchemaAt(codec, path);
  const description = descriptionOf(codec);
  return description === undefined ? schema : { ...schema, description };
}

function bareSchemaAt(codec: t.Mixed, path: string): JsonSchema {
  const known = codec as KnownCodec;
  switch (known._tag) {
    case 'StringType':
      return { type: 'string' };
    case 'NumberType':
      return { type: 'number' };
    case 'BooleanType':
      return { type: 'boolean' };
    case 'NullType':
      return { type: 'null' };
    case 'UnknownType':
      return {};
    case 'AnyArrayType':
      return { type: 'array' };
    case 'AnyDictionaryType':
      return { type: 'object' };
    case 'LiteralType':
      return { type: jsonTypeOf(known.value), const: known.value };
    case 'KeyofType':
      return { type: 'string', enum: Object.keys(known.keys) };
    case 'InterfaceType':
      return objectSchema(known.props, true, path);
    case 'PartialType':
      return objectSchema(known.props, false, path);
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return { type: 'array', items: schemaAt(known.type, `${path}[]`) };
    case 'ReadonlyType':
    case 'ExactType':
      return schemaAt(known.type, path);
    case 'RefinementType':
      return isInt(known) ? { type: 'integer' } : schemaAt(known.type, path);
    case 'DictionaryType':
      if ((known.domain as KnownCodec)._tag !== 'StringType')
        throw cannotExpress(codec, path, 'a record must be keyed by t.string');
      return { type: 'object', additionalProperties: schemaAt(known.codomain, `${path}[string]`) };
    case 'UnionType':
      return unionSchema(
        known.types.map((member) => schemaAt(member, path)),
        known.types.map((member) => (member as KnownCodec)._tag === 'NullType'),
      );
    case 'IntersectionType':
      return intersectionSchema(known.types.map((member) => schemaAt(member, path)));
    default: {
      const tag = (codec as { readonly _tag?: unknown })._tag;
      const why =
        typeof tag === 'string' && tag in INEXPRESSIBLE
          ? INEXPRESSIBLE[tag]
          : `no JSON Schema for this kind of codec (${typeof tag === 'string' ? tag : 'no _tag'})`;
      throw cannotExpress(codec, path, why);
    }
  }
}

const cannotExpress = (codec: t.Mixed, path: string, why: string | undefined) =>
  new ToolDeclarationError(`cannot express ${codec.name}: ${why ?? ''}`, { path });

/** `t.Int` (and copies made by {@link described}): an integer refinement of `t.number`. */
const isInt = (codec: t.RefinementType<t.Mixed>): boolean =>
  codec === t.Int || (codec.name === 'Int' && (codec.type as KnownCodec)._tag === 'NumberType');

function jsonTypeOf(value: string | number | boolean): JsonType {
  if (typeof value === 'string') return 'string';
  return typeof value === 'number' ? 'number' : 'boolean';
}

function objectSchema(props: t.Props, required: boolean, path: string): JsonSchema {
  const properties = Object.fromEntries(
    Object.entries(props).map(([key, prop]) => [key, schemaAt(prop, `${path}.${key}`)]),
  );
  return required
    ? { type: 'object', properties, required: Object.keys(props) }
    : { type: 'object', properties };
}

/**
 * `anyOf` of the members; literals and enums of one JSON type become one `enum`, and a `t.null`
 * member makes the rest nullable (`type: ['string', 'null']`) when it is a single typed schema.
 */
function unionSchema(members: readonly JsonSchema[], isNull: readonly boolean[]): JsonSchema {
  const nullable = isNull.some(Boolean);
  const others = members.filter((_, i) => !isNull[i]);
  if (others.length === 0) return { type: 'null' };
  const one = others.length === 1 ? others[0] : (enumOf(others) ?? { anyOf: others });
  if (!nullable) return one;
  if (typeof one.type !== 'string' || one.anyOf || one.allOf)
    return { anyOf: [one, { type: 'null' }] };
  const values = one.enum ?? (one.const === undefined ? undefined : [one.const]);
  const rest = Object.fromEntries(Object.entries(one).filter(([key]) => key !== 'const'));
  return { ...rest, type: [one.type, 'null'], ...(values ? { enum: [...values, null] } : {}) };
}

/** One `enum` for members that are all undescribed constants or enums of the same JSON type. */
function enumOf(members: readonly JsonSchema[]): JsonSchema | undefined {
  const [first] = members;
  const type = first?.type;
  if (typeof type !== 'string') return undefined;
  const values: JsonPrimitive[] = [];
  for (const member of members) {
    const keys = Object.keys(member).sort().join(',');
    if (member.type !== type) return undefined;
    if (keys === 'const,type' && member.const !== undefined) values.push(member.const);
    else if (keys === 'enum,type' && member.enum) values.push(...member.enum);
    else return undefined;
  }
  return { type, enum: [...new Set(values)] };
}

/** Plain object schemas merge into one (a property in several gets `allOf`); others stay `allOf`. */
function intersectionSchema(members: readonly JsonSchema[]): JsonSchema {
  const plain = members.every(
    (m) =>
      Object.keys(m).every((key) => ['type', 'properties', 'required'].includes(key)) &&
      m.type === 'object',
  );
  if (!plain) {
    const objects = members.every((m) => m.type === 'object');
    return objects ? { type: 'object', allOf: members } : { allOf: members };
  }
  const properties: { [key: string]: JsonSchema } = {};
  for (const member of members)
    for (const [key, schema] of Object.entries(member.properties ?? {}))
      properties[key] =
        key in properties ? { allOf: [properties[key] as JsonSchema, schema] } : schema;
  const required = [...new Set(members.flatMap((m) => m.required ?? []))];
  return required.length > 0
    ? { type: 'object', properties, required }
    : { type: 'object', properties };
}
