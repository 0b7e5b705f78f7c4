/**
 * The TypeScript snippets of the docs (every ```ts block of README.md and docs/*.md), written
 * out as modules so a consumer's compiler checks them against the installed package.
 *
 * A fragment that uses the reader's own values (`socket`, `speaker`) gets them from a hidden
 * prelude: an HTML comment right above the fence, invisible on the rendered page.
 *
 *     <!-- ts-prelude
 *     import type { RealtimeSocket } from 'rx-realtime';
 *     declare const socket: RealtimeSocket;
 *     -->
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One ```ts block: where it is in the docs and its code. */
export interface DocSnippet {
  /** `docs/audio.md:42`, the line of the opening fence. */
  readonly source: string;
  /** The hidden prelude's lines, then the block's. */
  readonly code: string;
}

const FENCE = /^```ts\s*$/;
const PRELUDE_START = '<!-- ts-prelude';
const PRELUDE_END = '-->';

/** The lines of the prelude that ends on the line above `fence`, if there is one. */
function preludeAbove(lines: readonly string[], fence: number): string[] {
  if (fence === 0 || lines[fence - 1].trim() !== PRELUDE_END) return [];
  for (let i = fence - 2; i >= 0; i--)
    if (lines[i].trim() === PRELUDE_START) return lines.slice(i + 1, fence - 1);
  return [];
}

/** Every ```ts block of one Markdown file. */
export function snippetsOf(markdown: string, name: string): DocSnippet[] {
  const lines = markdown.split('\n');
  const snippets: DocSnippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE.test(lines[i])) continue;
    const end = lines.findIndex((line, j) => j > i && line.startsWith('```'));
    if (end === -1) throw new Error(`${name}:${i + 1}: unclosed code block`);
    const code = [...preludeAbove(lines, i), ...lines.slice(i + 1, end)].join('\n');
    snippets.push({ source: `${name}:${i + 1}`, code });
    i = end;
  }
  return snippets;
}

/** The snippets of README.md and docs/*.md under `root`. */
export function docSnippets(root: string): DocSnippet[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs].flatMap((name) =>
    snippetsOf(readFileSync(join(root, name), 'utf8'), name),
  );
}

/**
 * Writes each snippet to `dir` as its own module (`snippet-<n>.ts`, the source noted on top)
 * and returns a map from file name to docs location, to name the snippet in a failure.
 */
export function writeSnippets(snippets: readonly DocSnippet[], dir: string): Map<string, string> {
  const files = new Map<string, string>();
  snippets.forEach((snippet, index) => {
    const file = `snippet-${index + 1}.ts`;
    // `export {}` makes a snippet without imports a module, as in a user's file.
    writeFileSync(join(dir, file), `// ${snippet.source}\n${snippet.code}\nexport {};\n`);
    files.set(file, snippet.source);
  });
  return files;
}
