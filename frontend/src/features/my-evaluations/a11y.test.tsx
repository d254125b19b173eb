import { configure, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { fakeApi, json, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { formId, makeMyEvaluation, makeSummary, nico } from './testData';

configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 40_000 });

async function violations(): Promise<string[]> {
  const axe = (await import('axe-core')).default;
  const result = await axe.run(document.body, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

describe('the participant’s evaluation pages', () => {
  beforeEach(() => {
    resetSession();
    fakeApi({
      'POST /api/v1/auth/refresh': () => json(tokenFor(nico)),
      'GET /api/v1/me/evaluations': () =>
        json({
          evaluations: [
            makeSummary({ hasDraft: true }),
            makeSummary({ formId: 'b', state: 'upcoming' }),
            makeSummary({ formId: 'c', state: 'closed', submittedAt: '2026-11-02T10:00:00Z' }),
          ],
        }),
      [`GET /api/v1/me/evaluations/${formId}`]: () => json(makeMyEvaluation()),
    });
  });

  it('has no violations on the list', async () => {
    renderApp('/evaluaties');
    await screen.findByRole('heading', { level: 2, name: 'Nu in te vullen' });
    expect(await violations()).toEqual([]);
  });

  it('has no violations on the form to fill in', async () => {
    renderApp(`/evaluaties/${formId}`);
    await screen.findByRole('button', { name: 'Antwoorden versturen' });
    expect(await violations()).toEqual([]);
  });
});
