// How the home screen writes dates.

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
