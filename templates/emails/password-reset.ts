import { translator } from '../../services/i18n/translate.ts';
import type { EmailContent, EmailLocale } from './content.ts';
import { greetPerson } from './format.ts';

export interface PasswordResetProps {
  userName: string;
  resetUrl: string;
  validMinutes: number;
}

/** The "forgot my password" link, to the account's own address only. */
export function passwordResetEmail(p: PasswordResetProps, locale: EmailLocale): EmailContent {
  const t = translator(locale);
  return {
    subject: t('emails.passwordReset.subject'),
    greeting: greetPerson(p.userName, locale),
    paragraphs: [t('emails.passwordReset.lead'), t('emails.passwordReset.validity', { minutes: p.validMinutes })],
    action: { label: t('emails.passwordReset.action'), href: p.resetUrl },
    closing: [t('emails.closingThanks')],
  };
}
