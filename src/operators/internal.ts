/**
 * Helpers shared by the operators in this folder. Not exported from the package.
 * @internal
 */

/** Key of one content part, unique within a session. */
export const partKey = (itemId: string, contentIndex: number): string =>
  `${itemId}\u0000${contentIndex}`;
