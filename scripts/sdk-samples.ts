/**
 * Builds sample events from an `openai` package's realtime type declarations: for every event
 * type, values that set every field the SDK declares, optional ones included, with one sample
 * per member of every union on the way (each tool, item, content type, format...). The runtime
 * conformance test sends them through the encoder and the decoder, so a field the SDK adds and
 * the catalogue lacks fails a test instead of a user.
 */
import ts from 'typescript';
import { loadSdk, membersOf, sdkType, type Sdk } from './sdk-types.js';

/** One sample: the event `type` and a value of the SDK's type for it. */
export interface SdkSample {
  readonly type: string;
  readonly value: { readonly [field: string]: unknown };
}

const MAX_DEPTH = 12;

/** Every distinct value worth trying for `type`: the first is the plain one, the rest vary one union. */
function samplesOf(sdk: Sdk, type: ts.Type, depth: number): unknown[] {
  if (depth > MAX_DEPTH) return [{}];
  const { checker } = sdk;
  if (type.isUnion()) {
    // `boolean` is the union true | false: one sample is enough.
    const members = membersOf(type).filter(
      (m) => !(m.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.BooleanLiteral)) || m === type,
    );
    const hasBoolean = membersOf(type).some((m) => m.flags & ts.TypeFlags.BooleanLiteral);
    const out = members.flatMap((m) => samplesOf(sdk, m, depth));
    return hasBoolean ? [true, ...out] : out;
  }
  if (type.isStringLiteral()) return [type.value];
  if (type.isNumberLiteral()) return [type.value];
  if (type.flags & ts.TypeFlags.BooleanLiteral) return [checker.typeToString(type) === 'true'];
  if (type.flags & ts.TypeFlags.Null) return [null];
  if (type.flags & (ts.TypeFlags.String | ts.TypeFlags.Intersection)) return ['sample'];
  if (type.flags & ts.TypeFlags.Number) return [1];
  if (type.flags & ts.TypeFlags.Boolean) return [true];
  if (type.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return [{ sample: true }];
  if (checker.isArrayType(type)) {
    const [element] = checker.getTypeArguments(type as ts.TypeReference);
    return samplesOf(sdk, element, depth + 1).map((v) => [v]);
  }
  const index = checker.getIndexInfosOfType(type)[0];
  const properties = checker.getPropertiesOfType(type);
  if (index && properties.length === 0) {
    return samplesOf(sdk, index.type, depth + 1).map((v) => ({ key: v }));
  }
  const fields = properties.map((p) => ({
    name: p.name,
    samples: samplesOf(sdk, checker.getNonNullableType(checker.getTypeOfSymbol(p)), depth + 1),
    nullable:
      (checker.getTypeOfSymbol(p).flags & ts.TypeFlags.Union) !== 0 &&
      membersOf(checker.getTypeOfSymbol(p)).some((m) => m.flags & ts.TypeFlags.Null),
  }));
  const base: Record<string, unknown> = {};
  for (const f of fields) base[f.name] = f.samples[0];
  const variants: unknown[] = [base];
  for (const f of fields) {
    const extra = [...f.samples.slice(1), ...(f.nullable ? [null] : [])];
    for (const v of extra) variants.push({ ...base, [f.name]: v });
  }
  return variants;
}

/**
 * Samples of every member of each SDK event union named (such as `RealtimeClientEvent`),
 * by union name. The declarations are read once, however many unions are asked for.
 */
export function sdkEventSamples<U extends string>(
  packageDir: string,
  unions: readonly U[],
): Record<U, SdkSample[]> {
  const sdk = loadSdk(packageDir);
  const out = {} as Record<U, SdkSample[]>;
  for (const union of unions) {
    const type = sdkType(sdk, `ga:${union}`);
    if (!type || type === 'not-comparable') throw new Error(`the SDK has no ${union}`);
    out[union] = membersOf(type).flatMap((member) =>
      samplesOf(sdk, member, 0).map((value) => {
        const event = value as SdkSample['value'];
        return { type: String(event.type), value: event };
      }),
    );
  }
  return out;
}
