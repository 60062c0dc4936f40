/**
 * The revision-proposal form: which markers a user may choose, what each asks for, and how the
 * submitted fields become the proposal the API takes (`{ marker, subjectId, proposed, rationale }`).
 * Field names are the proposal's own paths (`proposed.target.value`), so a schema problem
 * lands next to its field without renaming.
 */
import type { RevisionMarker } from '../../plans/markers.ts';
import { field, fieldList, numberInput, textInput, type FormBody } from './forms.ts';


/** What the subject select lists for a marker. */
export const SUBJECT_KIND: Record<RevisionMarker, 'kpi' | 'numericTarget' | 'project' | 'measure' | 'direction'> = {
  kpi_changed: 'kpi',
  target_changed: 'kpi',
  numeric_target_changed: 'numericTarget',
  project_content_changed: 'project',
  project_ended: 'project',
  project_added: 'measure',
  measure_added: 'direction',
};

const bool = (raw: string | undefined) => (raw === 'true' ? true : raw === 'false' ? false : undefined);

/** Leaves out what was left empty, so "no change" is simply absent. */
function compact(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null));
}

function yearValue(body: FormBody, at: string) {
  const fiscalYear = numberInput(field(body, `${at}.fiscalYear`));
  const value = numberInput(field(body, `${at}.value`));
  return fiscalYear === null && value === null ? undefined : compact({ fiscalYear, value });
}

export function proposedFromForm(marker: RevisionMarker, body: FormBody): Record<string, unknown> {
  const text = (name: string) => textInput(field(body, `proposed.${name}`));
  const kpiChange = () => compact({ name: text('name'), unit: field(body, 'proposed.unit') || undefined, cumulative: bool(field(body, 'proposed.cumulative')), direction: text('direction'), note: text('note') });
  switch (marker) {
    case 'kpi_changed':
      return kpiChange();
    case 'numeric_target_changed':
      return compact({ ...kpiChange(), target: yearValue(body, 'proposed.target') });
    case 'target_changed':
      return yearValue(body, 'proposed') ?? {};
    case 'project_content_changed':
      return compact({ name: text('name'), description: text('description') });
    case 'project_ended':
      return compact({ effectiveFiscalYear: numberInput(field(body, 'proposed.effectiveFiscalYear')) });
    case 'project_added': {
      const k = 'proposed.kpis[0]';
      const kpi = compact({
        name: textInput(field(body, `${k}.name`)),
        unit: field(body, `${k}.unit`) ?? undefined,
        cumulative: field(body, `${k}.cumulative`) === 'on',
        direction: textInput(field(body, `${k}.direction`)),
        baseline: yearValue(body, `${k}.baseline`),
        target: yearValue(body, `${k}.target`),
      });
      return compact({ name: text('name'), description: text('description'), departmentIds: fieldList(body, 'proposed.departmentIds'), kpis: [kpi] });
    }
    case 'measure_added':
      return compact({ title: text('title'), summary: text('summary') });
  }
}
