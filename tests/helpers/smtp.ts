/** The real SMTP server the tests (and `npm run simulate`) send to. */
export { startSmtpSink, type ReceivedEmail } from '../../jobs/simulate/smtp-sink.ts';
