/** What the task page says first, as a pure function of the task: days counted in Tokyo, the last return's reason, where links land. */
import { describe, expect, it } from 'vitest';
import type { AuthUser } from '../../services/context.ts';
import { taskGuide } from '../../services/http/pages/task-guide.ts';
import type { TaskView } from '../../services/http/pages/task-view.ts';

const clerk = { id: 'u1', role: 'department_member', departmentId: 'd1', organizationId: 'o1', locale: 'ja', name: '政策 三郎', email: 'x@example.org' } as unknown as AuthUser;
const office = { ...clerk, role: 'strategy_office' } as AuthUser;
const at = (iso: string) => ({ now: () => new Date(iso) });

function view(over: { status?: string; dueDate?: string; history?: unknown[]; canSubmit?: boolean; canExplain?: boolean; needsExplanation?: boolean } = {}): TaskView {
  return {
    task: { status: over.status ?? 'open', dueDate: over.dueDate ?? '2024-06-30', departmentId: 'd1', history: over.history ?? [] },
    kpis: [{ needsExplanation: over.needsExplanation ?? false }],
    canSubmit: over.canSubmit ?? true,
    canExplain: over.canExplain ?? false,
  } as unknown as TaskView;
}

const returnEvent = (comment: string, when: string, actorName = '戦略 太郎') => ({ type: 'REVIEW_SUBMISSION', at: new Date(when), actorName, detail: { decision: 'return', comment } });

describe('taskGuide', () => {
  it('counts days left in Tokyo days: 23:30 and 00:30 the next morning are a day apart', () => {
    expect(taskGuide(view(), clerk, at('2024-06-20T14:30:00Z')).daysLeft).toBe(10); // 6/20 23:30 JST
    expect(taskGuide(view(), clerk, at('2024-06-20T15:30:00Z')).daysLeft).toBe(9); // 6/21 00:30 JST
    expect(taskGuide(view(), clerk, at('2024-06-30T14:59:00Z')).daysLeft).toBe(0);
  });

  it('calls only a task still waiting for figures late', () => {
    const afterDue = at('2024-07-03T03:00:00Z');
    expect(taskGuide(view({ status: 'returned' }), clerk, afterDue)).toMatchObject({ late: true, daysLeft: -3 });
    expect(taskGuide(view({ status: 'submitted' }), clerk, afterDue).late).toBe(false);
    expect(taskGuide(view({ status: 'accepted' }), clerk, afterDue).late).toBe(false);
  });

  it('gives the latest return’s reason, who and when — and none once the task is no longer returned', () => {
    const history = [returnEvent('古い理由', '2024-06-01T00:00:00Z'), { type: 'SUBMIT', at: new Date('2024-06-02T00:00:00Z'), actorName: '政策 三郎', detail: {} }, returnEvent('新しい理由', '2024-06-03T00:00:00Z', '戦略 花子')];
    expect(taskGuide(view({ status: 'returned', history }), clerk, at('2024-06-10T00:00:00Z')).returned).toEqual({ comment: '新しい理由', by: '戦略 花子', at: new Date('2024-06-03T00:00:00Z') });
    expect(taskGuide(view({ status: 'submitted', history }), clerk, at('2024-06-10T00:00:00Z')).returned).toBeNull();
  });

  it('asks for figures only while they are awaited, and for explanations when a KPI behind needs one', () => {
    const now = at('2024-06-10T00:00:00Z');
    expect(taskGuide(view({ status: 'submitted' }), clerk, now)).toMatchObject({ askFigures: false, askExplanations: false });
    expect(taskGuide(view({ canSubmit: false, canExplain: true, needsExplanation: true }), clerk, now)).toMatchObject({ askFigures: false, askExplanations: true });
  });

  it('offers drafts to the owning department’s members only, never to the strategy office', () => {
    const now = at('2024-06-10T00:00:00Z');
    expect(taskGuide(view(), clerk, now).drafts).toBe(true);
    expect(taskGuide(view(), office, now).drafts).toBe(false);
    expect(taskGuide(view(), { ...clerk, departmentId: 'd2' }, now).drafts).toBe(false);
  });
});
