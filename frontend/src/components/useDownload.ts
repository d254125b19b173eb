import { useEffect, useRef, useState } from 'react';
import { saveFile, type DownloadedFile } from '../api/download';
import { formProblem } from './formProblem';

export type DownloadState<K> =
  | { phase: 'idle' }
  | { phase: 'busy'; kind: K }
  | { phase: 'done'; fileName: string }
  | { phase: 'failed'; title: string; detail?: string | undefined };

/**
 * One download at a time from a page's download buttons: busy and done for a live region, a failure for an
 * alert that takes focus (alertRef).
 */
export function useDownload<K>() {
  const [state, setState] = useState<DownloadState<K>>({ phase: 'idle' });
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (state.phase === 'failed') alertRef.current?.focus();
  }, [state]);

  async function download(kind: K, fetchFile: () => Promise<DownloadedFile>) {
    if (state.phase === 'busy') return;
    setState({ phase: 'busy', kind });
    try {
      const file = await fetchFile();
      saveFile(file);
      setState({ phase: 'done', fileName: file.fileName });
    } catch (error) {
      const problem = formProblem(error);
      setState({ phase: 'failed', title: problem.title, detail: problem.detail });
    }
  }

  return { state, alertRef, download };
}
