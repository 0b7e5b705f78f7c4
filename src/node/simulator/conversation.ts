import type { MutableJson } from './types.js';

/** One stored conversation item with its audio bytes (kept out of the item itself). */
export interface ConversationEntry {
  readonly item: MutableJson;
  /** Audio of the item's audio content part (input or output), in the session's format. */
  audio: Buffer[];
}

/** The server's copy of the conversation: items in order, placed by `previous_item_id`. */
export class Conversation {
  private readonly entries: ConversationEntry[] = [];

  /** The items in order. */
  get items(): readonly MutableJson[] {
    return this.entries.map((e) => e.item);
  }

  find(id: string): ConversationEntry | undefined {
    return this.entries.find((e) => e.item.id === id);
  }

  /** The id of the last item, `null` when empty. */
  lastId(): string | null {
    const last = this.entries[this.entries.length - 1];
    return last ? String(last.item.id) : null;
  }

  /**
   * Inserts an entry: appended when `previous` is undefined, first for `'root'`, after the
   * named item otherwise. Returns the id of the item before it (`null` when first), or
   * `undefined` when `previous` names no item.
   */
  insert(entry: ConversationEntry, previous?: string): string | null | undefined {
    if (previous === undefined) {
      const before = this.lastId();
      this.entries.push(entry);
      return before;
    }
    if (previous === 'root') {
      this.entries.unshift(entry);
      return null;
    }
    const index = this.entries.findIndex((e) => e.item.id === previous);
    if (index < 0) return undefined;
    this.entries.splice(index + 1, 0, entry);
    return previous;
  }

  /** Removes an item; false when there is none with that id. */
  remove(id: string): boolean {
    const index = this.entries.findIndex((e) => e.item.id === id);
    if (index < 0) return false;
    this.entries.splice(index, 1);
    return true;
  }
}
