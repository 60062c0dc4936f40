/**
 * Outgoing mail over SMTP (nodemailer), built from the configuration and passed in — never a
 * module-level singleton. SMTP_URL examples: smtp://127.0.0.1:1025 (Mailpit),
 * smtps://user:pass@mail.example.jp:465.
 */
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';

export interface OutgoingEmail {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
  /** Stable per email, so a receiving system can recognise a retry as the same message. */
  messageId: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  close(): void;
}

/** Connections are pooled, as many as the worker sends at once: a new SMTP session per email costs more than the email. */
export const SMTP_CONNECTIONS = 5;

export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Mailer {
  // A dropped connection fails the send at once (maxRequeues 0): the send-email job retries with
  // its own backoff and records each attempt, rather than the pool retrying out of sight.
  const transport = nodemailer.createTransport({ url: config.smtpUrl, pool: true, maxConnections: SMTP_CONNECTIONS, maxRequeues: 0 }, { from: config.mailFrom });
  return {
    async send(email) {
      const info = await transport.sendMail({ to: email.to, cc: email.cc, subject: email.subject, text: email.text, html: email.html, messageId: email.messageId });
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
