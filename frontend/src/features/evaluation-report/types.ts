import type { components } from '../../api/schema';

export type EvaluationReport = components['schemas']['EvaluationReport'];
export type ReportFigures = EvaluationReport['figures'];
export type CohortFigures = components['schemas']['EvaluationReportCohortFigures'];
export type ReportLineage = components['schemas']['EvaluationReportForm'];
export type ReportForm = ReportLineage['forms'][number];
export type ReportQuestion = components['schemas']['EvaluationReportQuestion'];
export type GroupStat = components['schemas']['EvaluationReportGroupStat'];
export type Stat = components['schemas']['EvaluationStat'];
export type Bucket = Stat['distribution'][number];
export type QuestionKind = components['schemas']['EvaluationQuestionKind'];
export type ExportFormat = 'csv' | 'xlsx' | 'pdf';
