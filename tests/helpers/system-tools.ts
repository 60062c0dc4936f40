/**
 * The system programs some suites drive for real: Debian's Chromium (browser tests, through
 * playwright-core) and LibreOffice (the Excel workbook opened as a person would). `npm test`
 * never installs them (it runs without root): a suite whose program is missing is skipped and
 * says how to install it. `.ci/run` installs both first, and with CI set a missing one fails.
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const onPath = (program: string) => (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, program)));

export const hasChromium = existsSync(CHROMIUM);
export const hasLibreOffice = onPath('soffice');

export const MISSING_TOOLS = [
  ...(hasChromium ? [] : [{ tool: `Chromium (${CHROMIUM})`, suites: 'tests/browser', install: 'apt-get install chromium fonts-ipafont-gothic, or set CHROMIUM_PATH' }]),
  ...(hasLibreOffice ? [] : [{ tool: 'LibreOffice (soffice)', suites: 'the Excel read-back in tests/reports', install: 'apt-get install libreoffice-calc-nogui' }]),
];
