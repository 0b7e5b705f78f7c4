/**
 * Reports how `catalogue/events.json` differs from the realtime types of an `openai` package:
 * event types one side lacks, and per resource or event (through its `sdk` reference) the
 * fields one side lacks, optionality, nullability and enum values that differ.
 *
 *   npm run catalogue:diff                      # the installed devDependency
 *   npm run catalogue:diff -- path/to/openai    # an unpacked `npm pack openai@x.y.z`
 *
 * Differences recorded in `notes.wire_overrides` (what the wire really does) are listed apart,
 * so what is left is work to do. Exits with 1 when anything is left.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { loadSdk, membersOf, sdkType, type Sdk } from './sdk-types.js';
import { splitTop } from './type-strings.js';

interface Shape {
  readonly required?: Record<string, string>;
  readonly optional?: Record<string, string>;
  readonly sdk?: string;
}
type Side = Record<string, Shape>;
interface Catalogue {
  readonly resources: Side;
  readonly ga: { readonly client: Side; readonly server: Side };
  readonly ga_translation: { readonly client: Side; readonly server: Side };
  readonly notes: { readonly wire_overrides: readonly { readonly where: string }[] };
}

/** The SDK unions of event types, and the catalogue side each corresponds to. */
const EVENT_UNIONS = [
  { union: 'RealtimeClientEvent', side: 'ga.client' },
  { union: 'RealtimeServerEvent', side: 'ga.server' },
  { union: 'RealtimeTranslationClientEvent', side: 'ga_translation.client' },
  { union: 'RealtimeTranslationServerEvent', side: 'ga_translation.server' },
] as const;

/** What the comparison needs to know about one field's type. */
interface FieldType {
  readonly literals: ReadonlySet<string>;
  readonly nullable: boolean;
  /** Any string accepted besides the literals. */
  readonly open: boolean;
}
interface Field {
  readonly optional: boolean;
  readonly type: FieldType;
}

// ---------------------------------------------------------------- the SDK side

function describeSdkType(type: ts.Type): FieldType {
  const members = membersOf(type);
  const literals = new Set<string>();
  let nullable = false;
  let open = false;
  for (const member of members) {
    if (member.isStringLiteral()) literals.add(member.value);
    else if (member.flags & ts.TypeFlags.Null) nullable = true;
    // `string & {}` is how the SDK keeps an open union's literals visible to editors.
    else if (member.flags & ts.TypeFlags.String || member.isIntersection()) open = true;
  }
  return { literals, nullable, open };
}

function sdkFields(sdk: Sdk, type: ts.Type): Map<string, Field> {
  const fields = new Map<string, Field>();
  for (const property of sdk.checker.getPropertiesOfType(type)) {
    const declared = sdk.checker.getTypeOfSymbol(property);
    fields.set(property.name, {
      optional: (property.flags & ts.SymbolFlags.Optional) !== 0,
      type: describeSdkType(declared),
    });
  }
  return fields;
}

/** The `type` literals of the members of an SDK event union. */
function sdkEventTypes(sdk: Sdk, union: string): Set<string> | undefined {
  const type = sdkType(sdk, `ga:${union}`);
  if (!type || type === 'not-comparable') return undefined;
  const out = new Set<string>();
  for (const member of membersOf(type)) {
    const tag = member.getProperty('type');
    const tagType = tag && sdk.checker.getTypeOfSymbol(tag);
    if (tagType?.isStringLiteral()) out.add(tagType.value);
  }
  return out;
}

// ---------------------------------------------------------------- the catalogue side

function describeCatalogueType(text: string): FieldType {
  const members = splitTop(text, '|');
  return {
    literals: new Set(members.filter((m) => /^'.*'$/.test(m)).map((m) => m.slice(1, -1))),
    nullable: members.includes('null'),
    open: members.includes('string'),
  };
}

function catalogueFields(shape: Shape): Map<string, Field> {
  const fields = new Map<string, Field>();
  for (const [name, type] of Object.entries(shape.required ?? {})) {
    fields.set(name, { optional: false, type: describeCatalogueType(type) });
  }
  for (const [name, type] of Object.entries(shape.optional ?? {})) {
    fields.set(name, { optional: true, type: describeCatalogueType(type) });
  }
  return fields;
}

// ---------------------------------------------------------------- comparison

function compareFields(where: string, ours: Map<string, Field>, theirs: Map<string, Field>) {
  const out: string[] = [];
  for (const [name, field] of theirs) {
    const mine = ours.get(name);
    const at = `${where}.${name}`;
    if (!mine) {
      out.push(
        `${at}: in the SDK (${field.optional ? 'optional' : 'required'}), not in the catalogue`,
      );
      continue;
    }
    if (mine.optional !== field.optional) {
      out.push(
        `${at}: ${field.optional ? 'optional' : 'required'} in the SDK, ${mine.optional ? 'optional' : 'required'} here`,
      );
    }
    if (field.type.nullable && !mine.type.nullable)
      out.push(`${at}: nullable in the SDK, not here`);
    // Enum values matter only where both sides enumerate: a catalogue `Ref` stands for its own shape.
    if (mine.type.literals.size && field.type.literals.size) {
      const missing = [...field.type.literals].filter((v) => !mine.type.literals.has(v));
      const extra = [...mine.type.literals].filter((v) => !field.type.literals.has(v));
      if (missing.length) out.push(`${at}: SDK values missing here: ${missing.join(', ')}`);
      if (extra.length) out.push(`${at}: values not in the SDK: ${extra.join(', ')}`);
    }
  }
  for (const name of ours.keys()) {
    if (!theirs.has(name)) out.push(`${where}.${name}: in the catalogue, not in the SDK`);
  }
  return out;
}

/** Every difference, as one line each. */
export function diffCatalogue(catalogue: Catalogue, packageDir: string): string[] {
  const sdk = loadSdk(packageDir);
  const out: string[] = [];
  for (const { union, side } of EVENT_UNIONS) {
    const theirs = sdkEventTypes(sdk, union);
    if (!theirs) {
      out.push(`${side}: the SDK has no ${union}`);
      continue;
    }
    const [dialect, direction] = side.split('.') as ['ga' | 'ga_translation', 'client' | 'server'];
    const ours = new Set(Object.keys(catalogue[dialect][direction]));
    for (const type of theirs)
      if (!ours.has(type)) out.push(`${side}.${type}: in the SDK, not in the catalogue`);
    for (const type of ours)
      if (!theirs.has(type)) out.push(`${side}.${type}: in the catalogue, not in the SDK`);
  }
  const shapes: [string, Shape][] = [
    ...Object.entries(catalogue.resources).map(([n, s]): [string, Shape] => [`resources.${n}`, s]),
    ...(['ga', 'ga_translation'] as const).flatMap((dialect) =>
      (['client', 'server'] as const).flatMap((direction) =>
        Object.entries(catalogue[dialect][direction]).map(([n, s]): [string, Shape] => [
          `${dialect}.${direction}.${n}`,
          s,
        ]),
      ),
    ),
  ];
  for (const [where, shape] of shapes) {
    if (!shape.sdk) continue;
    const type = sdkType(sdk, shape.sdk);
    if (type === 'not-comparable') continue;
    if (!type) {
      out.push(`${where}: the SDK has no ${shape.sdk}`);
      continue;
    }
    // Unions and aliases are compared through their members, which carry their own `sdk`.
    if (type.isUnion() || !Object.keys({ ...shape.required, ...shape.optional }).length) continue;
    out.push(...compareFields(where, catalogueFields(shape), sdkFields(sdk, type)));
  }
  return out;
}

function main(): void {
  const root = join(__dirname, '..');
  const packageDir = resolve(process.argv[2] ?? join(root, 'node_modules', 'openai'));
  const version = (
    JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const catalogue = JSON.parse(
    readFileSync(join(root, 'catalogue', 'events.json'), 'utf8'),
  ) as Catalogue;
  const overrides = catalogue.notes.wire_overrides.map((o) => o.where);
  const isOverride = (line: string) =>
    overrides.some((where) => line.startsWith(`${where}:`) || line.startsWith(`${where}.`));
  const lines = diffCatalogue(catalogue, packageDir);
  const known = lines.filter(isOverride);
  const open = lines.filter((l) => !isOverride(l));
  console.log(`catalogue/events.json against openai@${version} (${packageDir})`);
  if (known.length) {
    console.log(`\n${known.length} difference(s) recorded in notes.wire_overrides:`);
    known.forEach((l) => console.log(`  ${l}`));
  }
  console.log(
    open.length ? `\n${open.length} difference(s) to resolve:` : '\nno other differences',
  );
  open.forEach((l) => console.log(`  ${l}`));
  process.exitCode = open.length ? 1 : 0;
}

if (require.main === module) main();
