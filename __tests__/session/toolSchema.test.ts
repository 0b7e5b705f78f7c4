import Ajv from 'ajv';
import fc from 'fast-check';
import * as t from 'io-ts';
import {
  described,
  descriptionOf,
  jsonSchemaOf,
  ToolDeclarationError,
} from '../../src/session/index.js';

/** The weather tool's arguments, as the docs show them. */
const WeatherArgs = t.intersection([
  t.type({ location: described(t.string, 'City and country, e.g. Paris, France') }),
  t.partial({
    unit: described(t.keyof({ celsius: null, fahrenheit: null }), 'Celsius when omitted'),
  }),
]);

describe('jsonSchemaOf', () => {
  it('derives the weather example exactly', () => {
    expect(jsonSchemaOf(WeatherArgs)).toEqual({
      type: 'object',
      properties: {
        location: { type: 'string', description: 'City and country, e.g. Paris, France' },
        unit: {
          type: 'string',
          enum: ['celsius', 'fahrenheit'],
          description: 'Celsius when omitted',
        },
      },
      required: ['location'],
    });
  });

  it.each<[string, t.Mixed, unknown]>([
    ['t.string', t.string, { type: 'string' }],
    ['t.number', t.number, { type: 'number' }],
    ['t.boolean', t.boolean, { type: 'boolean' }],
    ['t.null', t.null, { type: 'null' }],
    ['t.Int', t.Int, { type: 'integer' }],
    ['t.unknown', t.unknown, {}],
    ['t.UnknownArray', t.UnknownArray, { type: 'array' }],
    ['t.UnknownRecord', t.UnknownRecord, { type: 'object' }],
    ['a string literal', t.literal('on'), { type: 'string', const: 'on' }],
    ['a number literal', t.literal(3), { type: 'number', const: 3 }],
    ['a boolean literal', t.literal(true), { type: 'boolean', const: true }],
    ['t.keyof', t.keyof({ a: null, b: null }), { type: 'string', enum: ['a', 'b'] }],
    [
      't.type: every prop required',
      t.type({ a: t.string, b: t.number }),
      {
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'number' } },
        required: ['a', 'b'],
      },
    ],
    [
      't.partial: no prop required',
      t.partial({ a: t.string }),
      { type: 'object', properties: { a: { type: 'string' } } },
    ],
    [
      't.intersection of objects: merged, a shared prop as allOf',
      t.intersection([t.type({ a: t.string }), t.partial({ b: t.number, a: t.string })]),
      {
        type: 'object',
        properties: {
          a: { allOf: [{ type: 'string' }, { type: 'string' }] },
          b: { type: 'number' },
        },
        required: ['a'],
      },
    ],
    [
      't.intersection with a record: allOf',
      t.intersection([t.type({ a: t.number }), t.record(t.string, t.number)]),
      {
        type: 'object',
        allOf: [
          { type: 'object', properties: { a: { type: 'number' } }, required: ['a'] },
          { type: 'object', additionalProperties: { type: 'number' } },
        ],
      },
    ],
    [
      't.intersection of non-objects: allOf',
      t.intersection([t.string, t.keyof({ a: null })]),
      { allOf: [{ type: 'string' }, { type: 'string', enum: ['a'] }] },
    ],
    [
      't.union: anyOf',
      t.union([t.string, t.type({ a: t.number })]),
      {
        anyOf: [
          { type: 'string' },
          { type: 'object', properties: { a: { type: 'number' } }, required: ['a'] },
        ],
      },
    ],
    [
      't.union of literals of one type: one enum',
      t.union([t.literal('a'), t.literal('b'), t.keyof({ c: null })]),
      { type: 'string', enum: ['a', 'b', 'c'] },
    ],
    [
      't.union of literals of different types: anyOf',
      t.union([t.literal('a'), t.literal(1)]),
      {
        anyOf: [
          { type: 'string', const: 'a' },
          { type: 'number', const: 1 },
        ],
      },
    ],
    ['t.union with t.null: nullable', t.union([t.Int, t.null]), { type: ['integer', 'null'] }],
    [
      'a nullable enum lists null',
      t.union([t.null, t.keyof({ a: null })]),
      { type: ['string', 'null'], enum: ['a', null] },
    ],
    [
      'a nullable literal lists null',
      t.union([t.literal('a'), t.null]),
      { type: ['string', 'null'], enum: ['a', null] },
    ],
    [
      'a nullable union: anyOf with null',
      t.union([t.string, t.number, t.null]),
      { anyOf: [{ anyOf: [{ type: 'string' }, { type: 'number' }] }, { type: 'null' }] },
    ],
    ['t.array', t.array(t.string), { type: 'array', items: { type: 'string' } }],
    ['t.readonlyArray', t.readonlyArray(t.number), { type: 'array', items: { type: 'number' } }],
    [
      't.record(t.string, X)',
      t.record(t.string, t.boolean),
      { type: 'object', additionalProperties: { type: 'boolean' } },
    ],
    [
      't.readonly',
      t.readonly(t.type({ a: t.string })),
      { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
    ],
    [
      't.exact',
      t.exact(t.partial({ a: t.string })),
      { type: 'object', properties: { a: { type: 'string' } } },
    ],
    [
      't.strict',
      t.strict({ a: t.string }),
      { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
    ],
    [
      'a brand: its base type',
      t.brand(
        t.string,
        (s): s is t.Branded<string, { readonly Id: unique symbol }> => s !== '',
        'Id',
      ),
      { type: 'string' },
    ],
    [
      'a refinement: its base type',
      t.refinement(t.number, (n) => n > 0, 'Positive'),
      { type: 'number' },
    ],
    [
      'a brand of t.Int: integer',
      t.brand(
        t.Int,
        (n): n is t.Branded<t.Int, { readonly Odd: unique symbol }> => n % 2 === 1,
        'Odd',
      ),
      { type: 'integer' },
    ],
    [
      'descriptions anywhere',
      described(t.array(described(t.union([t.string, t.null]), 'a tag')), 'the tags'),
      {
        type: 'array',
        description: 'the tags',
        items: { type: ['string', 'null'], description: 'a tag' },
      },
    ],
  ])('%s', (_, codec, schema) => {
    expect(jsonSchemaOf(codec)).toEqual(schema);
  });

  it.each<[string, t.Mixed, string, string]>([
    [
      'a function',
      t.type({ when: t.Function }),
      '.when',
      'cannot express Function: a function is not JSON',
    ],
    ['t.void', t.partial({ a: t.void }), '.a', 'cannot express void: undefined is not JSON'],
    [
      't.undefined in a union',
      t.type({ a: t.union([t.string, t.undefined]) }),
      '.a',
      'cannot express undefined: undefined is not JSON',
    ],
    [
      't.any',
      t.array(t.any),
      '[]',
      'cannot express any: the handler would receive `any`; use t.unknown for a value of any shape',
    ],
    [
      't.bigint',
      t.record(t.string, t.bigint),
      '[string]',
      'cannot express bigint: a bigint is not JSON',
    ],
    [
      't.never',
      t.type({ a: t.array(t.never as unknown as t.Mixed) }),
      '.a[]',
      'cannot express never: no value has this type',
    ],
    [
      't.object',
      t.type({ o: t.object }),
      '.o',
      'cannot express object: t.object also accepts arrays; use t.UnknownRecord or t.type',
    ],
    [
      'recursion',
      t.type({ tree: t.recursion('Tree', () => t.type({ children: t.array(t.string) })) }),
      '.tree',
      'cannot express Tree: a recursive codec has no finite schema',
    ],
    [
      'a record keyed by something else than t.string',
      t.type({ r: t.record(t.keyof({ a: null }), t.string) }),
      '.r',
      'cannot express { [K in "a"]: string }: a record must be keyed by t.string',
    ],
    [
      'a tuple',
      t.type({ p: t.tuple([t.number, t.number]) }),
      '.p',
      'cannot express [number, number]: no JSON Schema for this kind of codec (TupleType)',
    ],
  ])('refuses %s, naming the codec and the path', (_, codec, path, problem) => {
    expect(() => jsonSchemaOf(codec)).toThrow(
      expect.objectContaining({ name: 'ToolDeclarationError', path, problem }) as Error,
    );
    expect(() => jsonSchemaOf(codec)).toThrow(ToolDeclarationError);
  });
});

describe('described', () => {
  it('returns a codec with the same name and behaviour, leaving the original undescribed', () => {
    const city = described(t.string, 'A city');
    expect(city.name).toBe('string');
    expect(city.is('Paris')).toBe(true);
    expect(city.decode(42)._tag).toBe('Left');
    expect(city.decode('Paris')).toEqual({ _tag: 'Right', right: 'Paris' });
    expect(descriptionOf(city)).toBe('A city');
    expect(descriptionOf(t.string)).toBeUndefined();
    expect(jsonSchemaOf(t.string)).toEqual({ type: 'string' });
  });

  it('keeps an object codec usable as one (props, decoding, a later description wins)', () => {
    const Args = described(described(t.type({ a: t.number }), 'first'), 'second');
    expect(Object.keys(Args.props)).toEqual(['a']);
    expect(Args.decode({ a: '1' })._tag).toBe('Left');
    expect(jsonSchemaOf(Args).description).toBe('second');
  });
});

/** A generated codec with an arbitrary of values it accepts and one of near misses. */
interface Node {
  readonly codec: t.Mixed;
  readonly valid: fc.Arbitrary<unknown>;
  readonly near: fc.Arbitrary<unknown>;
}

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const anyJson = fc.jsonValue({ maxDepth: 2 });
/** Scalars of every JSON type, the constants the leaves use among them: near misses for any leaf. */
const anyScalar = fc.oneof(
  finite,
  fc.integer(),
  fc.string(),
  fc.boolean(),
  fc.constantFrom(null, 'on', 'x', 'y', 2, 2.5),
);
const leaf = (codec: t.Mixed, valid: fc.Arbitrary<unknown>): Node => ({
  codec,
  valid,
  near: fc.oneof(valid, anyScalar, anyJson),
});
const keys = ['a', 'b', 'c'] as const;

const leaves: fc.Arbitrary<Node> = fc.constantFrom(
  leaf(t.string, fc.string()),
  leaf(t.number, finite),
  leaf(t.boolean, fc.boolean()),
  leaf(t.null, fc.constant(null)),
  leaf(t.Int, fc.integer()),
  leaf(t.unknown, anyJson),
  leaf(t.literal('on'), fc.constant('on')),
  leaf(t.literal(2), fc.constant(2)),
  leaf(t.keyof({ x: null, y: null }), fc.constantFrom('x', 'y')),
);

function objectNode(props: ReadonlyArray<readonly [string, Node]>, partial: boolean): Node {
  const record = (pick: (n: Node) => fc.Arbitrary<unknown>, required: boolean) =>
    fc.record(Object.fromEntries(props.map(([key, node]) => [key, pick(node)])), {
      requiredKeys: required ? props.map(([key]) => key) : [],
    });
  const codecProps = Object.fromEntries(props.map(([key, node]) => [key, node.codec]));
  return {
    codec: partial ? t.partial(codecProps) : t.type(codecProps),
    valid: record((n) => n.valid, !partial),
    near: fc.oneof(
      record((n) => n.near, false),
      anyJson,
    ),
  };
}

const { node } = fc.letrec<{ node: Node }>((tie) => {
  const child = tie('node');
  const props = fc.uniqueArray(fc.tuple(fc.constantFrom(...keys), child), {
    selector: ([key]) => key,
    maxLength: 3,
  });
  return {
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaves,
      props.map((p) => objectNode(p, false)),
      props.map((p) => objectNode(p, true)),
      child.map((n) => ({
        codec: t.array(n.codec),
        valid: fc.array(n.valid, { maxLength: 3 }),
        near: fc.oneof(fc.array(n.near, { maxLength: 3 }), anyJson),
      })),
      child.map((n) => ({
        codec: t.readonlyArray(n.codec),
        valid: fc.array(n.valid, { maxLength: 3 }),
        near: fc.array(n.near, { maxLength: 3 }),
      })),
      child.map((n) => ({
        codec: t.record(t.string, n.codec),
        valid: fc.dictionary(fc.constantFrom(...keys), n.valid, { maxKeys: 3 }),
        near: fc.oneof(fc.dictionary(fc.constantFrom(...keys), n.near, { maxKeys: 3 }), anyJson),
      })),
      fc.tuple(child, child).map(([a, b]) => ({
        codec: t.union([a.codec, b.codec]),
        valid: fc.oneof(a.valid, b.valid),
        near: fc.oneof(a.near, b.near),
      })),
      child.map((n) => ({
        codec: t.union([n.codec, t.null]),
        valid: fc.oneof(n.valid, fc.constant(null)),
        near: n.near,
      })),
      fc.tuple(props, props).map(([a, b]) => {
        const left = objectNode(a, false);
        const right = objectNode(b, true);
        return {
          codec: t.intersection([left.codec, right.codec]),
          valid: fc
            .tuple(left.valid, right.valid)
            .map(([x, y]) => ({ ...(y as object), ...(x as object) })),
          near: fc
            .tuple(left.near, right.near)
            .map(([x, y]) => (typeof x === 'object' && typeof y === 'object' ? { ...y, ...x } : x)),
        };
      }),
      child.map((n) => ({ ...n, codec: t.readonly(n.codec) })),
      child.map((n) => ({
        ...n,
        codec: t.exact(t.type({ a: n.codec })),
        valid: fc.record({ a: n.valid, z: fc.string() }),
        near: fc.record({ a: n.near }),
      })),
      child.map((n) => ({ ...n, codec: described(n.codec, 'described') })),
    ),
  };
});

/** A node printed by its codec's name when fast-check reports a counterexample. */
const shown = (n: Node): Node => Object.assign({ [fc.toStringMethod]: () => n.codec.name }, n);

/** Both sides as JSON, the way the model sends arguments. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

describe('jsonSchemaOf, property tests', () => {
  const ajv = new Ajv({ allowUnionTypes: true });

  it('values a generated codec accepts validate against its derived schema', () => {
    fc.assert(
      fc.property(
        node.chain((n) => fc.tuple(fc.constant(shown(n)), n.valid)),
        ([n, generated]) => {
          const value = asJson(generated);
          fc.pre(n.codec.is(value));
          const validate = ajv.compile(jsonSchemaOf(n.codec));
          expect({ value, valid: validate(value), errors: validate.errors }).toEqual({
            value,
            valid: true,
            errors: null,
          });
        },
      ),
      { seed: 12, numRuns: 400 },
    );
  });

  it('JSON values the derived schema accepts are accepted by the codec, and only those', () => {
    fc.assert(
      fc.property(
        node.chain((n) => fc.tuple(fc.constant(shown(n)), fc.oneof(n.valid, n.near))),
        ([n, generated]) => {
          const value = asJson(generated);
          const validate = ajv.compile(jsonSchemaOf(n.codec));
          expect({ value, codec: n.codec.decode(value)._tag === 'Right' }).toEqual({
            value,
            codec: validate(value),
          });
        },
      ),
      { seed: 12, numRuns: 600 },
    );
  });
});
