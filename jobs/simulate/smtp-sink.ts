/**
 * A real SMTP server (the smtp-server package) for tests and the season simulation, on a port
 * of its own. It keeps what arrives, parsed, and can be stopped and started again to play
 * "SMTP is down". `holdMs` delays the final answer to each message, so a test can kill a
 * sender mid-send.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedEmail {
  messageId: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
  receivedAt: Date;
}

export async function startSmtpSink(options: { port?: number; holdMs?: number; onMessage?: (email: ReceivedEmail) => void } = {}) {
  const received: ReceivedEmail[] = [];
  let dataStarted = 0;
  let server: SMTPServer | undefined;
  let port = options.port ?? 0;
  let holdMs = options.holdMs ?? 0;

  // A message counts as delivered only once the server answered 250; a sender that hangs up
  // before that (killed mid-send) has not delivered it, exactly as with a real mail server.
  const hungUp = new Set<string>();
  const start = async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // Stopping drops the senders' idle pooled connections after half a second, as a server
      // going down would, instead of waiting 30 s for them to hang up.
      closeTimeout: 500,
      onClose(session) {
        hungUp.add(session.id);
      },
      onData(stream, session, callback) {
        dataStarted++;
        simpleParser(stream)
          .then(async (mail) => {
            if (holdMs) await new Promise((r) => setTimeout(r, holdMs));
            if (hungUp.has(session.id)) return callback(new Error('sender hung up'));
            const addresses = (field: typeof mail.to) => (field ? (Array.isArray(field) ? field : [field]).flatMap((a) => a.value.map((v) => v.address ?? '')) : []);
            const email = { messageId: mail.messageId ?? '', to: addresses(mail.to), cc: addresses(mail.cc), subject: mail.subject ?? '', text: mail.text ?? '', html: typeof mail.html === 'string' ? mail.html : '', receivedAt: new Date() };
            received.push(email);
            options.onMessage?.(email);
            callback();
          })
          .catch(callback);
      },
    });
    // A sender killed mid-connection resets the socket: expected here, not a test failure.
    server.on('error', () => {});
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', () => resolve()));
    port = (server!.server.address() as AddressInfo).port;
  };
  await start();

  return {
    received,
    /** Messages whose content began to arrive, delivered or not. */
    get dataStarted() {
      return dataStarted;
    },
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    setHold: (ms: number) => {
      holdMs = ms;
    },
    /** Stops listening; senders get "connection refused" until `start()`. */
    stop: () => new Promise<void>((resolve) => server!.close(() => resolve())),
    start,
  };
}
