import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (19 MiB, 2 passes): memory-hard, as OWASP recommends. */
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Minimum rules, stated to the user in their language. */
export function passwordProblem(password: string): { en: string; ja: string } | undefined {
  if (password.length < 12) return { en: 'must be at least 12 characters long', ja: '12文字以上で入力してください' };
  if (password.length > 200) return { en: 'must be at most 200 characters long', ja: '200文字以内で入力してください' };
  return undefined;
}
