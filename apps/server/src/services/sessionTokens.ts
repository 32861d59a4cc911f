import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: the session cookie's value and the CSRF token. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** What the database keeps of a session token: its SHA-256, so a copy of the database opens no session. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
