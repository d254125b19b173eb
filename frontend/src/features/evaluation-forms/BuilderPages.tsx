import '../../i18n/evaluations';
import { Alert, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { programmeQuery } from '../admin/queries';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { FormBuilder } from './FormBuilder';
import { Notice } from './Notice';
import { cohortFormsPath, formPath, templatesPath } from './paths';
import { saveProblem, type SaveProblem } from './problems';
import { evaluationKeys, formQuery, reviseTemplate } from './queries';
import type { EvaluationForm } from './types';
import './evaluations.css';

/** Where a page that changed something sends the reader, with what happened. */
export interface EvaluationNotice {
  notice?: string;
}


/** /beheer/leergangen/:programmeId/evaluaties/nieuw: a new evaluation form template (admins). */
export function NewFormPage() {
  const { t } = useTranslation();
  usePageTitle(t('evaluations.builder.newTitle'));
  const { programmeId = '' } = useParams();
  const navigate = useNavigate();
  const programme = useQuery(programmeQuery(programmeId));
  if (isApiError(programme.error, 403)) return <ForbiddenPage />;
  if (isApiError(programme.error, 404)) return <NotFoundPage />;
  return (
    <>
      <Paragraph>
        <RouterLink to={templatesPath(programmeId)}>{t('evaluations.templates.back')}</RouterLink>
      </Paragraph>
      <Heading1>{t('evaluations.builder.newTitle')}</Heading1>
      {programme.data && <Paragraph lead>{programme.data.name}</Paragraph>}
      <Paragraph>{t('evaluations.builder.intro')}</Paragraph>
      <FormBuilder
        programmeId={programmeId}
        onSaved={(saved) =>
          navigate(formPath(saved.id), {
            state: { notice: t('evaluations.builder.created', { title: saved.title }) } satisfies EvaluationNotice,
          })
        }
        onCancel={() => navigate(templatesPath(programmeId))}
      />
    </>
  );
}

/** /beheer/evaluatieformulieren/:formId: change a template or a cohort's copy (admins). */
export function EditFormPage() {
  const { t } = useTranslation();
  const { formId = '' } = useParams();
  const { data, error } = useQuery(formQuery(formId));
  if (isApiError(error, 403)) return <ForbiddenPage />;
  if (isApiError(error, 404)) return <NotFoundPage />;
  if (data) return <EditForm form={data} />;
  return (
    <>
      <Heading1>{t('evaluations.builder.editTitle')}</Heading1>
      {error ? <QueryErrorAlert error={error} /> : <Loading />}
    </>
  );
}

function EditForm({ form }: { form: EvaluationForm }) {
  const { t } = useTranslation();
  usePageTitle(t('evaluations.builder.editOf', { title: form.title }));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { state } = useLocation() as { state: EvaluationNotice | null };
  const [saved, setSaved] = useState<{ text: string; n: number } | null>(null);
  const [reviseFailure, setReviseFailure] = useState<SaveProblem | null>(null);
  const back = form.isTemplate || !form.cohortId ? templatesPath(form.programmeId) : cohortFormsPath(form.cohortId);

  const revise = useMutation({
    mutationFn: () => reviseTemplate(form.id),
    onSuccess: async (next) => {
      await queryClient.invalidateQueries({ queryKey: evaluationKeys.templates(form.programmeId) });
      navigate(formPath(next.id), {
        state: { notice: t('evaluations.templates.revised', { title: next.title, revision: next.revision }) } satisfies EvaluationNotice,
      });
    },
    onError: (error) => setReviseFailure(saveProblem(error)),
  });

  return (
    <>
      <Paragraph>
        <RouterLink to={back}>
          {form.isTemplate ? t('evaluations.templates.back') : t('evaluations.cohort.back')}
        </RouterLink>
      </Paragraph>
      <Heading1>{form.title}</Heading1>
      <Paragraph lead>
        {form.isTemplate
          ? t('evaluations.builder.templateLead', { revision: form.revision })
          : t('evaluations.builder.copyLead', { target: form.targetTitle ?? '' })}
      </Paragraph>
      {state?.notice && !saved && <Notice text={state.notice} />}
      {saved && <Notice key={saved.n} text={saved.text} />}
      {reviseFailure && (
        <Alert type="error" role="alert" className="lg-alert">
          <Paragraph>
            <strong>{reviseFailure.title}</strong>
          </Paragraph>
          {reviseFailure.detail && <Paragraph>{reviseFailure.detail}</Paragraph>}
        </Alert>
      )}
      <FormBuilder
        // A fresh builder when another form is opened (a new version); it follows its own saves.
        key={form.id}
        programmeId={form.programmeId}
        form={form}
        onSaved={(next) => setSaved((last) => ({ text: t('evaluations.builder.saved', { title: next.title }), n: (last?.n ?? 0) + 1 }))}
        onCancel={() => navigate(back)}
        revise={form.isTemplate ? { busy: revise.isPending, run: () => revise.mutate() } : undefined}
      />
    </>
  );
}
