import { queryOptions } from '@tanstack/react-query';
import { answer, ifMatch } from '../../api/answer';
import { api } from '../../api/client';
import type {
  CohortEvaluationForm,
  EvaluationAttachInput,
  EvaluationForm,
  EvaluationFormInput,
  EvaluationPeriodInput,
  EvaluationProgress,
  EvaluationReminderResult,
  EvaluationTemplateSummary,
} from './types';

export const evaluationKeys = {
  all: ['evaluation-forms'] as const,
  templates: (programmeId: string) => [...evaluationKeys.all, 'templates', programmeId] as const,
  form: (formId: string) => [...evaluationKeys.all, 'form', formId] as const,
  cohortForms: (cohortId: string) => [...evaluationKeys.all, 'cohort', cohortId] as const,
  progress: (formId: string) => [...evaluationKeys.all, 'progress', formId] as const,
};

export const templatesQuery = (programmeId: string) =>
  queryOptions({
    queryKey: evaluationKeys.templates(programmeId),
    queryFn: async (): Promise<EvaluationTemplateSummary[]> =>
      (
        await answer(
          api.GET('/programmes/{programmeID}/evaluation-templates', { params: { path: { programmeID: programmeId } } }),
        )
      ).templates,
  });

export const formQuery = (formId: string) =>
  queryOptions({
    queryKey: evaluationKeys.form(formId),
    queryFn: (): Promise<EvaluationForm> =>
      answer(api.GET('/evaluation-forms/{formID}', { params: { path: { formID: formId } } })),
    // An admin colleague may change the form meanwhile; the If-Match on saving catches that anyway.
    staleTime: 0,
  });

export const cohortFormsQuery = (cohortId: string) =>
  queryOptions({
    queryKey: evaluationKeys.cohortForms(cohortId),
    queryFn: async (): Promise<CohortEvaluationForm[]> =>
      (await answer(api.GET('/cohorts/{cohortID}/evaluation-forms', { params: { path: { cohortID: cohortId } } })))
        .forms,
    // Response rates move while a form is open.
    staleTime: 10_000,
  });

export const progressQuery = (formId: string) =>
  queryOptions({
    queryKey: evaluationKeys.progress(formId),
    queryFn: (): Promise<EvaluationProgress> =>
      answer(api.GET('/evaluation-forms/{formID}/progress', { params: { path: { formID: formId } } })),
    staleTime: 10_000,
  });

export const createTemplate = (programmeId: string, body: EvaluationFormInput): Promise<EvaluationForm> =>
  answer(api.POST('/programmes/{programmeID}/evaluation-templates', { params: { path: { programmeID: programmeId } }, body }));

export const updateForm = (form: Pick<EvaluationForm, 'id' | 'version'>, body: EvaluationFormInput): Promise<EvaluationForm> =>
  answer(
    api.PUT('/evaluation-forms/{formID}', { params: { path: { formID: form.id }, header: ifMatch(form.version) }, body }),
  );

export const reviseTemplate = (formId: string): Promise<EvaluationForm> =>
  answer(api.POST('/evaluation-forms/{formID}/revisions', { params: { path: { formID: formId } } }));

export const deleteForm = (form: { id: string; version: number }): Promise<void> =>
  answer(api.DELETE('/evaluation-forms/{formID}', { params: { path: { formID: form.id }, header: ifMatch(form.version) } }));

export const attachForm = (cohortId: string, body: EvaluationAttachInput): Promise<EvaluationForm> =>
  answer(api.POST('/cohorts/{cohortID}/evaluation-forms', { params: { path: { cohortID: cohortId } }, body }));

export const setPeriod = (form: { id: string; version: number }, body: EvaluationPeriodInput): Promise<EvaluationForm> =>
  answer(
    api.PUT('/evaluation-forms/{formID}/period', { params: { path: { formID: form.id }, header: ifMatch(form.version) }, body }),
  );

export const remind = (formId: string, message: string): Promise<EvaluationReminderResult> =>
  answer(
    api.POST('/evaluation-forms/{formID}/reminders', {
      params: { path: { formID: formId } },
      body: message.trim() ? { message: message.trim() } : {},
    }),
  );
