/**
 * Reads a plan workbook (layout.ts) back INTO a plan file, remembering which sheet and cell each
 * part of the file came from. What only a cell can get wrong (text in a number cell, a year that
 * is no year, a word that is none of the listed ones, a parent that does not exist) is reported
 * here; everything else is left to the plan file's own validator, whose JSON paths `locate`
 * turns back into cells. Nothing here decides whether a plan is valid.
 */
import type ExcelJS from 'exceljs';
import { problemAt as problemIn, type FieldProblem } from '../../errors.ts';
import type { Words } from '../../i18n/translate.ts';
import { raw, text } from '../../uploads/cell-values.ts';
import { PLAN_FILE_FORMAT, PLAN_FILE_VERSION } from '../plan-file.ts';
import {
  ACTUAL_HEADER,
  COLUMNS,
  columnLetter,
  FIRST_ROW,
  fromWord,
  HEADER_ROW,
  MAX_ROWS,
  PLAN_FIELDS,
  PLAN_VALUE_COLUMN,
  planFieldRow,
  SHEETS,
  WORDS,
  type SheetKey,
} from './layout.ts';
import { WORKBOOK_WORDS, type WorkbookWords } from './workbook-words.ts';

type Obj = Record<string, unknown>;
type Where = { sheet: string; row: number; columns: Record<string, string>; fallback: string };

export interface WorkbookRead {
  /** The plan file as read; not yet validated. */
  file: Obj;
  /** The problems only the cells can have, each `field` a cell such as `ＫＰＩ!F12`. */
  problems: FieldProblem[];
  /** The cell a plan-file path (`$.goals[0].title`) came from. */
  locate(path: string): string;
}

export function readPlanWorkbook(workbook: ExcelJS.Workbook): WorkbookRead {
  const w: WorkbookWords = WORKBOOK_WORDS;
  const problems: FieldProblem[] = [];
  const places = new Map<string, Where>();
  const paths = new WeakMap<object, string>();
  const problem = (sheet: string, cell: string, words: Words) => problems.push(problemIn(`${sheet}!${cell}`, words));
  const place = (path: string, sheet: string, row: number, columns: Record<string, string>, fallback = 'A') => places.set(path, { sheet, row, columns, fallback });

  const sheets = {} as Record<SheetKey, ExcelJS.Worksheet | undefined>;
  for (const [key, name] of Object.entries(SHEETS) as [SheetKey, string][]) {
    sheets[key] = workbook.getWorksheet(name);
    // 継続元 came later: a workbook without it continues nothing.
    if (!sheets[key] && key !== 'predecessors') problem(name, 'A1', w.noSheet(name));
  }

  /** The data rows of a table sheet (empty rows skipped), each with a reader per column. */
  const rowsOf = (key: keyof typeof COLUMNS) => {
    const sheet = sheets[key];
    if (!sheet) return [];
    const name = SHEETS[key];
    const letters = Object.fromEntries(COLUMNS[key].map((c, i) => [c.key, columnLetter(i)]));
    const last = Math.min(sheet.rowCount, FIRST_ROW + MAX_ROWS - 1);
    const out = [];
    for (let r = FIRST_ROW; r <= last; r++) {
      const row = sheet.getRow(r);
      if (!row.hasValues || !(row.values as unknown[]).some((v) => v !== null && v !== undefined && String(v).trim() !== '')) continue;
      out.push(cellReader(row, name, letters, problem, w));
    }
    return out;
  };

  // ---- 計画 ----
  const planSheet = sheets.plan;
  const planText = (key: (typeof PLAN_FIELDS)[number]['key']) => (planSheet ? text(planSheet.getCell(`${PLAN_VALUE_COLUMN}${planFieldRow(key)}`)) ?? undefined : undefined);
  const planYear = (key: (typeof PLAN_FIELDS)[number]['key']) => {
    if (!planSheet) return undefined;
    const cell = planSheet.getCell(`${PLAN_VALUE_COLUMN}${planFieldRow(key)}`);
    return yearIn(cell, SHEETS.plan, problem, w);
  };
  const file: Obj = {
    format: PLAN_FILE_FORMAT,
    formatVersion: PLAN_FILE_VERSION,
    organization: compact({ code: planText('organization.code'), name: planText('organization.name'), nameEn: planText('organization.nameEn') }),
    plan: compact({
      code: planText('plan.code'),
      name: planText('plan.name'),
      nameEn: planText('plan.nameEn'),
      periodStartFiscalYear: planYear('plan.periodStartFiscalYear'),
      periodEndFiscalYear: planYear('plan.periodEndFiscalYear'),
      source: planText('plan.source'),
    }),
  };
  for (const f of PLAN_FIELDS) {
    const [scope, field] = f.key.split('.') as [string, string];
    place(`$.${scope}.${field}`, SHEETS.plan, planFieldRow(f.key), {}, PLAN_VALUE_COLUMN);
  }
  place('$.organization', SHEETS.plan, planFieldRow('organization.code'), {}, PLAN_VALUE_COLUMN);
  place('$.plan', SHEETS.plan, planFieldRow('plan.code'), {}, PLAN_VALUE_COLUMN);

  // ---- 担当課 ----
  const departments: Obj[] = [];
  for (const r of rowsOf('departments')) {
    place(`$.departments[${departments.length}]`, r.sheet, r.row, r.letters);
    departments.push(compact({ code: r.text('code'), name: r.text('name'), nameEn: r.text('nameEn') }));
  }
  file.populationVision = [];
  file.departments = departments;
  // A project names its departments by 課名 or code; an unknown one goes on as written, for the validator to name.
  const departmentCode = (written: string) => {
    const byName = departments.filter((d) => d.name === written);
    return departments.some((d) => d.code === written) || byName.length !== 1 ? written : (byName[0]!.code as string);
  };

  // ---- 人口ビジョン ----
  const population = file.populationVision as Obj[];
  for (const r of rowsOf('population')) {
    place(`$.populationVision[${population.length}]`, r.sheet, r.row, r.letters);
    population.push(
      compact({ kind: r.word('kind', WORDS.population), label: r.text('label'), year: r.year('year'), month: r.integer('month'), value: r.integer('value'), printed: r.text('printed'), note: r.text('note') }),
    );
  }

  // ---- 基本目標 → 基本的方向 → 施策 → 事業 ----
  const goals: Obj[] = [];
  file.goals = goals;
  for (const r of rowsOf('goals')) {
    const path = `$.goals[${goals.length}]`;
    place(path, r.sheet, r.row, r.letters);
    const goal = compact({ number: r.integer('number'), title: r.text('title'), situation: r.text('situation'), approach: r.text('approach'), numericTargets: [], directions: [] });
    paths.set(goal, path);
    goals.push(goal);
  }
  const directions: Obj[] = [];
  for (const r of rowsOf('directions')) {
    const number = r.integer('goal');
    const goal = goals.find((g) => g.number === number);
    if (number !== undefined && !goal) r.problem('goal', w.unknown(w.things.goal, String(number), SHEETS.goals));
    if (!goal) continue;
    const list = goal.directions as Obj[];
    const path = `${paths.get(goal)}.directions[${list.length}]`;
    place(path, r.sheet, r.row, r.letters);
    const direction = compact({ code: r.text('code'), title: r.text('title'), measures: [] });
    paths.set(direction, path);
    list.push(direction);
    directions.push(direction);
  }
  const measures: Obj[] = [];
  for (const r of rowsOf('measures')) {
    const code = r.text('direction');
    const direction = directions.find((d) => d.code === code);
    if (code !== undefined && !direction) r.problem('direction', w.unknown(w.things.direction, code, SHEETS.directions));
    if (!direction) continue;
    const list = direction.measures as Obj[];
    const path = `${paths.get(direction)}.measures[${list.length}]`;
    place(path, r.sheet, r.row, r.letters);
    const measure = compact({ number: r.integer('number'), title: r.text('title'), summary: r.text('summary'), audiences: r.lines('audiences'), outcomes: r.lines('outcomes'), projects: [] });
    paths.set(measure, path);
    list.push(measure);
    measures.push(measure);
  }
  const projects: Obj[] = [];
  for (const r of rowsOf('projects')) {
    const number = r.integer('measure');
    const measure = measures.find((m) => m.number === number);
    if (number !== undefined && !measure) r.problem('measure', w.unknown(w.things.measure, String(number), SHEETS.measures));
    if (!measure) continue;
    const list = measure.projects as Obj[];
    const path = `${paths.get(measure)}.projects[${list.length}]`;
    place(path, r.sheet, r.row, r.letters);
    const lead = r.text('lead');
    const owners = [...(lead === undefined ? [] : [lead]), ...(r.lines('others') ?? [])].map(departmentCode);
    owners.forEach((_, i) => place(`${path}.departments[${i}]`, r.sheet, r.row, {}, i === 0 ? r.letters.lead! : r.letters.others!));
    place(`${path}.departments`, r.sheet, r.row, {}, r.letters.lead!);
    const status = r.word('status', WORDS.projectStatus);
    const project = compact({ code: r.text('code'), name: r.text('name'), description: r.text('description'), departments: owners, status: status === 'active' ? undefined : status, kpis: [] });
    paths.set(project, path);
    list.push(project);
    projects.push(project);
  }

  // ---- ＫＰＩ: the document's table ----
  const kpis: Obj[] = [];
  const kpiSheet = sheets.kpis;
  if (kpiSheet) {
    const fixed = COLUMNS.kpis.length;
    const years: number[] = [];
    for (let c = fixed + 1; ; c++) {
      const m = ACTUAL_HEADER.exec(text(kpiSheet.getRow(HEADER_ROW).getCell(c)) ?? '');
      if (!m) break;
      years.push(Number(m[1]));
    }
    const actualLetter = (i: number) => columnLetter(fixed + i);
    const targetLetter = columnLetter(fixed + years.length);
    const targetYearLetter = columnLetter(fixed + years.length + 1);
    for (const r of rowsOf('kpis')) {
      const section = r.word('section', WORDS.section);
      let owner: Obj | undefined;
      let list: Obj[] | undefined;
      if (section === 'numeric_target') {
        const number = r.integer('goal');
        owner = goals.find((g) => g.number === number);
        if (number === undefined) r.problem('goal', w.needsGoal);
        else if (!owner) r.problem('goal', w.unknown(w.things.goal, String(number), SHEETS.goals));
        list = owner?.numericTargets as Obj[] | undefined;
      } else if (section === 'kpi') {
        const code = r.text('project');
        owner = projects.find((p) => p.code === code);
        if (code === undefined) r.problem('project', w.needsProject);
        else if (!owner) r.problem('project', w.unknown(w.things.project, code, SHEETS.projects));
        list = owner?.kpis as Obj[] | undefined;
      }
      if (!owner || !list) continue;
      const path = `${paths.get(owner)}.${section === 'numeric_target' ? 'numericTargets' : 'kpis'}[${list.length}]`;
      place(path, r.sheet, r.row, { ...r.letters, dataSource: r.letters.dataSource!, values: r.letters.baseline! });
      const unitText = r.text('unit');
      if (unitText === undefined) r.problem('unit', w.noUnit);
      const cumulative = r.flag('cumulative');
      const values: Obj[] = [];
      const value = (kind: string, valueLetter: string, yearLetter: string | null, fixedYear?: number) => {
        const v = r.numberAt(valueLetter);
        const year = yearLetter ? r.yearAt(yearLetter) : fixedYear;
        const typed = (letter: string) => text(kpiSheet.getCell(`${letter}${r.row}`)) !== null;
        if (v === undefined) {
          if (yearLetter && year !== undefined && !typed(valueLetter)) r.problemAt(valueLetter, w.noValue);
          return;
        }
        if (yearLetter && year === undefined && !typed(yearLetter)) r.problemAt(yearLetter, w.noYear);
        if (year === undefined) return;
        place(`${path}.values[${values.length}]`, r.sheet, r.row, { value: valueLetter, fiscalYear: yearLetter ?? valueLetter }, valueLetter);
        values.push(compact({ kind, fiscalYear: year, value: v, cumulative: kind !== 'baseline' && cumulative ? true : undefined }));
      };
      value('baseline', r.letters.baseline!, r.letters.baselineYear!);
      years.forEach((y, i) => value('actual', actualLetter(i), null, y));
      value('target', targetLetter, targetYearLetter);
      const dataSource = r.text('dataSource');
      const kpi = compact({
        code: r.text('code'),
        name: r.text('name'),
        unit: unitText === undefined ? '' : unitText === WORDS.noUnit ? '' : unitText,
        cumulative,
        direction: r.word('direction', WORDS.direction),
        note: r.text('note'),
        dataSource: dataSource === undefined ? undefined : { name: dataSource },
        values,
      });
      paths.set(kpi, path);
      list.push(kpi);
      kpis.push(kpi);
    }
  }

  // ---- 値の詳細: figures the table cannot hold ----
  for (const r of rowsOf('values')) {
    const code = r.text('kpi');
    const kpi = kpis.find((k) => k.code === code);
    if (code !== undefined && !kpi) r.problem('kpi', w.unknown(w.things.kpi, code, SHEETS.kpis));
    const v = r.number('value');
    const year = r.year('fiscalYear');
    const kind = r.word('kind', WORDS.valueKind);
    const yearBasis = r.word('yearBasis', WORDS.yearBasis);
    const quality = r.word('quality', WORDS.quality);
    const cumulative = r.flag('cumulative');
    if (!kpi) continue;
    const values = kpi.values as Obj[];
    place(`${paths.get(kpi)}.values[${values.length}]`, r.sheet, r.row, r.letters, r.letters.value!);
    const reason = r.text('cancelled');
    values.push(
      compact({
        kind,
        fiscalYear: year,
        yearBasis: yearBasis === 'fiscal' ? undefined : yearBasis,
        value: v,
        cumulative: cumulative || undefined,
        quality: quality === 'final' ? undefined : quality,
        cancelled: reason === undefined ? undefined : { reason },
        printed: r.text('printed'),
        note: r.text('note'),
      }),
    );
  }

  /** The measure, project or KPI a row of 見直し or 継続元 is about (対象 and its number or code), or a problem at the code. */
  const subjectOf = (r: ReturnType<typeof rowsOf>[number]) => {
    const subject = r.word('subject', WORDS.subject);
    const code = r.text('code');
    const owner =
      subject === 'measure' ? measures.find((m) => String(m.number) === code) : subject === 'project' ? projects.find((p) => p.code === code) : subject === 'kpi' ? kpis.find((k) => k.code === code) : undefined;
    if (subject && code !== undefined && !owner) r.problem('code', w.unknown(w.things[subject], code, SHEETS[subject === 'kpi' ? 'kpis' : subject === 'measure' ? 'measures' : 'projects']));
    return { subject, owner };
  };

  // ---- 見直し ----
  for (const r of rowsOf('revisions')) {
    const { owner } = subjectOf(r);
    const revision = compact({ marker: r.word('marker', WORDS.marker), fiscalYear: r.year('fiscalYear'), note: r.text('note') });
    if (!owner) continue;
    const list = ((owner.revisions as Obj[] | undefined) ?? (owner.revisions = [])) as Obj[];
    place(`${paths.get(owner)}.revisions[${list.length}]`, r.sheet, r.row, r.letters);
    list.push(revision);
  }

  // ---- 継続元 ----
  for (const r of rowsOf('predecessors')) {
    const { subject, owner } = subjectOf(r);
    const predecessor = compact({ plan: r.text('plan'), ...(subject === 'measure' ? { number: r.integer('from') } : { code: r.text('from') }) });
    if (!owner) continue;
    place(`${paths.get(owner)}.predecessor`, r.sheet, r.row, { plan: r.letters.plan!, code: r.letters.from!, number: r.letters.from! });
    owner.predecessor = predecessor;
  }

  const locate = (path: string): string => {
    let p = path;
    let child: string | undefined;
    for (;;) {
      const where = places.get(p);
      if (where) return `${where.sheet}!${(child && where.columns[child]) ?? where.fallback}${where.row}`;
      const m = /^(.*?)(?:\.([A-Za-z]+)|\[(\d+)\])$/.exec(p);
      if (!m || !m[1]) return `${SHEETS.plan}!A1`;
      child = m[2] ?? child;
      p = m[1];
    }
  };
  return { file, problems, locate };
}

/** Reads one row's cells by column key, reporting a cell's own problem at that cell. */
function cellReader(row: ExcelJS.Row, sheet: string, letters: Record<string, string>, report: (sheet: string, cell: string, words: Words) => void, w: WorkbookWords) {
  const cellAt = (letter: string) => row.getCell(letter);
  const cell = (key: string) => cellAt(letters[key]!);
  const problemAt = (letter: string, words: Words) => report(sheet, `${letter}${row.number}`, words);
  const numberAt = (letter: string) => numberIn(cellAt(letter), sheet, report, w);
  const yearAt = (letter: string) => yearIn(cellAt(letter), sheet, report, w);
  return {
    sheet,
    row: row.number,
    letters,
    problem: (key: string, words: Words) => problemAt(letters[key]!, words),
    problemAt,
    text: (key: string) => text(cell(key)) ?? undefined,
    lines: (key: string) => {
      const s = text(cell(key));
      return s === null ? undefined : s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    },
    numberAt,
    yearAt,
    number: (key: string) => numberAt(letters[key]!),
    year: (key: string) => yearAt(letters[key]!),
    integer: (key: string) => {
      const n = numberAt(letters[key]!);
      if (n !== undefined && !Number.isInteger(n)) problemAt(letters[key]!, w.notWhole);
      return n !== undefined && Number.isInteger(n) ? n : undefined;
    },
    flag: (key: string) => {
      const s = text(cell(key));
      if (s !== null && s !== WORDS.cumulative) problemAt(letters[key]!, w.oneOf([WORDS.cumulative, w.blank]));
      return s === WORDS.cumulative;
    },
    word: <K extends string>(key: string, words: Record<K, string>): K | undefined => {
      const s = text(cell(key));
      if (s === null) return undefined;
      const found = fromWord(words, s);
      if (!found) problemAt(letters[key]!, w.oneOf(Object.values(words) as string[]));
      return found;
    },
  };
}

/** A figure as people type it: 1,234 / １２３４ / −5. Anything else is named at its cell. */
function numberIn(cell: ExcelJS.Cell, sheet: string, report: (sheet: string, cell: string, words: Words) => void, w: WorkbookWords): number | undefined {
  const v = raw(cell);
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const cleaned = v.normalize('NFKC').replace(/[,\s]/g, '').replace(/[−－]/g, '-');
    if (cleaned === '') return undefined;
    if (/^-?\d+(\.\d+)?$/.test(cleaned)) return Number(cleaned);
  }
  report(sheet, cell.address, w.notNumber(typeof v === 'object' ? w.error : String(v)));
  return undefined;
}

const ERA_START: Record<string, number> = { 令和: 2018, R: 2018, 平成: 1988, H: 1988, 昭和: 1925, S: 1925 };

/** A year: 2024, 「2024年度」, 「令和6年度」 or 「R6」; anything else is named at its cell. */
function yearIn(cell: ExcelJS.Cell, sheet: string, report: (sheet: string, cell: string, words: Words) => void, w: WorkbookWords): number | undefined {
  const v = raw(cell);
  if (v === null || v === undefined || v === '') return undefined;
  const s = String(typeof v === 'object' ? '' : v).normalize('NFKC').trim();
  const western = /^(\d{4})(?:年度?)?$/.exec(s);
  const era = /^(令和|平成|昭和|R|H|S)(\d{1,2}|元)(?:年度?)?$/i.exec(s);
  const year = western ? Number(western[1]) : era ? ERA_START[era[1]!.toUpperCase()]! + (era[2] === '元' ? 1 : Number(era[2])) : undefined;
  if (year !== undefined && year >= 1900 && year <= 2200) return year;
  report(sheet, cell.address, w.notYear(typeof v === 'object' ? w.error : String(v)));
  return undefined;
}

/** Drops keys whose value is undefined. */
function compact(value: Obj): Obj {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
