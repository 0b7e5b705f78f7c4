/**
 * Reads the realtime type declarations of an `openai` package with the TypeScript compiler,
 * for the catalogue comparison (`catalogue-diff.ts`) and the runtime conformance samples
 * (`sdk-samples.ts`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** Catalogue `sdk` reference prefixes and the declaration file each one names. */
export const SDK_FILES: Readonly<Record<string, string>> = {
  ga: 'resources/realtime/realtime.d.ts',
  gaSecrets: 'resources/realtime/client-secrets.d.ts',
  responses: 'resources/responses/responses.d.ts',
  audio: 'resources/audio/transcriptions.d.ts',
};

/** The loaded declarations: a checker and the module symbol of each `SDK_FILES` prefix. */
export interface Sdk {
  readonly checker: ts.TypeChecker;
  readonly modules: ReadonlyMap<string, ts.Symbol>;
}

export function loadSdk(packageDir: string): Sdk {
  const files = Object.values(SDK_FILES).map((f) => join(packageDir, f));
  const program = ts.createProgram(
    files.filter((f) => existsSync(f)),
    { strict: true, noEmit: true, skipLibCheck: true },
  );
  const checker = program.getTypeChecker();
  const modules = new Map<string, ts.Symbol>();
  for (const [prefix, file] of Object.entries(SDK_FILES)) {
    const source = program.getSourceFile(join(packageDir, file));
    const symbol = source && checker.getSymbolAtLocation(source);
    if (symbol) modules.set(prefix, symbol);
  }
  return { checker, modules };
}

/**
 * The type a reference such as `ga:RealtimeResponse.Audio` names; `undefined` when the package
 * lacks it, `'not-comparable'` when the reference names no declaration file (beta, derived).
 */
export function sdkType(sdk: Sdk, reference: string): ts.Type | undefined | 'not-comparable' {
  const match = /^(\w+):([\w.]+)$/.exec(reference);
  if (!match || !(match[1] in SDK_FILES)) return 'not-comparable';
  const module = sdk.modules.get(match[1]);
  if (!module) return undefined;
  let symbol: ts.Symbol | undefined = module;
  for (const name of match[2].split('.')) {
    symbol = symbol && sdk.checker.getExportsOfModule(symbol).find((s) => s.name === name);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias)
      symbol = sdk.checker.getAliasedSymbol(symbol);
  }
  return symbol && sdk.checker.getDeclaredTypeOfSymbol(symbol);
}

/** The members of a union type (the type itself otherwise). */
export const membersOf = (type: ts.Type): readonly ts.Type[] =>
  type.isUnion() ? type.types : [type];
