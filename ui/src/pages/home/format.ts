// How the home screen writes dates, and which recent workspaces a search shows.
import type { RecentWorkspace } from '../../lib/api';

const FORMAT = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "Last opened 1 Dec 2026, 14:05" for a time in milliseconds since 1970. */
export function openedLabel(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '';
  return `Last opened ${FORMAT.format(new Date(ms))}`;
}

/**
 * Whether a recent workspace matches the search box: every word of `query` appears
 * (ignoring case and accents) in its name, its file's path, or its last audit's name,
 * verdict or date. An empty query matches every one.
 */
export function matchesRecent(ws: RecentWorkspace, query: string): boolean {
  const fold = (t: string) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const a = ws.last_audit;
  const hay = fold([ws.name, ws.path, a?.name ?? '', a?.verdict ?? '', a?.date ?? ''].join(' '));
  return words.every((w) => hay.includes(w));
}
