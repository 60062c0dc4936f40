/**
 * P4: emails through the queue — send-email jobs run by the worker (its own process) to a
 * local SMTP sink, each email read from and marked sent in the database — against
 * nodemailer pooled straight to the same sink with as many connections. The worker's peak
 * RSS is P6's second figure.
 */
import nodemailer from 'nodemailer';
import { addJobs } from '../jobs/add-job.ts';
import { closeQueues, createQueues } from '../jobs/queues.ts';
import { SMTP_CONNECTIONS } from '../services/notifications/mailer.ts';
import { reminderEmail } from '../templates/emails/reminder.ts';
import { renderEmail } from '../templates/emails/render.ts';
import { resetReviews } from './p2-open-cycles.ts';
import { startChild } from './processes.ts';
import { startSmtpCounter } from './smtp-counter.ts';
import type { Bench } from './setup.ts';

export async function benchEmails(bench: Bench, options: { emails: number }) {
  const { sql, deps } = bench;
  // Nothing else for the worker to do: no outbox rows, no open tasks to remind.
  await resetReviews(bench);
  const sink = await startSmtpCounter();
  const queues = createQueues(deps.config, deps.redis);
  const content = renderEmail(
    reminderEmail(
      {
        departmentName: '工業・雇用振興課',
        planName: '苫小牧市総合戦略',
        fiscalYear: 2024,
        dueDate: '2025-06-30',
        step: { kind: 'before', days: 3 },
        tasks: Array.from({ length: 5 }, (_, i) => ({ measureNumber: 1, measureTitle: '地元企業と学生とのつながり', projectName: `事業${i + 1}`, status: 'open', url: `http://localhost:3000/tasks/${i}` })),
        tasksUrl: 'http://localhost:3000/tasks',
      },
      'ja',
    ),
    'ja',
  );
  const waitFor = async (count: number) => {
    while (sink.messageIds.length < count) await new Promise((r) => setTimeout(r, 10));
  };
  try {
    // Raw: nodemailer pooled straight to the sink.
    const transport = nodemailer.createTransport({ url: sink.url, pool: true, maxConnections: SMTP_CONNECTIONS });
    const rawStarted = performance.now();
    await Promise.all(
      Array.from({ length: options.emails }, (_, i) =>
        transport.sendMail({ from: deps.config.mailFrom, to: 'koyo@bench.example', subject: content.subject, text: content.text, html: content.html, messageId: `<raw-${i}@bench>` }),
      ),
    );
    await waitFor(options.emails);
    const rawMs = performance.now() - rawStarted;
    transport.close();

    // The product: the same emails recorded in the database, sent by the worker through the queue.
    const run = Date.now();
    const rows = Array.from({ length: options.emails }, (_, i) => ({
      reason_key: `bench-${run}-${i}`,
      template: 'reminder',
      locale: 'ja',
      to: ['koyo@bench.example'],
      subject: content.subject,
      text: content.text,
      html: content.html,
    }));
    const ids: string[] = [];
    for (let i = 0; i < rows.length; i += 1000) ids.push(...(await sql<{ id: string }[]>`insert into emails ${sql(rows.slice(i, i + 1000))} returning id`).map((r) => r.id));
    const worker = await startChild('jobs/worker.ts', { ...bench.env, SMTP_URL: sink.url }, 'worker running');
    let workerPeakRssMb: number;
    let productMs: number;
    try {
      const before = sink.messageIds.length;
      const started = performance.now();
      await addJobs(queues, 'send-email', ids.map((emailId) => ({ payload: { emailId }, jobId: `email-${emailId}` })));
      await waitFor(before + options.emails);
      productMs = performance.now() - started;
      workerPeakRssMb = worker.peakRssMb();
    } finally {
      await worker.stop();
    }
    const [{ sent }] = await sql<{ sent: number }[]>`select count(*)::int as sent from emails where status = 'sent' and reason_key like ${`bench-${run}-%`}`;
    const duplicates = sink.messageIds.length - new Set(sink.messageIds).size;
    if (sent !== options.emails || duplicates) throw new Error(`P4: ${sent} of ${options.emails} marked sent, ${duplicates} received twice`);
    return { emails: options.emails, rawMs, productMs, workerPeakRssMb };
  } finally {
    await queues.email.obliterate({ force: true });
    await closeQueues(queues);
    await sink.stop();
  }
}
