import { configure, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { makeCohort } from '../../test/cohorts';
import { fakeApi, json, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { makePlannedSession } from '../planner/testData';
import {
  admin,
  cohort2026Id,
  formId,
  makeCohortForm,
  makeForm,
  makeProgress,
  makeTemplateSummary,
  programme,
  programmeId,
  templateId,
} from './testData';

configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 40_000 });

/** WCAG 2.1 A and AA as far as axe can check without a layout engine (contrast is for the browser tests). */
async function violations(): Promise<string[]> {
  const axe = (await import('axe-core')).default;
  const result = await axe.run(document.body, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

describe('the evaluation pages for staff', () => {
  beforeEach(() => {
    resetSession();
    fakeApi({
      'POST /api/v1/auth/refresh': () => json(tokenFor(admin)),
      [`GET /api/v1/programmes/${programmeId}`]: () => json(programme),
      [`GET /api/v1/programmes/${programmeId}/evaluation-templates`]: () =>
        json({ templates: [makeTemplateSummary(), makeTemplateSummary({ id: 'other', title: 'Slotevaluatie', locked: true })] }),
      [`GET /api/v1/evaluation-forms/${templateId}`]: () => json(makeForm({ locked: true, responses: 3 })),
      [`GET /api/v1/cohorts/${cohort2026Id}`]: () => json(makeCohort()),
      [`GET /api/v1/cohorts/${cohort2026Id}/evaluation-forms`]: () => json({ forms: [makeCohortForm()] }),
      [`GET /api/v1/cohorts/${cohort2026Id}/sessions`]: () => json({ sessions: [makePlannedSession()], cohortFacilitators: [] }),
      [`GET /api/v1/evaluation-forms/${formId}/progress`]: () => json(makeProgress()),
    });
  });

  it('has no violations on the templates page', async () => {
    renderApp(`/beheer/leergangen/${programmeId}/evaluaties`);
    await screen.findByRole('table');
    expect(await violations()).toEqual([]);
  });

  it('has no violations in the builder with a question of every kind', async () => {
    renderApp(`/beheer/evaluatieformulieren/${templateId}`);
    await screen.findByRole('group', { name: 'Vraag 4: Wat neemt u mee naar uw eigen gemeente?' });
    expect(await violations()).toEqual([]);
  });

  it('has no violations on a cohort’s evaluations with the attach form', async () => {
    renderApp(`/groepen/${cohort2026Id}/evaluaties`);
    await screen.findByRole('heading', { level: 2, name: 'Formulier koppelen' });
    expect(await violations()).toEqual([]);
  });

  it('has no violations on the progress page', async () => {
    renderApp(`/groepen/${cohort2026Id}/evaluaties/${formId}`);
    await screen.findByRole('button', { name: 'Herinnering sturen' });
    expect(await violations()).toEqual([]);
  });
});
