import { ApiError } from './ApiError';
import { asProblem } from './problem';

/*
 * Files from the API (exports, reports). They are fetched through the API client, so that the bearer token goes
 * along (a plain link could not send it) and an expired token is refreshed as for any other call, and then handed
 * to the browser under the server's file name.
 */

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

/**
 * The file name the server gave in Content-Disposition (RFC 6266: filename* preferred over filename), without
 * any path or leading dots; else `fallback`.
 */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  const candidates: string[] = [];
  if (disposition) {
    const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
    if (extended?.[1]) {
      try {
        candidates.push(decodeURIComponent(extended[1].trim().replace(/^"|"$/g, '')));
      } catch {
        // a malformed escape: fall back to the plain name
      }
    }
    const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(disposition);
    const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
    if (name) candidates.push(name);
  }
  for (const candidate of candidates) {
    const name = candidate.replace(/[/\\]/g, '').replace(/^\.+/, '').trim();
    if (name) return name;
  }
  return fallback;
}

/**
 * The file of an API call made with `parseAs: 'blob'`, or the ApiError it answered with. An error body arrives
 * as a Blob too; it is read as the problem document it should be.
 */
export async function downloadedFile(
  result: { data?: unknown; error?: unknown; response: Response },
  fallbackName: string,
): Promise<DownloadedFile> {
  const { data, error, response } = result;
  // Not `instanceof Blob`: under test the fetch's Blob comes from another realm than the page's.
  if (!response.ok || !data) {
    let body: unknown = error;
    if (error instanceof Blob) {
      try {
        body = JSON.parse(await error.text());
      } catch {
        body = null;
      }
    }
    throw new ApiError(response.status, asProblem(body));
  }
  return { blob: data as Blob, fileName: fileNameFrom(response.headers.get('Content-Disposition'), fallbackName) };
}

/** Hands a fetched file to the browser as a download, through a temporary object URL and an <a download>. */
export function saveFile({ blob, fileName }: DownloadedFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
