/**
 * A password reset link is a secret for its recipient only: once sent, the stored copy (which
 * administrators can read under sent emails) keeps the link's address without its token.
 */
const RESET_LINK = /(\/password-reset\/)[A-Za-z0-9_-]+/g;
export function withoutSecrets(email: { template: string; text: string; html: string }) {
  if (email.template !== 'password-reset') return {};
  return { text: email.text.replace(RESET_LINK, '$1…'), html: email.html.replace(RESET_LINK, '$1…') };
}
