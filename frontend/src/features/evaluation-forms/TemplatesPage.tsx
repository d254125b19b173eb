import '../../i18n/evaluations';
import {
  Alert,
  Button,
  Heading1,
  Heading2,
  Paragraph,
  StatusBadge,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDay } from '../../i18n/dates';
import { programmeQuery } from '../admin/queries';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { LinkButton } from '../goals/LinkButton';
import type { EvaluationNotice } from './BuilderPages';
import { formPath, newFormPath, reportPath } from './paths';
import { Notice } from './Notice';
import { saveProblem, type SaveProblem } from './problems';
import { deleteForm, evaluationKeys, reviseTemplate, templatesQuery } from './queries';
import type { EvaluationTemplateSummary } from './types';
import './evaluations.css';

/**
 * /beheer/leergangen/:programmeId/evaluaties: the programme's evaluation form templates (admins). Each is copied
 * to cohorts; a template with answers is locked, and its next version keeps the question keys so cohorts and
 * years stay comparable.
 */
export function TemplatesPage() {
  const { t } = useTranslation();
  usePageTitle(t('evaluations.templates.title'));
  const { programmeId = '' } = useParams();
  const programme = useQuery(programmeQuery(programmeId));
  const templates = useQuery(templatesQuery(programmeId));
  const error = templates.error ?? programme.error;
  if (isApiError(error, 403)) return <ForbiddenPage />;
  if (isApiError(error, 404)) return <NotFoundPage />;
  return (
    <>
      <Paragraph>
        <RouterLink to={`/beheer/leergangen/${programmeId}`}>
          {programme.data ? t('evaluations.templates.backTo', { name: programme.data.name }) : t('evaluations.templates.backToProgramme')}
        </RouterLink>
      </Paragraph>
      <Heading1>{t('evaluations.templates.title')}</Heading1>
      {programme.data && <Paragraph lead>{programme.data.name}</Paragraph>}
      <Paragraph>{t('evaluations.templates.intro')}</Paragraph>
      <Paragraph className="lg-eval-actions">
        <LinkButton to={newFormPath(programmeId)}>{t('evaluations.templates.new')}</LinkButton>
      </Paragraph>
      {error && <QueryErrorAlert error={error} />}
      {templates.data ? <TemplateTable programmeId={programmeId} templates={templates.data} /> : !error && <Loading />}
      {programme.data && (
        <Paragraph>
          <RouterLink to={reportPath(programmeId)}>{t('evaluations.templates.report')}</RouterLink>
        </Paragraph>
      )}
    </>
  );
}

function TemplateTable({ programmeId, templates }: { programmeId: string; templates: EvaluationTemplateSummary[] }) {
  const { t } = useTranslation();
  const captionId = useId();
  const headingId = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { state } = useLocation() as { state: EvaluationNotice | null };
  const [outcome, setOutcome] = useState<{ text: string } | null>(null);
  const [failure, setFailure] = useState<SaveProblem | null>(null);

  const revise = useMutation({
    mutationFn: (template: EvaluationTemplateSummary) => reviseTemplate(template.id),
    onSuccess: async (next) => {
      await queryClient.invalidateQueries({ queryKey: evaluationKeys.templates(programmeId) });
      navigate(formPath(next.id), {
        state: { notice: t('evaluations.templates.revised', { title: next.title, revision: next.revision }) } satisfies EvaluationNotice,
      });
    },
    onError: (error) => setFailure(saveProblem(error)),
  });

  const remove = useMutation({
    mutationFn: (template: EvaluationTemplateSummary) => deleteForm(template),
    onSuccess: async (_, template) => {
      setFailure(null);
      setOutcome({ text: t('evaluations.templates.deleted', { title: template.title, revision: template.revision }) });
      await queryClient.invalidateQueries({ queryKey: evaluationKeys.templates(programmeId) });
    },
    onError: (error) => {
      setFailure(saveProblem(error));
      void queryClient.invalidateQueries({ queryKey: evaluationKeys.templates(programmeId) });
    },
  });

  // Sorted by title, the newest revision first: only that one can get a next version.
  const newest = new Set<string>();
  const seen = new Set<string>();
  for (const template of templates) {
    if (!seen.has(template.title)) newest.add(template.id);
    seen.add(template.title);
  }

  return (
    <section aria-labelledby={headingId} className="lg-section">
      <Heading2 id={headingId} className="lg-eval-visually-hidden">
        {t('evaluations.templates.listHeading')}
      </Heading2>
      {state?.notice && !outcome && <Notice text={state.notice} />}
      {outcome && <Notice text={outcome.text} />}
      {failure && (
        <Alert type="error" role="alert" className="lg-alert">
          <Paragraph>
            <strong>{failure.title}</strong>
          </Paragraph>
          {failure.detail && <Paragraph>{failure.detail}</Paragraph>}
        </Alert>
      )}
      {templates.length === 0 ? (
        <Paragraph>{t('evaluations.templates.none')}</Paragraph>
      ) : (
        <div className="lg-eval-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
          <Table className="lg-eval-table">
            <TableCaption id={captionId}>{t('evaluations.templates.caption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('evaluations.templates.columns.title')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="lg-eval-number">
                  {t('evaluations.templates.columns.revision')}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="lg-eval-number">
                  {t('evaluations.templates.columns.questions')}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="lg-eval-number">
                  {t('evaluations.templates.columns.copies')}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="lg-eval-number">
                  {t('evaluations.templates.columns.responses')}
                </TableHeaderCell>
                <TableHeaderCell scope="col">{t('evaluations.templates.columns.status')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('evaluations.templates.columns.actions')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {templates.map((template) => {
                const name = t('evaluations.templates.nameWithRevision', { title: template.title, revision: template.revision });
                return (
                  <TableRow key={template.id}>
                    <TableHeaderCell scope="row">
                      <RouterLink to={formPath(template.id)}>{template.title}</RouterLink>
                      {template.description && <span className="lg-eval-muted lg-eval-block">{template.description}</span>}
                      <span className="lg-eval-muted lg-eval-block">
                        {t('evaluations.templates.updated')}{' '}
                        <time dateTime={template.updatedAt}>{formatDay(template.updatedAt)}</time>
                      </span>
                    </TableHeaderCell>
                    <TableCell className="lg-eval-number">{template.revision}</TableCell>
                    <TableCell className="lg-eval-number">{template.questionCount}</TableCell>
                    <TableCell className="lg-eval-number">{template.copies}</TableCell>
                    <TableCell className="lg-eval-number">{template.responses}</TableCell>
                    <TableCell>
                      <LockBadge locked={template.locked} />
                    </TableCell>
                    <TableCell>
                      <div className="lg-eval-cell-actions">
                        {newest.has(template.id) && (
                          <Button
                            type="button"
                            appearance="secondary-action-button"
                            busy={revise.isPending && revise.variables?.id === template.id}
                            aria-label={t('evaluations.templates.reviseLabel', { name })}
                            onClick={() => !revise.isPending && revise.mutate(template)}
                          >
                            {t('evaluations.templates.revise')}
                          </Button>
                        )}
                        {template.copies === 0 && template.responses === 0 && (
                          <ConfirmButton
                            label={t('evaluations.templates.delete')}
                            ariaLabel={t('evaluations.templates.deleteLabel', { name })}
                            question={t('evaluations.templates.deleteQuestion', { name })}
                            confirmLabel={t('evaluations.templates.deleteConfirm')}
                            cancelLabel={t('evaluations.form.keep')}
                            busy={remove.isPending}
                            onConfirm={() => remove.mutate(template)}
                          />
                        )}
                      </div>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}

/** Locked (has answers) or still free to change, in words; the colour is an extra cue. */
export function LockBadge({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  return (
    <StatusBadge status="neutral" className={`lg-eval-badge ${locked ? 'lg-eval-badge--locked' : ''}`}>
      {locked ? t('evaluations.templates.locked') : t('evaluations.templates.editable')}
    </StatusBadge>
  );
}
