/** Reading the catalogue's TypeScript-like type strings (`'a'|'b'`, `(X|Y)[]`, `Record<string,T>`). */

/** Splits `text` at `sep` outside quotes, parentheses and angle brackets; parts are trimmed. */
export function splitTop(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    if (quoted) continue;
    if (c === '(' || c === '<') depth++;
    if (c === ')' || c === '>') depth--;
    if (depth === 0 && c === sep) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}
