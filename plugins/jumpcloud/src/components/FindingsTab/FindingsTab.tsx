import type { Finding } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { ResponseErrorPanel } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { jumpcloudApiRef } from '../../api';
import { useCanManage } from '../../hooks/useCanManage';
import { downloadBlob } from '../shared/download';
import { messageOf } from '../shared/errors';
import { FindingDetailPanel } from './FindingDetailPanel';
import { FindingsFilters } from './FindingsFilters';
import { FindingsTable } from './FindingsTable';
import { useFindingFilters } from './useFindingFilters';

/** Server-side paginated, filtered, searchable list of findings. */
export function FindingsTab() {
  const api = useApi(jumpcloudApiRef);
  const alertApi = useApi(alertApiRef);
  const { allowed: canManage } = useCanManage();
  const [filters, setFilter] = useFindingFilters();
  const [selected, setSelected] = useState<Finding>();
  const [reloads, setReloads] = useState(0);
  const [exporting, setExporting] = useState(false);

  const lookups = useAsync(async () => {
    const [checks, connections] = await Promise.all([
      api.listChecks(),
      api.listConnections(),
    ]);
    return { checks, connections };
  }, [api]);

  const checksById = useMemo(
    () => new Map((lookups.value?.checks ?? []).map(c => [c.id, c])),
    [lookups.value],
  );

  const exportCsv = async () => {
    setExporting(true);
    try {
      const blob = await api.exportFindingsCsv(filters);
      downloadBlob(blob, 'jumpcloud-findings.csv');
    } catch (e) {
      alertApi.post({
        message: `Export failed: ${messageOf(e)}`,
        severity: 'error',
      });
    } finally {
      setExporting(false);
    }
  };

  // The filters' options load beside the first page of findings, so the
  // rows never wait for them.

  return (
    <>
      {lookups.error ? (
        <Box mb={2}>
          <ResponseErrorPanel error={lookups.error} />
        </Box>
      ) : null}
      {/* On paper: the outlined labels' grey has too little contrast on the
          page background. */}
      <Box
        component={Paper}
        mb={2}
        p={2}
        display="flex"
        alignItems="center"
        gridGap={16}
      >
        <Box flexGrow={1}>
          <FindingsFilters
            filters={filters}
            onChange={setFilter}
            checks={lookups.value?.checks ?? []}
            connections={lookups.value?.connections ?? []}
          />
        </Box>
        <Button
          variant="outlined"
          startIcon={<GetAppIcon />}
          onClick={exportCsv}
          disabled={exporting}
        >
          Export CSV
        </Button>
      </Box>
      <FindingsTable
        filters={filters}
        reloadKey={reloads}
        onOpen={setSelected}
      />
      <FindingDetailPanel
        finding={selected}
        check={selected ? checksById.get(selected.checkId) : undefined}
        canManage={canManage}
        onClose={() => setSelected(undefined)}
        onChanged={() => {
          setSelected(undefined);
          setReloads(n => n + 1);
          alertApi.post({
            message: 'Risk accepted',
            severity: 'success',
            display: 'transient',
          });
        }}
      />
    </>
  );
}
