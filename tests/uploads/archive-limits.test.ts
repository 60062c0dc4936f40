/**
 * The archive check that runs before any workbook is parsed: real sizes, measured by inflating,
 * against the limits; zip bombs are refused whatever their headers claim.
 */
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { say } from '../../services/i18n/translate.ts';
import { ARCHIVE_LIMITS, archiveProblem, archiveProblemWords } from '../../services/uploads/archive-limits.ts';

const zip = async (files: Record<string, Buffer | string>) => {
  const archive = new JSZip();
  for (const [name, content] of Object.entries(files)) archive.file(name, content);
  return archive.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
};

/** One deflated entry whose headers claim `claimed` bytes, whatever it really inflates to. */
const lyingZip = (content: Buffer, claimed: number) => {
  const data = deflateRawSync(content);
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(claimed, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(claimed, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const centralAt = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, name, data, central, name, end]);
};

describe('the archive check before parsing', () => {
  it('passes a real workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('実績報告');
    for (let r = 1; r <= 200; r++) sheet.addRow([`ＫＰＩ${r}`, r * 1.5, '人']);
    expect(archiveProblem(Buffer.from(await workbook.xlsx.writeBuffer()))).toBeNull();
  });

  it('refuses a small upload that unzips past the total limit', async () => {
    const bomb = await zip({ 'xl/worksheets/sheet1.xml': Buffer.alloc(ARCHIVE_LIMITS.maxTotalBytes + 1, 0x20) });
    expect(bomb.length).toBeLessThan(100_000);
    expect(archiveProblem(bomb)).toBe('too-large');
  });

  it('measures by inflating, not by the sizes the headers claim', () => {
    expect(archiveProblem(lyingZip(Buffer.alloc(30 * 1024 * 1024, 0x41), 1000))).toBe('too-large');
    expect(archiveProblem(lyingZip(Buffer.from('<x/>'), 4))).toBeNull();
  });

  it('refuses a compression ratio no workbook has, and too many entries', async () => {
    expect(archiveProblem(await zip({ 'a.xml': Buffer.alloc(2 * 1024 * 1024, 0x20) }))).toBe('ratio');
    const many = Object.fromEntries(Array.from({ length: ARCHIVE_LIMITS.maxEntries + 1 }, (_, i) => [`p${i}.xml`, `<p>${i}</p>`]));
    expect(archiveProblem(await zip(many))).toBe('too-many-entries');
  });

  it('calls anything else not an archive, and says each refusal in both languages', () => {
    for (const junk of [Buffer.from('not a zip'), Buffer.alloc(0), lyingZip(Buffer.from('x'), 1).subarray(0, 40)]) expect(archiveProblem(junk)).toBe('not-an-archive');
    expect(say(archiveProblemWords('too-large'), 'ja')).toBe('展開後の大きさが上限（20 MB）を超えています');
    expect(say(archiveProblemWords('too-large'), 'en')).toBe('is larger than 20 MB once unpacked');
  });
});
