// Fixtures for the walkthrough's and the dashboard's tests: checks, a verdict and views
// shaped like the core's JSON.
import type { AuditView, CheckResult, ChecklistReference, Grade, GradeLevel, Verdict } from '../../lib/api';

const TITLES = [
  'Closed-won data hygiene',
  'Won-loss sync to the CRM',
  'Fit vs engagement split',
  'Enrichment before scoring',
  'Dedupe and identity',
  'Routing fairness',
  'Response SLA with a clock',
  'A named SLA owner',
  'Behavioural triggers',
  'Human-escalation rule',
  'Full CRM write-back',
  'A measured baseline and owner',
];

export function checks(): CheckResult[] {
  return TITLES.map((title, i) => {
    const item = i + 1;
    const judged = ![8, 10, 12].includes(item);
    return {
      item,
      id: `item_${item}`,
      title,
      question: `Question ${item}?`,
      why: `Why ${item} matters.`,
      in_place: `What ${item} looks like in place.`,
      suggested: judged ? (item % 2 ? 'partial' : 'missing') : null,
      rationale: `Rationale of ${item}: 15% of 5,000 leads.`,
      evidence: judged ? [{ kind: 'figure', id: `fig_${item}`, text: `Evidence ${item}: 15% of 5,000 leads.`, value: 0.15 }] : [],
      confirm: judged ? null : `Confirm ${item}.`,
      grade: null,
      effective: judged ? (item % 2 ? 'partial' : 'missing') : 'not_assessed',
      override: false,
      needs_owner: [8, 10, 12].includes(item),
      foundation: [1, 2, 5, 8, 10].includes(item),
    } satisfies CheckResult;
  });
}

export function verdict(label = 'Pilot on one clean segment'): Verdict {
  return { level: 'pilot', label, fix_first: [] };
}

/** What `grade_item` answers: the checks with `grade` applied to `item`. */
export function graded(list: CheckResult[], item: number, grade: Grade, label = 'Pilot on one clean segment') {
  const next = list.map((c) =>
    c.item === item
      ? {
          ...c,
          grade,
          effective: grade.grade as GradeLevel,
          override: c.suggested !== null && c.suggested !== grade.grade && grade.grade !== 'not_assessed',
        }
      : c,
  );
  return { checks: next, verdict: verdict(label) };
}

export function reference(): ChecklistReference {
  return {
    thresholds: [
      {
        item: 7,
        figure: 'sla_compliance',
        label: 'leads first touched within the SLA target',
        better: 'higher',
        in_place: 0.8,
        partial: 0.5,
        rule: 'in place at 80% or more; partial at 50% or more; missing below',
      },
    ],
    escalation_rules: [
      { id: 'low_confidence', label: 'Low confidence' },
      { id: 'high_value', label: 'High value' },
      { id: 'out_of_scope', label: 'Out of scope' },
      { id: 'negative_sensitive', label: 'Negative or sensitive' },
    ],
    grades: [
      { id: 'in_place', label: 'In place' },
      { id: 'partial', label: 'Partial' },
      { id: 'missing', label: 'Missing' },
      { id: 'not_assessed', label: 'Not assessed' },
    ],
    definitions: [{ id: 'within_5m', term: 'Contacted within 5 minutes', text: 'Leads first touched within 5 minutes.' }],
  };
}

export function view(): AuditView {
  return {
    result: {
      version: 1,
      audit: { id: 1, name: '2026 Q3', period: 'whole export', workspace: 'Brightwave', created_at: '2026-10-02T09:00:00Z' },
      inputs: { files: [], mapping: '', timezone: 'America/New_York' },
      settings: {},
      baseline: { label: 'whole export', timezone: 'America/New_York', business_hours: 'Mon-Fri 09:00-17:00' },
      findings: [],
      checks: checks(),
      verdict: verdict(),
    },
    previous: { id: 0, name: '2026 Q2', period: 'whole export' },
    headline: [
      {
        id: 'speed_median',
        label: 'Speed-to-lead, median',
        value: 'Not reached',
        detail: 'over half the leads were never contacted',
        missing: true,
        definition: 'The time from creation to first touch.',
        delta: { text: 'not reached in 2026 Q2 either', arrow: 'flat', movement: 'same' },
      },
      {
        id: 'within_5m',
        label: 'Contacted within 5 minutes',
        value: '37%',
        detail: 'of 5,000 leads created',
        missing: false,
        definition: 'Leads first touched within 5 minutes.',
        delta: { text: '+22 pts', arrow: 'up', movement: 'better' },
      },
      {
        id: 'win_rate',
        label: 'Win rate',
        value: 'Not available',
        detail: 'no deals file',
        missing: true,
        definition: 'Won over won and lost.',
        delta: null,
      },
    ],
    charts: [
      {
        id: 'speed_to_lead_buckets',
        title: 'Speed-to-lead: leads by time to first touch',
        kind: 'bar',
        unit: 'percent',
        categories: ['≤5 min', '≤30 min', 'never'],
        series: [{ name: '2026 Q3', values: [0.37, 0.2, null] }],
        note: 'Leads never contacted stay in the denominator.',
        // As the core words them (`charts::ChartSpec::labels`).
        labels: {
          ticks: [
            { value: 0, label: '0%' },
            { value: 0.1, label: '10%' },
            { value: 0.2, label: '20%' },
            { value: 0.3, label: '30%' },
            { value: 0.4, label: '40%' },
          ],
          values: [['37%', '20%', '–']],
          totals: [],
          reference: null,
          max: '37%',
        },
      },
    ],
    omitted: [{ id: 'leads_per_owner', title: 'Leads per owner', reason: 'no owner on any lead' }],
    findings: [
      {
        item: 5,
        title: 'Dedupe and identity',
        findings: [
          {
            id: 'duplicate_clusters',
            item: 5,
            severity: 'warning',
            count: 40,
            of: 5000,
            title: '82 of 5,000 lead records are duplicates.',
            detail: 'Largest clusters: 38151544 = 38151682',
            examples: ['38151544', '38151682'],
            fix: 'Merge the duplicates.',
          },
          {
            id: 'free_mail_share',
            item: 5,
            severity: 'info',
            count: 0,
            of: 5000,
            title: 'Nothing to fix here.',
            detail: '',
            examples: [],
            fix: 'Nothing.',
          },
        ],
      },
    ],
    redacted: true,
  };
}
