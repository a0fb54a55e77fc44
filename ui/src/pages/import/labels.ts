// How the import screen names kinds, sources, fields and date formats.
import type { FieldType, Kind, KindInfo, Source } from '../../lib/api';

export const KIND_LABELS: Record<Kind, string> = {
  leads: 'Leads / contacts',
  deals: 'Deals / opportunities',
  activities: 'Activities',
  owners: 'Owners (roster)',
  accounts: 'Accounts',
};

export const SOURCE_LABELS: Record<Source, string> = {
  hubspot: 'HubSpot',
  salesforce: 'Salesforce',
  pipedrive: 'Pipedrive',
  zoho: 'Zoho',
  generic: 'Other CRM or spreadsheet',
};

export const TYPE_LABELS: Record<FieldType, string> = {
  text: 'text',
  timestamp: 'date and time',
  date: 'date',
  number: 'number',
  bool: 'yes / no',
  outcome: 'open / won / lost',
};

const FIELD_WORDS: Record<string, string> = {
  id: 'ID',
  record_id: 'Record ID',
  created_at: 'Created',
  first_touch_at: 'First touch',
  converted_at: 'Converted on',
  is_won: 'Is won',
  is_closed: 'Is closed',
  is_lost: 'Is lost',
};

/** "first_touch_at" → "First touch"; "lead_id" → "Lead ID". */
export function fieldLabel(name: string): string {
  const known = FIELD_WORDS[name];
  if (known) return known;
  const words = name.split('_').map((w) => (w === 'id' ? 'ID' : w));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What a requirement says about `field`: "required", "required (or Outcome)", or null. */
export function requirement(info: KindInfo, field: string): string | null {
  const group = info.required.find((alts) => alts.includes(field));
  if (!group) return null;
  const others = group.filter((f) => f !== field).map(fieldLabel);
  return others.length ? `required, or ${others.join(' or ')}` : 'required';
}

const TOKENS: Record<string, string> = {
  '%Y': 'YYYY',
  '%y': 'YY',
  '%m': 'MM',
  '%-m': 'M',
  '%d': 'DD',
  '%-d': 'D',
  '%e': 'D',
  '%H': 'hh',
  '%I': 'hh',
  '%M': 'mm',
  '%S': 'ss',
  '%p': 'AM/PM',
  '%b': 'Mon',
  '%B': 'Month',
  '%z': '+zone',
  '%Z': 'zone',
  '%:z': '+zone',
  '%.f': '.fff',
  '%f': 'fff',
  '%T': 'hh:mm:ss',
  '%F': 'YYYY-MM-DD',
};

/** A strftime format as people read it: "%d/%m/%Y %H:%M" → "DD/MM/YYYY hh:mm". */
export function formatLabel(format: string): string {
  if (format === 'epoch-ms') return 'milliseconds since 1970';
  return format
    .split(' | ')
    .map((f) => f.replace(/%[-:.]?[A-Za-z]/g, (t) => TOKENS[t] ?? t))
    .join(' or ');
}

/** 1234567 → "1,234,567" (the reader's own grouping). */
export function count(n: number): string {
  return n.toLocaleString();
}

/** Bytes as KB/MB. */
export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
