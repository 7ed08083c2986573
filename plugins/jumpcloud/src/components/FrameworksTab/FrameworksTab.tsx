import {
  FRAMEWORKS,
  type CheckSummaryConnection,
  type Framework,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { jumpcloudApiRef } from '../../api';
import { CheckStatusLabel } from '../shared/StatusChips';
import { downloadBlob } from '../shared/download';
import { messageOf } from '../shared/errors';
import { FRAMEWORK_LABELS } from '../shared/labels';
import { ControlDetail } from './ControlDetail';
import { controlViews, isFramework, type ControlView } from './frameworkView';

function ControlList(props: {
  views: ControlView[];
  selected: string | undefined;
  onSelect: (control: string) => void;
}) {
  return (
    <List
      dense
      aria-label="Controls"
      style={{ maxHeight: 640, overflow: 'auto' }}
    >
      {props.views.map(view => (
        <ListItem
          key={view.control}
          button
          selected={view.control === props.selected}
          onClick={() => props.onSelect(view.control)}
        >
          <ListItemText
            primary={view.control}
            secondary={`${view.checks.length} check${
              view.checks.length === 1 ? '' : 's'
            }`}
          />
          <CheckStatusLabel status={view.status} />
        </ListItem>
      ))}
    </List>
  );
}

function ExportButton(props: { framework: Framework }) {
  const api = useApi(jumpcloudApiRef);
  const [state, setState] = useState<{ busy: boolean; error?: string }>({
    busy: false,
  });
  const exportCsv = async () => {
    setState({ busy: true });
    try {
      const blob = await api.exportFrameworksCsv({
        framework: props.framework,
      });
      downloadBlob(blob, `jumpcloud-${props.framework}-controls.csv`);
      setState({ busy: false });
    } catch (error) {
      setState({ busy: false, error: messageOf(error) });
    }
  };
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      {state.error ? (
        <Typography color="error" variant="body2" role="alert">
          Export failed: {state.error}
        </Typography>
      ) : null}
      <Button
        variant="outlined"
        color="primary"
        disabled={state.busy}
        onClick={exportCsv}
      >
        Export CSV
      </Button>
    </Box>
  );
}

function ControlPanel(props: {
  framework: Framework;
  control: string | undefined;
  view: ControlView | undefined;
  connections: CheckSummaryConnection[];
}) {
  if (props.view)
    return (
      <ControlDetail
        framework={props.framework}
        view={props.view}
        connections={props.connections}
      />
    );
  if (props.control)
    return (
      <WarningPanel
        title={`No check maps to ${props.control} in ${
          FRAMEWORK_LABELS[props.framework]
        }`}
      />
    );
  return (
    <InfoCard title="Choose a control">
      <Typography variant="body2">
        Each control lists the checks mapped to it, their status in every
        connection and a link to its open findings.
      </Typography>
    </InfoCard>
  );
}

/**
 * SOC 2, ISO/IEC 27001:2022, CIS Controls v8 and NIST: each control with
 * the checks mapped to it and their status. The framework and control are
 * in the URL (`?framework=soc2&control=CC6.1`), so a control can be linked
 * to; the framework's request list exports as CSV.
 */
export function FrameworksTab() {
  const api = useApi(jumpcloudApiRef);
  const [params, setParams] = useSearchParams();
  const requested = params.get('framework');
  const framework: Framework = isFramework(requested) ? requested : 'soc2';
  const control = params.get('control') ?? undefined;
  const { value, loading, error } = useAsync(
    () => api.getChecksSummary(),
    [api],
  );
  const views = useMemo(
    () => (value ? controlViews(value.checks, framework) : []),
    [value, framework],
  );
  const select = (next: { framework: Framework; control?: string }) =>
    setParams(
      new URLSearchParams(
        next.control
          ? { framework: next.framework, control: next.control }
          : { framework: next.framework },
      ),
    );

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const view = views.find(
    v => v.control.toLowerCase() === control?.toLowerCase(),
  );
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <Box display="flex" justifyContent="space-between" flexWrap="wrap">
          <Tabs
            value={framework}
            onChange={(_e, next: Framework) => select({ framework: next })}
            aria-label="Framework"
            indicatorColor="primary"
          >
            {FRAMEWORKS.map(f => (
              <Tab key={f} value={f} label={FRAMEWORK_LABELS[f]} />
            ))}
          </Tabs>
          <ExportButton framework={framework} />
        </Box>
      </Grid>
      <Grid item xs={12} md={3}>
        <ControlList
          views={views}
          selected={view?.control}
          onSelect={next => select({ framework, control: next })}
        />
      </Grid>
      <Grid item xs={12} md={9}>
        <ControlPanel
          framework={framework}
          control={control}
          view={view}
          connections={value!.connections}
        />
      </Grid>
    </Grid>
  );
}
