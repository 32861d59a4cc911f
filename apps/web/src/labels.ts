import { DIAGNOSES, POSTURES } from '@spinerecon/core';

// Controlled lists (the core's and the server's) and how they read on screen.

export { DIAGNOSES, POSTURES };

/** Mirror of apps/server/src/domain/clinicalLists.ts CASE_STATUSES. */
export const CASE_STATUSES = [
  'assessment',
  'planning',
  'scheduled',
  'operated',
  'follow-up',
  'closed',
] as const;

export const SEXES = ['female', 'male', 'other'] as const;

/** `adult-deformity` → `Adult deformity`. */
export function label(value: string): string {
  const text = value.replace(/[-_]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** An ISO date or instant as `5 Mar 2024`; `—` when absent. */
export function formatDate(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Today as YYYY-MM-DD in the user's time zone. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
