/**
 * Evidence (issue 16 §5). A reference is a URL or a shared-drive path; junk is refused next to
 * its field. Files are attached to the latest submission — through the task page's multipart
 * form (CSRF checked) or the API — recognised by content (PDF, xlsx, PNG, JPEG), bounded in
 * size and number, written with their audit event in one transaction or not at all, and
 * downloaded only by those who see the task, always as a download.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { csrfOf, pageSignIn, type PageClient } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';
import { exeFile, htmlFile, multipart, pdfFile, pngFile } from '../helpers/uploads.ts';
import { installWriteCounter, writeCounts, writesBetween } from '../fuzz/write-counter.ts';

const MAX = 4096;
const { app, deps } = await useTestApp({ env: { ATTACHMENT_MAX_BYTES: String(MAX), ATTACHMENT_MAX_FILES: '3' } });
const sql = deps.database.sql;
let so: Client, children: Client, care: Client;
let clerk: PageClient, office: PageClient, stranger: PageClient;
let taskId: string, kpiIds: string[];

const apiUpload = (client: Client, id: string, filename: string, content: Buffer, type = 'application/pdf') =>
  app.inject({ method: 'POST', url: `/api/tasks/${id}/attachments?filename=${encodeURIComponent(filename)}`, headers: { ...client.headers, 'content-type': type }, payload: content });

/** Posts the task page's attach form as a browser does: the page's CSRF token, then the file. */
async function pageUpload(browser: PageClient, id: string, filename: string, content: Buffer, options: { csrf?: string; field?: string } = {}) {
  const page = await browser.get(`/tasks/${id}`);
  const body = multipart(options.csrf === undefined ? { _csrf: csrfOf(page.body) } : options.csrf ? { _csrf: options.csrf } : {}, { [options.field ?? 'attachment']: { filename, content } });
  return app.inject({ method: 'POST', url: `/tasks/${id}/attachments`, headers: { cookie: browser.cookies(), 'content-type': body.contentType }, payload: body.payload });
}

/** Runs `act` and returns what it wrote (rows per table and operation). */
async function writesOf(act: () => Promise<unknown>) {
  const before = await writeCounts(sql);
  await act();
  return writesBetween(before, await writeCounts(sql));
}

const values = () => kpiIds.map((kpiId, i) => ({ kpiId, value: 10 + i }));

beforeAll(async () => {
  [so, children, care] = await Promise.all([signIn(app, DEMO.strategy), signIn(app, DEMO.children), signIn(app, DEMO.care)]);
  const planId = (await so.get('/api/plans')).json().items[0].id;
  expect((await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2022, measureNumbers: [6], dueDate: '2099-06-30' })).statusCode).toBe(201);
  const task = ((await children.get('/api/tasks?fiscalYear=2022')).json().items as { id: string; projectCode: string }[]).find((t) => t.projectCode === 'm06-p01')!;
  taskId = task.id;
  kpiIds = (await children.get(`/api/tasks/${taskId}`)).json().kpis.map((k: { id: string }) => k.id);
  [clerk, office, stranger] = await Promise.all([pageSignIn(app, DEMO.children), pageSignIn(app, DEMO.strategy), pageSignIn(app, DEMO.care)]);
  await installWriteCounter(sql);
});

describe('an evidence reference', () => {
  it.each([
    ['https://www.city.tomakomai.hokkaido.jp/kosodate/report.pdf'],
    ['\\\\fileserver01\\こども育成課\\令和4年度\\実績 根拠.xlsx'],
    ['S:\\共有\\こども育成課\\実績.pdf'],
    ['file://fileserver01/share/kodomo/report.pdf'],
    ['file:///S:/share/kodomo/report.pdf'],
  ])('takes %s', async (ref) => {
    const res = await children.post(`/api/tasks/${taskId}/submissions`, { values: values(), evidenceUrl: ref });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().submission.evidenceUrl).toBe(ref);
  });

  it.each([['javascript:alert(1)'], ['data:text/html,<script>alert(1)</script>'], ['ftp://example.org/x'], ['see the binder on my desk'], ['\\\\server-only'], ['https://exa mple.org/'], ['S:\\a|b']])('refuses %s with a problem naming the field, and writes nothing', async (ref) => {
    let res!: Awaited<ReturnType<Client['post']>>;
    const writes = await writesOf(async () => (res = await children.post(`/api/tasks/${taskId}/submissions`, { values: values(), evidenceUrl: ref })));
    expect(res.statusCode).toBe(400);
    // The API speaks English; the page, Japanese (below).
    expect(res.json().error.problems).toContainEqual(expect.objectContaining({ field: 'body.evidenceUrl', message: expect.stringContaining('the evidence reference must be a web address') }));
    expect(writes).toEqual([]);
  });

  it('on the page: junk is named next to the field with the input kept; a path is shown as text to copy, a URL as a link', async () => {
    const page = await clerk.get(`/tasks/${taskId}`);
    // Each value with a note, so a plausibility warning is already answered and the post goes through.
    const form = Object.fromEntries(kpiIds.flatMap((_, i) => [[`values[${i}].value`, String(20 + i)], [`values[${i}].note`, '確認済み']]));
    const bad = await clerk.post(`/tasks/${taskId}/submit`, { ...form, evidenceUrl: 'マイドキュメント' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/id="evidenceUrl-error"><span aria-hidden="true">！<\/span>根拠資料の参照先は、URL/);
    expect(bad.body).toContain('value="マイドキュメント"');
    expect(page.body).toMatch(/<input id="evidenceUrl" name="evidenceUrl" type="text"/);

    expect((await clerk.post(`/tasks/${taskId}/submit`, { ...form, evidenceUrl: '\\\\fileserver01\\kodomo\\<b>根拠</b>.pdf' })).statusCode).toBe(400);
    expect((await clerk.post(`/tasks/${taskId}/submit`, { ...form, evidenceUrl: '\\\\fileserver01\\kodomo\\根拠.pdf' })).statusCode).toBe(303);
    const shown = await office.get(`/tasks/${taskId}`);
    expect(shown.body).toContain('<code class="evidence-path">\\\\fileserver01\\kodomo\\根拠.pdf</code>');
    expect(shown.body).toContain('<a href="https://www.city.tomakomai.hokkaido.jp/kosodate/report.pdf" rel="noopener noreferrer">');
    expect(shown.body).not.toMatch(/href="(file|javascript):/);
  });
});

describe('attaching a file', () => {
  it('through the task page: stored with its SHA-256 and an ATTACH event, listed for the department and the office', async () => {
    const pdf = pdfFile('FY2022 nursery figures');
    let res!: Awaited<ReturnType<typeof pageUpload>>;
    const writes = await writesOf(async () => (res = await pageUpload(clerk, taskId, '令和4年度 根拠資料.pdf', pdf)));
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    expect(res.headers.location).toBe(`/tasks/${taskId}#attachments`);
    expect(writes.map((w) => w.key).sort()).toEqual(['review_cycles UPDATE (updated_at,version)', 'review_events INSERT', 'review_tasks UPDATE (updated_at,version)', 'submission_attachments INSERT'].sort());
    const [row] = await sql`select file_name, media_type, size, sha256, bytes from submission_attachments`;
    expect(row).toMatchObject({ file_name: '令和4年度 根拠資料.pdf', media_type: 'application/pdf', size: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') });
    expect(Buffer.compare(row!.bytes as Buffer, pdf)).toBe(0);
    const [event] = await sql`select type, detail from review_events where type = 'ATTACH'`;
    expect(event!.detail).toMatchObject({ fileName: '令和4年度 根拠資料.pdf', size: pdf.length });

    const flash = res.cookies.find((c) => c.name === 'cityplan_flash')!;
    const own = await app.inject({ url: `/tasks/${taskId}`, headers: { cookie: `${clerk.cookies()}; ${flash.name}=${flash.value}` } });
    expect(own.body).toContain('ファイルを添付しました。');
    for (const page of [own, await office.get(`/tasks/${taskId}`)]) {
      expect(page.body).toMatch(/<a href="\/tasks\/[0-9a-f-]+\/attachments\/[0-9a-f-]+" download>令和4年度 根拠資料.pdf<\/a>/);
      expect(page.body).toContain('資料を添付');
    }
    // The office sees the list, not the form.
    expect((await office.get(`/tasks/${taskId}`)).body).not.toContain('enctype="multipart/form-data"');
  });

  it('downloads as an attachment with the recognised type, the Japanese name (RFC 5987) and nosniff — for the department and the office', async () => {
    const id = (await sql`select id from submission_attachments order by uploaded_at limit 1`)[0]!.id as string;
    for (const browser of [clerk, office]) {
      const res = await app.inject({ url: `/tasks/${taskId}/attachments/${id}`, headers: { cookie: browser.cookies() } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="__4__ ____.pdf"; filename*=UTF-8''${encodeURIComponent('令和4年度 根拠資料.pdf')}`);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const api = await so.get(`/api/tasks/${taskId}/attachments/${id}`);
    expect(api.statusCode).toBe(200);
    expect(api.headers['content-type']).toBe('application/pdf');
  });

  it('another department gets the same 404 as for an id nobody uses, on the page and the API, for download and upload', async () => {
    const id = (await sql`select id from submission_attachments limit 1`)[0]!.id as string;
    const random = '0b6f3a4e-4a55-4c53-9c53-2d1f0e6b7a10';
    const theirs = await app.inject({ url: `/tasks/${taskId}/attachments/${id}`, headers: { cookie: stranger.cookies(), accept: 'text/html' } });
    const nobody = await app.inject({ url: `/tasks/${taskId}/attachments/${random}`, headers: { cookie: stranger.cookies(), accept: 'text/html' } });
    expect(theirs.statusCode).toBe(404);
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '').replace(/[0-9a-f-]{36}/g, '');
    expect(strip(theirs.body)).toBe(strip(nobody.body));
    const api = await care.get(`/api/tasks/${taskId}/attachments/${id}`);
    const apiNobody = await children.get(`/api/tasks/${taskId}/attachments/${random}`);
    expect(api.statusCode).toBe(404);
    expect(api.json().error.message).toBe(apiNobody.json().error.message);
    expect((await care.get(`/api/tasks/${taskId}/attachments`)).statusCode).toBe(404);

    const writes = await writesOf(async () => {
      expect((await apiUpload(care, taskId, 'x.pdf', pdfFile())).statusCode).toBe(404);
      expect((await pageUpload(stranger, taskId, 'x.pdf', pdfFile(), { csrf: csrfOf((await stranger.get('/tasks')).body) })).statusCode).toBe(404);
      // The office reads but does not attach.
      expect((await apiUpload(so, taskId, 'x.pdf', pdfFile())).statusCode).toBe(403);
    });
    expect(writes).toEqual([]);
  });

  it.each([
    ['a program renamed .pdf', 'report.pdf', exeFile(), '添付できるのは PDF、Excel'],
    ['an HTML page', 'report.html', htmlFile(), '添付できるのは PDF、Excel'],
    ['an HTML page named .pdf', 'report.pdf', htmlFile(), '添付できるのは PDF、Excel'],
    ['a PNG named .pdf', 'report.pdf', pngFile(), '拡張子と中身が一致しません'],
    ['a PDF that runs JavaScript', 'report.pdf', pdfFile('x', '/OpenAction << /S /JavaScript /JS (app.alert(1)) >> '), '実行される内容'],
    ['a file over the limit', 'big.pdf', Buffer.concat([pdfFile(), Buffer.alloc(MAX, 0x20)]), `${Math.round((MAX / 1024 / 1024) * 10) / 10} MB 以下`],
    ['an empty file', 'empty.pdf', Buffer.alloc(0), 'ファイルを選んでください'],
  ])('refuses %s on the page, next to the file input, writing nothing', async (_what, name, content, message) => {
    let res!: Awaited<ReturnType<typeof pageUpload>>;
    const writes = await writesOf(async () => (res = await pageUpload(clerk, taskId, name, content)));
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(new RegExp(`<input id="attachment" name="attachment" type="file"[^>]*aria-invalid="true" aria-describedby="attachment-error">`));
    expect(res.body).toMatch(new RegExp(`id="attachment-error"><span aria-hidden="true">！</span>[^<]*${message.replace(/[.()]/g, '\\$&')}`));
    expect(writes).toEqual([]);
  });

  it('refuses the same through the API with the problem at `file`, and a form without its CSRF token', async () => {
    const writes = await writesOf(async () => {
      const exe = await apiUpload(children, taskId, 'setup.pdf', exeFile());
      expect(exe.statusCode).toBe(400);
      expect(exe.json().error.problems).toMatchObject([{ field: 'file', message: expect.stringContaining('only PDF, Excel') }]);
      // One byte past the limit reaches the service, which names it; more is cut off by the body limit.
      const big = await apiUpload(children, taskId, 'big.pdf', Buffer.concat([pdfFile(), Buffer.alloc(MAX)]).subarray(0, MAX + 1));
      expect(big.statusCode).toBe(400);
      expect((await apiUpload(children, taskId, 'huge.pdf', Buffer.alloc(MAX * 4, 0x25))).statusCode).toBe(413);
      const forged = await pageUpload(clerk, taskId, 'x.pdf', pdfFile(), { csrf: 'forged' });
      expect(forged.statusCode).toBe(403);
      expect((await pageUpload(clerk, taskId, 'x.pdf', pdfFile(), { csrf: '' })).statusCode).toBe(403);
    });
    expect(writes).toEqual([]);
  });

  it('takes a PNG through the API; at most ATTACHMENT_MAX_FILES per submission', async () => {
    const png = await apiUpload(children, taskId, 'photo.PNG', pngFile(), 'image/png');
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json()).toMatchObject({ fileName: 'photo.PNG', mediaType: 'image/png', submissionVersion: expect.any(Number) });
    expect((await apiUpload(children, taskId, 'third.pdf', pdfFile())).statusCode).toBe(201);
    const fourth = await apiUpload(children, taskId, 'fourth.pdf', pdfFile());
    expect(fourth.statusCode).toBe(400);
    expect(fourth.json().error.problems[0].message).toBe('a submission can carry at most 3 files');
    const list = (await so.get(`/api/tasks/${taskId}/attachments`)).json().items;
    expect(list.map((a: { fileName: string }) => a.fileName)).toEqual(['令和4年度 根拠資料.pdf', 'photo.PNG', 'third.pdf']);
  });

  it('is refused once the task no longer takes submissions (accepted), with the reason', async () => {
    expect((await so.post(`/api/tasks/${taskId}/accept`, {})).statusCode).toBe(200);
    const writes = await writesOf(async () => {
      const res = await apiUpload(children, taskId, 'late.pdf', pdfFile());
      expect(res.statusCode).toBe(409);
    });
    expect(writes).toEqual([]);
    expect((await clerk.get(`/tasks/${taskId}`)).body).not.toContain('enctype="multipart/form-data"');
  });
});
