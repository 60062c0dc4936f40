/**
 * Roles, from least to most privileged. A department member acts on its own department's
 * tasks only; the strategy office (政策推進課 / 未来創造戦略室) runs the reviews and approves;
 * an admin manages users and settings and can do what the strategy office does.
 */
export const ROLES = ['department_member', 'strategy_office', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
