/**
 * P5: review-cycle transitions per second with persistence — the core every review verb runs
 * in its transaction: lock the cycle (with the department's authorization), ask the
 * statechart, update the snapshot from the expected version, write the event row — against
 * a raw postgres.js transaction doing the same row lock, update and insert. Each side makes
 * the same number of transitions over the same cycles, `concurrency` at a time.
 */
import { lockCycle, transitionCycle } from '../services/reviews/cycle-transition.ts';
import type { AuthUser } from '../services/context.ts';
import type { Bench } from './setup.ts';

interface Target {
  cycleId: string;
  taskId: string;
  user: AuthUser;
}

export async function benchTransitions(bench: Bench, options: { transitions: number; concurrency: number }) {
  const { sql, deps } = bench;
  // One submitting department member per cycle: the lead task's department.
  const targets = await sql<(Target & { user: AuthUser })[]>`
    select distinct on (c.id) c.id as "cycleId", t.id as "taskId",
      json_build_object('id', u.id, 'organizationId', u.organization_id, 'email', u.email, 'name', u.name, 'role', u.role, 'departmentId', u.department_id, 'locale', u.locale) as "user"
    from review_cycles c
    join review_tasks t on t.cycle_id = c.id and t.lead
    join users u on u.department_id = t.department_id and u.role = 'department_member'
    where c.phase = 'observe'
    order by c.id
    limit ${Math.max(options.concurrency * 50, 1000)}`;
  if (targets.length < options.concurrency) throw new Error('P5: open cycles first (P2)');

  const run = async (transition: (target: Target) => Promise<void>) => {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        // Each worker takes the next transition; consecutive ones go to different cycles, as in real use.
        while (next < options.transitions) await transition(targets[next++ % targets.length]!);
      }),
    );
    return performance.now() - started;
  };

  const productMs = await run(({ cycleId, taskId, user }) =>
    deps.db.transaction(async (tx) => {
      const cycle = await lockCycle(tx, cycleId, user);
      await transitionCycle(tx, { clock: deps.clock }, cycle, { type: 'SUBMIT', actor: { userId: user.id, role: user.role }, task: { id: taskId, status: 'open', pastDue: false, reopened: false } }, { taskId });
    }),
  );
  const rawMs = await run(({ cycleId, taskId, user }) =>
    sql.begin(async (tx) => {
      const [cycle] = await tx`select * from review_cycles where id = ${cycleId} for update`;
      const [updated] = await tx`update review_cycles set snapshot = ${cycle!.snapshot}, version = version + 1, updated_at = now() where id = ${cycleId} and version = ${cycle!.version} returning *`;
      if (!updated) throw new Error('P5 raw: lost the version race');
      await tx`insert into review_events (cycle_id, type, phase, task_id, actor_id, detail, at) values (${cycleId}, 'SUBMIT', 'observe', ${taskId}, ${user.id}, ${sql.json({})}, now())`;
    }).then(() => undefined),
  );
  return { transitions: options.transitions, productMs, rawMs };
}
