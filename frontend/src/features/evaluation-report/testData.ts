import { cohort2021Id, cohort2026Id, programmeId, programmeName } from '../../test/cohorts';
import type { EvaluationReport, GroupStat, ReportLineage, ReportQuestion, Stat } from './types';

// A report shaped like the API's for the Leergang Digitaal Leiderschap: two cohorts, one closing evaluation
// used in both, with a scale, a recommendation, a choice and an open question; k = 5.
export { cohort2021Id, cohort2026Id, programmeId, programmeName };
export const cohort2023Id = '00000000-0000-4000-8000-000000002023';
export const lineageId = '00000000-0000-4000-8000-00000000f0a1';
export const form2021Id = '00000000-0000-4000-8000-00000000f021';
export const form2023Id = '00000000-0000-4000-8000-00000000f023';

export function withheld(): Stat {
  return { withheld: true, n: 0, mean: null, median: null, distribution: [], nps: null };
}

const scaleLabels: Record<string, string> = { '1': 'slecht', '5': 'uitstekend' };

export function scaleStat(counts: number[], mean: number, median: number): Stat {
  return {
    withheld: false,
    n: counts.reduce((a, b) => a + b, 0),
    mean,
    median,
    distribution: counts.map((count, index) => ({
      value: String(index + 1),
      label: scaleLabels[String(index + 1)] ?? String(index + 1),
      count,
    })),
    nps: null,
  };
}

function recommendationStat(counts: number[], mean: number, median: number): Stat {
  const n = counts.reduce((a, b) => a + b, 0);
  const detractors = counts.slice(0, 7).reduce((a, b) => a + b, 0);
  const passives = counts[7]! + counts[8]!;
  const promoters = counts[9]! + counts[10]!;
  return {
    withheld: false,
    n,
    mean,
    median,
    distribution: counts.map((count, value) => ({ value: String(value), label: String(value), count })),
    nps: { promoters, passives, detractors, score: Math.round(((promoters - detractors) / n) * 100) },
  };
}

const group = (id: string, label: string, stat: Stat): GroupStat => ({ id, label, stat });

export function scaleQuestion(overrides: Partial<ReportQuestion> = {}): ReportQuestion {
  return {
    key: 'tevredenheid',
    prompt: 'Hoe tevreden bent u over de leergang als geheel?',
    kind: 'scale',
    overall: scaleStat([0, 1, 2, 7, 8], 4.2, 4),
    byYear: [
      group('2021', '2021', scaleStat([0, 1, 1, 3, 4], 4.1, 4)),
      group('2023', '2023', scaleStat([0, 0, 1, 4, 4], 4.3, 4)),
    ],
    byCohort: [
      group(cohort2021Id, '2021–2022', scaleStat([0, 1, 1, 3, 4], 4.1, 4)),
      group(cohort2023Id, '2023–2024', scaleStat([0, 0, 1, 4, 4], 4.3, 4)),
      group(cohort2026Id, '2026–2027', withheld()),
    ],
    byForm: [],
    sharedAnswers: [],
    ...overrides,
  };
}

export function makeReport(overrides: Partial<EvaluationReport> = {}): EvaluationReport {
  const lineage: ReportLineage = {
    lineageId,
    title: 'Eindevaluatie',
    forms: [
      {
        formId: form2021Id,
        cohortId: cohort2021Id,
        cohortName: '2021–2022',
        year: 2021,
        title: 'Eindevaluatie',
        targetTitle: '2021–2022',
        opensAt: '2022-03-01T08:00:00Z',
        closesAt: '2022-03-31T21:59:00Z',
        invited: 12,
        responseRate: 0.75,
      },
      {
        formId: form2023Id,
        cohortId: cohort2023Id,
        cohortName: '2023–2024',
        year: 2023,
        title: 'Eindevaluatie',
        targetTitle: '2023–2024',
        opensAt: '2024-03-01T08:00:00Z',
        closesAt: '2024-03-31T21:59:00Z',
        invited: 11,
        responseRate: 0.8181818,
      },
    ],
    responses: 18,
    withheld: false,
    questions: [
      scaleQuestion(),
      {
        key: 'aanbevelen',
        prompt: 'Hoe waarschijnlijk is het dat u de leergang aanbeveelt aan een collega?',
        kind: 'recommendation',
        overall: recommendationStat([0, 0, 0, 0, 0, 1, 1, 2, 4, 6, 4], 8.2, 9),
        byYear: [],
        byCohort: [],
        byForm: [],
        sharedAnswers: [],
      },
      {
        key: 'vorm',
        prompt: 'Welke werkvorm heeft u het meest geholpen?',
        kind: 'choice',
        overall: {
          withheld: false,
          n: 18,
          mean: null,
          median: null,
          distribution: [
            { value: 'intervisie', label: 'Intervisie', count: 9 },
            { value: 'lezingen', label: 'Lezingen van sprekers', count: 6 },
            { value: 'werkbezoek', label: 'Werkbezoeken', count: 3 },
          ],
          nps: null,
        },
        byYear: [],
        byCohort: [],
        byForm: [],
        sharedAnswers: [],
      },
      {
        key: 'tip',
        prompt: 'Wat zou u de volgende groep willen meegeven?',
        kind: 'text',
        overall: { withheld: false, n: 11, mean: null, median: null, distribution: [], nps: null },
        byYear: [],
        byCohort: [],
        byForm: [],
        sharedAnswers: ['Neem de tijd voor intervisie.', 'Zoek elkaar ook tussen de modules op.'],
      },
      {
        key: 'catering',
        prompt: 'Hoe beoordeelt u de catering?',
        kind: 'scale',
        overall: withheld(),
        byYear: [],
        byCohort: [],
        byForm: [],
        sharedAnswers: [],
      },
    ],
  };
  return {
    programme: { id: programmeId, name: programmeName, k: 5 },
    cohortId: null,
    generatedAt: '2026-11-23T13:05:00Z',
    figures: {
      cohorts: 3,
      enrolments: 38,
      completed: 21,
      withdrawn: 2,
      completionRate: 0.9130434,
      attendanceRate: 0.874,
      byCohort: [
        { cohortId: cohort2021Id, name: '2021–2022', year: 2021, status: 'archived', enrolments: 12, completed: 11, withdrawn: 1, completionRate: 0.9166667, attendanceRate: 0.9 },
        { cohortId: cohort2023Id, name: '2023–2024', year: 2023, status: 'completed', enrolments: 11, completed: 10, withdrawn: 1, completionRate: 0.9090909, attendanceRate: 0.85 },
        { cohortId: cohort2026Id, name: '2026–2027', year: 2026, status: 'running', enrolments: 15, completed: 0, withdrawn: 0, completionRate: null, attendanceRate: null },
      ],
    },
    forms: [lineage],
    ...overrides,
  };
}

/** The cohorts list of the programme, newest first, as GET /programmes/{id}/cohorts gives it. */
export function makeCohortList() {
  const cohort = (id: string, name: string, startsOn: string, endsOn: string, status: 'running' | 'completed' | 'archived') => ({
    id,
    programmeId,
    programmeName,
    name,
    startsOn,
    endsOn,
    capacity: 20,
    status,
    activeParticipants: 12,
    version: 1,
  });
  return {
    cohorts: [
      cohort(cohort2026Id, '2026–2027', '2026-09-01', '2027-06-30', 'running'),
      cohort(cohort2023Id, '2023–2024', '2023-09-01', '2024-06-30', 'completed'),
      cohort(cohort2021Id, '2021–2022', '2021-09-01', '2022-03-31', 'archived'),
    ],
  };
}
