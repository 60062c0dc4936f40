/**
 * A draft's version is its content hash (plans.source_hash, rewritten with every change). The
 * workbook exported from a draft carries it in its document properties (keywords), so a filled
 * workbook says which state of the draft it was filled from: a draft changed meanwhile is a 409.
 */
const TAG = 'cityplan-draft-version:';

export const draftVersionTag = (version: string) => `${TAG}${version}`;

/** The version a workbook was exported from, or null when it came from no draft. */
export const draftVersionIn = (keywords: string) => new RegExp(`${TAG}([0-9a-f]{64})`).exec(keywords)?.[1] ?? null;
