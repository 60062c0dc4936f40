import type { EmailContent, EmailLocale } from './content.ts';

export interface PasswordResetProps {
  userName: string;
  resetUrl: string;
  validMinutes: number;
}

/** The "forgot my password" link, to the account's own address only. */
export function passwordResetEmail(p: PasswordResetProps, locale: EmailLocale): EmailContent {
  if (locale === 'ja') {
    return {
      subject: '【総合戦略】パスワード再設定のご案内',
      greeting: `${p.userName} 様`,
      paragraphs: [
        'パスワードの再設定のお申し込みを受け付けました。下記のリンクから新しいパスワードを設定してください。',
        `このリンクは${p.validMinutes}分間、1回だけ使えます。お心当たりのない場合は、このメールを破棄してください（パスワードは変わりません）。`,
      ],
      action: { label: '新しいパスワードを設定する', href: p.resetUrl },
      closing: ['どうぞよろしくお願いいたします。'],
    };
  }
  return {
    subject: '[Strategy] Resetting your password',
    greeting: `Dear ${p.userName},`,
    paragraphs: [
      'We received a request to reset your password. Set a new one through the link below.',
      `The link works once, for ${p.validMinutes} minutes. If you did not ask for this, ignore this email (your password stays as it is).`,
    ],
    action: { label: 'Set a new password', href: p.resetUrl },
    closing: ['Thank you.'],
  };
}
