/**
 * What a file is, by its content (services/reviews/attachment-types.ts): a real workbook from
 * ExcelJS is Excel, a workbook with macros is refused, a Word document (a zip too) is not
 * Excel, and a name is cleaned of paths and control characters.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkAttachment, cleanFileName, sniff } from '../../services/reviews/attachment-types.ts';
import { evidenceKind } from '../../services/reviews/evidence-reference.ts';
import { exeFile, htmlFile, pdfFile, pngFile, storedZip } from '../helpers/uploads.ts';

const workbookParts = { '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' };

describe('recognising a file by its content', () => {
  it('knows a workbook ExcelJS wrote, a PDF, a PNG, a JPEG', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('実績').getCell('A1').value = 1;
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    expect(checkAttachment(xlsx, '実績.xlsx')).toEqual({ kind: 'xlsx' });
    expect(checkAttachment(pdfFile(), 'a.PDF')).toEqual({ kind: 'pdf' });
    expect(checkAttachment(pngFile(), 'a.png')).toEqual({ kind: 'png' });
    expect(checkAttachment(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'photo.jpeg')).toEqual({ kind: 'jpeg' });
  });

  it('refuses macros, other zips, programs and pages', () => {
    expect(checkAttachment(storedZip({ ...workbookParts, 'xl/vbaProject.bin': 'VBA' }), 'a.xlsx')).toEqual({ refusal: 'executableContent' });
    expect(checkAttachment(storedZip({ ...workbookParts, 'xl/activeX/activeX1.xml': '<ax/>' }), 'a.xlsx')).toEqual({ refusal: 'executableContent' });
    expect(checkAttachment(storedZip(workbookParts), 'a.xlsx')).toEqual({ kind: 'xlsx' });
    expect(sniff(storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w/>' }))).toBeNull();
    expect(sniff(storedZip(workbookParts).subarray(0, 40))).toBeNull();
    expect(checkAttachment(exeFile(), 'a.pdf')).toEqual({ refusal: 'unknownType' });
    expect(checkAttachment(htmlFile(), 'a.html')).toEqual({ refusal: 'unknownType' });
    expect(checkAttachment(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'), 'a.svg')).toEqual({ refusal: 'unknownType' });
    expect(checkAttachment(pdfFile('x', '/AA << /O << /S /Launch /F (cmd.exe) >> >> '), 'a.pdf')).toEqual({ refusal: 'executableContent' });
    expect(checkAttachment(pdfFile(), 'a.pdf.exe')).toEqual({ refusal: 'extensionMismatch' });
  });

  it('cleans a file name', () => {
    expect(cleanFileName('C:\\Users\\kodomo\\Desktop\\根拠.pdf')).toBe('根拠.pdf');
    expect(cleanFileName('a\u0000b<c>.pdf')).toBe('a_b_c_.pdf');
    expect(cleanFileName(`${'長'.repeat(300)}.pdf`)).toBe(`${'長'.repeat(196)}.pdf`);
  });
});

describe('an evidence reference', () => {
  it.each([
    ['https://example.org/a', 'link'],
    ['http://intra.city.local/x', 'link'],
    ['\\\\srv\\share', 'path'],
    ['\\\\srv\\共有 フォルダ\\報告.xlsx', 'path'],
    ['Z:\\共有\\a.pdf', 'path'],
    ['file://srv/share/a.pdf', 'path'],
    ['javascript:alert(1)', null],
    ['file:', null],
    [' https://example.org', null],
    ['https://example.org/\u0007', null],
    ['\\\\srv', null],
    ['C:\\a?.pdf', null],
    ['', null],
  ])('%s is %s', (text, kind) => {
    expect(evidenceKind(text)).toBe(kind);
  });
});
