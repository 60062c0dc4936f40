/**
 * What "nothing lost, nothing twice" means, asked of the database itself once the system is
 * idle after a fault. Each check is a query for rows that break a rule of the schema or of the
 * review cycle; the answer is the list of violations (empty when all is well), so a failing
 * test says exactly what was lost or doubled.
 */
import type { createDatabase } from '../../db/client.ts';
import type { ReceivedEmail } from '../helpers/smtp.ts';

type Sql = ReturnType<typeof createDatabase>['client'];

interface Check {
  rule: string;
  query: (sql: Sql) => Promise<readonly Record<string, unknown>[]>;
}

const CHECKS: Check[] = [
  // The outbox: every effect of a committed state change was carried out.
  { rule: 'every outbox row is published and completed', query: (sql) => sql`select id, job, published_at, completed_at from outbox where completed_at is null or published_at is null` },

  // Emails: each recorded once, each sent, each under its own Message-ID.
  { rule: 'no email is left pending or failed', query: (sql) => sql`select id, reason_key, status, attempts, last_error from emails where status <> 'sent'` },
  { rule: 'a sent email carries its Message-ID and time', query: (sql) => sql`select id, message_id from emails where status = 'sent' and (sent_at is null or message_id is distinct from '<' || id || '@cityplan>')` },
  { rule: 'one email per reason key', query: (sql) => sql`select reason_key, count(*)::int as n from emails group by reason_key having count(*) > 1` },

  // Submissions: versions 1..n with nothing missing, each with its values, one SUBMIT event each.
  {
    rule: 'submission versions are 1..n per task',
    query: (sql) => sql`select task_id, count(*)::int as n, min(version) as min, max(version) as max from task_submissions group by task_id having min(version) <> 1 or max(version) <> count(*) or count(distinct version) <> count(*)`,
  },
  {
    rule: 'every submission has values, for KPIs of its own project',
    query: (sql) => sql`
      select s.id from task_submissions s join review_tasks t on t.id = s.task_id
      where not exists (select 1 from submission_values v where v.submission_id = s.id)
         or exists (select 1 from submission_values v join kpis k on k.id = v.kpi_id where v.submission_id = s.id and k.project_id <> t.project_id)`,
  },
  {
    rule: 'one SUBMIT event per submission',
    query: (sql) => sql`
      select t.id, (select count(*) from task_submissions s where s.task_id = t.id)::int as submissions,
             (select count(*) from review_events e where e.task_id = t.id and e.type = 'SUBMIT')::int as events
      from review_tasks t
      where (select count(*) from task_submissions s where s.task_id = t.id) <> (select count(*) from review_events e where e.task_id = t.id and e.type = 'SUBMIT')`,
  },

  // Tasks: every change of a task is one event and one version step; a submitted or accepted task has a submission.
  {
    rule: "a task's version is 1 + its events",
    query: (sql) => sql`select t.id, t.version, (select count(*) from review_events e where e.task_id = t.id)::int as events from review_tasks t where t.version <> 1 + (select count(*) from review_events e where e.task_id = t.id)`,
  },
  {
    rule: 'a submitted or accepted task has a submission',
    query: (sql) => sql`select t.id, t.status from review_tasks t where t.status in ('submitted', 'accepted') and not exists (select 1 from task_submissions s where s.task_id = t.id)`,
  },
  {
    rule: 'every returned or reopened task is announced once per event',
    query: (sql) => sql`
      select e.task_id, e.type, count(distinct e.id)::int as events, (select count(*) from outbox o where o.job = j.job and o.payload->>'taskId' = e.task_id::text)::int as jobs
      from review_events e
      cross join lateral (select case when e.type = 'REOPEN_TASK' then 'announce-task-reopened' else 'announce-task-returned' end as job) j
      where (e.type = 'REVIEW_SUBMISSION' and e.detail->>'decision' = 'return') or e.type = 'REOPEN_TASK'
      group by e.task_id, e.type, j.job
      having count(distinct e.id) <> (select count(*) from outbox o where o.job = j.job and o.payload->>'taskId' = e.task_id::text)`,
  },

  // Cycles: one event per version, the last one in the cycle's phase, the tasks it opened with, each phase announced once.
  {
    rule: "a cycle's events number its version",
    query: (sql) => sql`select c.id, c.version, (select count(*) from review_events e where e.cycle_id = c.id)::int as events from review_cycles c where c.version <> (select count(*) from review_events e where e.cycle_id = c.id)`,
  },
  {
    rule: "a cycle's last event is in its phase",
    query: (sql) => sql`select c.id, c.phase, last.phase as event_phase from review_cycles c cross join lateral (select phase from review_events e where e.cycle_id = c.id order by id desc limit 1) last where last.phase <> c.phase`,
  },
  {
    rule: 'a cycle has the tasks it was opened with, one per project and department of its measure',
    query: (sql) => sql`
      select c.id, (o.detail->>'tasks')::int as opened_with, (select count(*) from review_tasks t where t.cycle_id = c.id)::int as tasks
      from review_cycles c join review_events o on o.cycle_id = c.id and o.type = 'OPEN'
      where (o.detail->>'tasks')::int <> (select count(*) from review_tasks t where t.cycle_id = c.id)
         or exists (
           select 1 from review_tasks t join projects p on p.id = t.project_id
           where t.cycle_id = c.id and (p.measure_id <> c.measure_id or not exists (select 1 from project_departments pd where pd.project_id = t.project_id and pd.department_id = t.department_id)))`,
  },
  { rule: 'a cycle was opened once', query: (sql) => sql`select cycle_id, count(*)::int as n from review_events where type = 'OPEN' group by cycle_id having count(*) <> 1` },
  {
    rule: 'every phase a cycle entered is announced once',
    query: (sql) => sql`
      select c.id, (select count(*) from review_events e where e.cycle_id = c.id and e.type in ('OPEN', 'ADVANCE'))::int as entered,
             (select count(*) from outbox o where o.job = 'announce-phase' and o.payload->>'cycleId' = c.id::text)::int as announced
      from review_cycles c
      where (select count(*) from review_events e where e.cycle_id = c.id and e.type in ('OPEN', 'ADVANCE'))
         <> (select count(*) from outbox o where o.job = 'announce-phase' and o.payload->>'cycleId' = c.id::text)`,
  },

  // Proposals: one PROPOSE event each; decided at most once, with exactly one DECIDE event; applied once, logged once.
  {
    rule: 'one PROPOSE event per proposal',
    query: (sql) => sql`select c.id from review_cycles c where (select count(*) from proposals p where p.cycle_id = c.id) <> (select count(*) from review_events e where e.cycle_id = c.id and e.type = 'PROPOSE')`,
  },
  {
    rule: 'a decided proposal has one decision event that says what was decided; a pending one has none',
    query: (sql) => sql`
      select p.id, p.status, count(e.id)::int as events, min(e.detail->>'decision') as decision
      from proposals p left join review_events e on e.type = 'DECIDE_PROPOSAL' and e.detail->>'proposalId' = p.id::text
      group by p.id, p.status, p.decided_at, p.decided_by, p.version
      having (p.status in ('approved', 'rejected') and (count(e.id) <> 1 or p.decided_at is null or p.decided_by is null or p.version <> 2
                or min(e.detail->>'decision') <> case p.status when 'approved' then 'approve' else 'reject' end))
          or (p.status = 'pending' and (count(e.id) <> 0 or p.decided_at is not null or p.version <> 1))`,
  },
  {
    rule: 'an approved proposal of a cycle in Act or closed has exactly one decision-log entry',
    query: (sql) => sql`
      select p.id, p.decision_id, (select count(*) from decision_log d where d.proposal_id = p.id)::int as entries
      from proposals p join review_cycles c on c.id = p.cycle_id
      where p.status = 'approved' and c.phase in ('act', 'closed')
        and (p.decision_id is null or (select count(*) from decision_log d where d.proposal_id = p.id and d.id = p.decision_id) <> 1)`,
  },
  {
    rule: 'a decision-log entry of a review belongs to one approved proposal, applied in Act',
    query: (sql) => sql`
      select d.id, d.proposal_id, p.status, p.decision_id from decision_log d left join proposals p on p.id = d.proposal_id
      where d.source = 'review' and (p.id is null or p.status <> 'approved' or p.decision_id is distinct from d.id)`,
  },
  {
    rule: 'every decision of a review is published once',
    query: (sql) => sql`
      select d.id, (select count(*) from outbox o where o.job = 'publish-decision' and (o.payload->>'decisionId')::bigint = d.id)::int as jobs
      from decision_log d where d.source = 'review' and (select count(*) from outbox o where o.job = 'publish-decision' and (o.payload->>'decisionId')::bigint = d.id) <> 1`,
  },
];

/**
 * The violations of every rule, as readable lines. `received` is what the SMTP server got
 * (only for a database whose every email went to that server): each sent email arrived
 * exactly once, and nothing arrived that the database does not know.
 */
export async function checkInvariants(sql: Sql, options: { received?: ReceivedEmail[] } = {}): Promise<string[]> {
  const violations: string[] = [];
  for (const check of CHECKS) {
    const rows = await check.query(sql);
    for (const row of rows.slice(0, 5)) violations.push(`${check.rule}: ${JSON.stringify(row)}`);
    if (rows.length > 5) violations.push(`${check.rule}: … and ${rows.length - 5} more`);
  }
  if (options.received) {
    const sent = await sql<{ messageId: string }[]>`select message_id as "messageId" from emails where status = 'sent'`;
    const arrivals = new Map<string, number>();
    for (const email of options.received) arrivals.set(email.messageId, (arrivals.get(email.messageId) ?? 0) + 1);
    for (const { messageId } of sent) {
      const n = arrivals.get(messageId) ?? 0;
      if (n !== 1) violations.push(`a sent email arrives exactly once: ${messageId} arrived ${n} times`);
      arrivals.delete(messageId);
    }
    for (const [messageId, n] of arrivals) violations.push(`the SMTP server got only emails the database sent: ${messageId} (${n}×) is not a sent email`);
  }
  return violations;
}
