/**
 * Sending files and cacheable public documents: Content-Disposition with the Japanese name
 * (RFC 6266 / RFC 5987 `filename*`) and an ASCII fallback, and ETag revalidation.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Download } from '../reports/export-excel.ts';

export function contentDisposition(filename: string, asciiFallback: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A staff download: internal figures, so never stored by shared caches. */
export function sendDownload(reply: FastifyReply, download: Download) {
  return reply
    .header('content-type', download.contentType)
    .header('content-disposition', contentDisposition(download.filename, download.asciiFilename))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(download.body);
}

/** Public and cacheable for a few minutes; true when the client's copy is current (304 sent). */
export function notModified(request: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  reply.header('etag', etag).header('cache-control', 'public, max-age=300').header('vary', 'accept-encoding');
  const sent = request.headers['if-none-match'];
  if (sent && sent.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) {
    void reply.status(304).send();
    return true;
  }
  return false;
}

/**
 * An attached file: always a download (never shown in the browser's page), with the media
 * type its content was recognised as, no sniffing, and a policy that runs nothing should a
 * browser open it anyway.
 */
export function sendAttachment(reply: FastifyReply, file: { fileName: string; mediaType: string; bytes: Buffer }) {
  return reply
    .header('content-type', file.mediaType)
    .header('content-disposition', contentDisposition(file.fileName, file.fileName))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(file.bytes);
}
