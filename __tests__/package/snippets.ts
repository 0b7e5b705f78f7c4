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

/** The line above `fence` that is not blank (prettier puts a blank line after a comment). */
function lineAbove(lines: readonly string[], fence: number): number {
  let i = fence - 1;
  while (i >= 0 && lines[i].trim() === '') i--;
  return i;
}

/** The lines of the prelude that ends right above `fence`, if there is one. */
function preludeAbove(lines: readonly string[], fence: number): string[] {
  const end = lineAbove(lines, fence);
  if (end < 0 || lines[end].trim() !== PRELUDE_END) return [];
  for (let i = end - 1; i >= 0; i--)
    if (lines[i].trim() === PRELUDE_START) return lines.slice(i + 1, end);
  return [];
}

/**
 * The paths named by a `<!-- file: a/x.ts b/x.ts -->` comment right above `fence`: a
 * documented file that a test writes out and runs, as the docs show it.
 */
function filesAbove(lines: readonly string[], fence: number): string[] {
  const above = lines[lineAbove(lines, fence)] ?? '';
  const match = /^<!-- file: (.+) -->$/.exec(above.trim());
  return match ? match[1].split(/\s+/) : [];
}

/** One block of any language marked with `<!-- file: ... -->`. */
export interface DocFile {
  readonly paths: readonly string[];
  readonly code: string;
}

/** Every block of `markdown` marked with the files it is, in order. */
export function documentedFiles(markdown: string): DocFile[] {
  const lines = markdown.split('\n');
  const files: DocFile[] = [];
  lines.forEach((line, i) => {
    if (!line.startsWith('```') || line === '```') return;
    const paths = filesAbove(lines, i);
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    if (paths.length > 0 && end > i)
      files.push({ paths, code: lines.slice(i + 1, end).join('\n') });
  });
  return files;
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
