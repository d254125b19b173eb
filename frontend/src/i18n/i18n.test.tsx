import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetSession } from '../auth/session';
import { fakeApi, problem } from '../test/fakeApi';
import { renderApp } from '../test/renderApp';
import coachingEn from './coaching.en.json';
import coachingNl from './coaching.nl.json';
import en from './en.json';
import evaluationsEn from './evaluations.en.json';
import evaluationsNl from './evaluations.nl.json';
import learningEn from './learning.en.json';
import learningNl from './learning.nl.json';
import { setLanguage } from './index';
import nl from './nl.json';
import reportEn from './report.en.json';
import reportNl from './report.nl.json';
import staffEn from './staff.en.json';
import staffNl from './staff.nl.json';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('language switch', () => {
  beforeEach(() => {
    resetSession();
    fakeApi({ 'POST /api/v1/auth/refresh': () => problem(401, { title: 'Niet ingelogd' }) });
  });

  afterEach(async () => {
    await setLanguage('nl');
    window.localStorage.clear();
  });

  it('starts in Dutch', async () => {
    renderApp('/inloggen');

    expect(await screen.findByRole('heading', { level: 1, name: 'Inloggen' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('nl');
    expect(screen.getByRole('button', { name: 'Nederlands' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('switches the whole interface to English and back, and remembers the choice', async () => {
    renderApp('/inloggen');
    await screen.findByRole('heading', { level: 1, name: 'Inloggen' });

    await userEvent.click(screen.getByRole('button', { name: 'English' }));

    // The English strings are a download of their own, so the switch may take a moment.
    expect(await screen.findByRole('heading', { level: 1, name: 'Log in' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email address')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Skip to content' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Log in | Leergang');
    expect(window.localStorage.getItem('leergang.language')).toBe('en');

    await userEvent.click(screen.getByRole('button', { name: 'Nederlands' }));

    expect(screen.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('nl');
  });

  it('translates validation messages already on screen when the language changes', async () => {
    renderApp('/inloggen');
    await screen.findByRole('heading', { level: 1, name: 'Inloggen' });
    await userEvent.click(screen.getByRole('button', { name: 'Inloggen' }));
    expect(screen.getByLabelText('E-mailadres')).toHaveAccessibleDescription('Vul uw e-mailadres in.');

    await userEvent.click(screen.getByRole('button', { name: 'English' }));

    expect(await screen.findByLabelText('Email address')).toHaveAccessibleDescription('Enter your email address.');
  });

  it('has every Dutch string in English too', () => {
    expect(keys(en).sort()).toEqual(keys(nl).sort());
    expect(keys(learningEn).sort()).toEqual(keys(learningNl).sort());
    expect(keys(coachingEn).sort()).toEqual(keys(coachingNl).sort());
    expect(keys(evaluationsEn).sort()).toEqual(keys(evaluationsNl).sort());
    expect(keys(reportEn).sort()).toEqual(keys(reportNl).sort());
    expect(keys(staffEn).sort()).toEqual(keys(staffNl).sort());
  });

  it('lets no lazily loaded feature string overwrite another', () => {
    const all = [keys(nl), keys(learningNl), keys(coachingNl), keys(evaluationsNl), keys(reportNl), keys(staffNl)].flat();
    expect(all.filter((key, index) => all.indexOf(key) !== index)).toEqual([]);
  });
});
