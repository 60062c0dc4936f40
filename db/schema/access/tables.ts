import { sql } from 'drizzle-orm';
import { boolean, check, index, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { departments, organizations } from '../organizations/tables.ts';
import { LOCALES, ROLES } from './constants.ts';

export const role = pgEnum('role', ROLES);
export const locale = pgEnum('locale', LOCALES);

const createdAt = () => timestamp({ withTimezone: true }).notNull().default(sql`now()`);

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    /** Stored lower-cased; unique within the organization (sign-in names the organization, so one city cannot learn another's accounts). */
    email: text().notNull(),
    name: text().notNull(),
    role: role().notNull(),
    departmentId: uuid().references(() => departments.id),
    /** argon2id */
    passwordHash: text().notNull(),
    locale: locale().notNull().default('ja'),
    active: boolean().notNull().default(true),
    passwordChangedAt: timestamp({ withTimezone: true }),
    /** Set when an administrator chose the password (new user, reset, admin:create); cleared by the user's own change. */
    mustChangePassword: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    unique('users_organization_email_unique').on(t.organizationId, t.email),
    index().on(t.departmentId),
    check('member_has_department', sql`${t.role} <> 'department_member' or ${t.departmentId} is not null`),
  ],
);

/** Browser sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text().primaryKey(),
    /** Names the session in the user's list of sessions (the token hash never leaves the server). */
    id: uuid().notNull().defaultRandom().unique(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    /** Per-session secret for CSRF tokens on forms. */
    csrfSecret: text().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    /** The last request seen (written at most once a minute): the idle timeout counts from here. */
    lastSeenAt: createdAt(),
    /** The browser's User-Agent at sign-in, cut short: shown in the list of one's sessions. */
    userAgent: text(),
  },
  (t) => [index().on(t.userId)],
);

/** Bearer tokens for integrations; shown once, stored as SHA-256. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    name: text().notNull(),
    tokenHash: text().notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    /** Refused from this moment on, like a revoked token. */
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** GET and HEAD only (services/http/auth-plugin.ts). */
    readOnly: boolean().notNull().default(false),
  },
  (t) => [index().on(t.userId)],
);

/**
 * A "forgot my password" link: single use, expiring. The email carries a random token; only
 * its SHA-256 is stored, so the table alone cannot be used to take over an account.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    tokenHash: text().notNull().unique(),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** Set when the link was used to set a password, or when a later one was used. */
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.userId)],
);
