/**
 * Where a submission's supporting documents are: a web address (http/https) or a place on the
 * city's shared drive, as people copy it from Explorer (`\\server\share\…`, `S:\…`) or as a
 * `file:` URL. Defined once as the named format `evidence-reference`, registered on every Ajv
 * that checks input (HTTP bodies, forms, uploaded sheets).
 *
 * The API field keeps its name `evidenceUrl` (clients already send it); its description says
 * that a path is accepted too.
 */
import type { Ajv } from 'ajv';
import Type from 'typebox';

export const EVIDENCE_FORMAT = 'evidence-reference';

// No control characters anywhere (they hide text and break a copied path).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// A Windows path part may not hold these.
const BAD_PATH_CHARS = /[<>"|?*]/;
const UNC = /^\\\\[^\\/\s]+\\[^\\/]+(\\.*)?$/;
const DRIVE = /^[A-Za-z]:\\/;

export type EvidenceKind = 'link' | 'path';

/** 'link' for a web address the page may link to, 'path' for a shared-drive place shown as text, null for neither. */
export function evidenceKind(text: string): EvidenceKind | null {
  if (CONTROL.test(text) || text.trim() !== text || text === '') return null;
  if (UNC.test(text) || DRIVE.test(text)) return BAD_PATH_CHARS.test(text.slice(2)) ? null : 'path';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && !/\s/.test(text)) return 'link';
  // file://server/share/… or file:///S:/…: browsers do not open these from an http page, so they are shown as paths.
  if (url.protocol === 'file:' && url.pathname.length > 1) return 'path';
  return null;
}

export function addEvidenceFormat(ajv: Ajv): Ajv {
  return ajv.addFormat(EVIDENCE_FORMAT, { type: 'string', validate: (text: string) => evidenceKind(text) !== null });
}

export const EvidenceReference = Type.String({
  format: EVIDENCE_FORMAT,
  maxLength: 2000,
  description: 'A web address (http:// or https://) or a shared-drive path (\\\\server\\share\\…, S:\\…, file:…)',
  example: 'https://example.org/evidence',
});
