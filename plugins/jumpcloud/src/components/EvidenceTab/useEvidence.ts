import type {
  EvidenceRun,
  EvidenceVerification,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { useApi } from '@backstage/core-plugin-api';
import { useCallback, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { jumpcloudApiRef } from '../../api';
import { downloadBlob } from '../shared/download';
import { messageOf } from '../shared/errors';
import { endOfPickedDay } from './evidenceWords';
import type { EvidenceFormat } from './SealedRunsTable';

export const EVIDENCE_PAGE_SIZES = [10, 25, 50];

/**
 * The Evidence tab's state: a page of sealed runs (or those in force on a
 * picked day), the last verification and the downloads in progress.
 */
export function useEvidence() {
  const api = useApi(jumpcloudApiRef);
  const [asOfDate, setAsOfDate] = useState<string>('');
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(EVIDENCE_PAGE_SIZES[0]);
  const [verification, setVerification] = useState<EvidenceVerification>();
  const [verifying, setVerifying] = useState(false);
  const [verifyError, setVerifyError] = useState<string>();
  const [downloading, setDownloading] = useState<string>();
  const [downloadError, setDownloadError] = useState<string>();

  const asOf = asOfDate ? endOfPickedDay(asOfDate) : undefined;
  const runs = useAsync(
    () =>
      api.listEvidence({
        limit: pageSize,
        offset: page * pageSize,
        ...(asOf ? { asOf } : {}),
      }),
    [api, asOf, page, pageSize],
  );

  const verify = useCallback(async () => {
    setVerifying(true);
    setVerifyError(undefined);
    try {
      setVerification(await api.verifyEvidence());
    } catch (error) {
      setVerification(undefined);
      setVerifyError(messageOf(error));
    } finally {
      setVerifying(false);
    }
  }, [api]);

  const download = useCallback(
    async (run: EvidenceRun, format: EvidenceFormat) => {
      const key = `${run.runId}:${format}`;
      setDownloading(key);
      setDownloadError(undefined);
      try {
        const blob = await api.exportEvidence(run.runId, format);
        downloadBlob(
          blob,
          `jumpcloud-evidence-${run.runId}.${
            format === 'json' ? 'json' : 'zip'
          }`,
        );
      } catch (error) {
        setDownloadError(messageOf(error));
      } finally {
        setDownloading(current => (current === key ? undefined : current));
      }
    },
    [api],
  );

  return {
    runs,
    asOfDate,
    showAsOf: (date: string) => {
      setAsOfDate(date);
      setPage(0);
    },
    page,
    setPage,
    pageSize,
    setPageSize: (size: number) => {
      setPageSize(size);
      setPage(0);
    },
    verification,
    verifying,
    verifyError,
    verify,
    downloading,
    downloadError,
    download,
  };
}
