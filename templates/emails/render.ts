/**
 * Renders an email's content twice — HTML through layout.eta, plain text line by line — so
 * both versions always say the same thing.
 */
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import { signatureOf, type EmailContent, type EmailLocale } from './content.ts';

const eta = new Eta({ views: fileURLToPath(new URL('.', import.meta.url)), autoEscape: true, cache: true });

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function renderEmail(content: EmailContent, locale: EmailLocale): RenderedEmail {
  const signature = signatureOf(locale);
  const html = eta.render('layout', { content, locale, signature });
  return { subject: content.subject, text: renderText(content, signature), html };
}

function renderText(content: EmailContent, signature: ReturnType<typeof signatureOf>): string {
  const lines = [content.greeting, '', signature.intro, ''];
  for (const p of content.paragraphs) lines.push(p, '');
  if (content.items?.length) {
    for (const item of content.items) {
      lines.push(`・${item.label}`);
      if (item.detail) lines.push(`\u3000${item.detail}`);
      if (item.href) lines.push(`\u3000${item.href}`);
    }
    lines.push('');
  }
  if (content.action) lines.push(`${content.action.label}: ${content.action.href}`, '');
  lines.push(...content.closing, '', '――', signature.footer);
  return lines.join('\n') + '\n';
}
