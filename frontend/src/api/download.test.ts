import { describe, expect, it } from 'vitest';
import { fileNameFrom } from './download';

describe('the file name of a download', () => {
  it('is the server’s, plain or RFC 5987-encoded, without a path', () => {
    expect(fileNameFrom('attachment; filename=evaluatierapport-digitaal-leiderschap-2026-11-23.pdf', 'x')).toBe(
      'evaluatierapport-digitaal-leiderschap-2026-11-23.pdf',
    );
    expect(fileNameFrom('attachment; filename="rapport 2026.csv"', 'x')).toBe('rapport 2026.csv');
    expect(fileNameFrom("attachment; filename*=utf-8''evaluatierapport-co%C3%B6peratie-2026-11-23.xlsx", 'x')).toBe(
      'evaluatierapport-coöperatie-2026-11-23.xlsx',
    );
    expect(fileNameFrom("attachment; filename*=UTF-8''mijn%20gegevens.html", 'x')).toBe('mijn gegevens.html');
  });

  it('never climbs out of the download folder', () => {
    expect(fileNameFrom('attachment; filename="../../etc/passwd"', 'x')).toBe('etcpasswd');
    expect(fileNameFrom('attachment; filename="../x.json"', 'x')).toBe('x.json');
    expect(fileNameFrom('attachment; filename=".."', 'fallback.json')).toBe('fallback.json');
  });

  it('is the fallback when the server gives none or a malformed one', () => {
    expect(fileNameFrom(null, 'fallback.pdf')).toBe('fallback.pdf');
    expect(fileNameFrom('attachment', 'fallback.pdf')).toBe('fallback.pdf');
    expect(fileNameFrom("attachment; filename*=UTF-8''%E0%A4%A", 'fallback.pdf')).toBe('fallback.pdf');
  });
});
