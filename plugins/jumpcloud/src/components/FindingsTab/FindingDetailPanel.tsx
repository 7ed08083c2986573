import type {
  CheckDefinitionInfo,
  Finding,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Divider from '@material-ui/core/Divider';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import { ReactNode, useState } from 'react';
import { formatDateTime } from '../shared/dates';
import { EntityName } from '../shared/EntityName';
import { EvidenceTable } from '../shared/EvidenceTable';
import { FrameworkRefs } from '../shared/FrameworkRefs';
import { FindingStatusLabel, SeverityChip } from '../shared/StatusChips';
import { AcceptRiskDialog } from './AcceptRiskDialog';

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box component="section" mt={2}>
      <Typography variant="h6" component="h3" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/** Everything about one finding, and "accept risk" for managers. */
export function FindingDetailPanel(props: {
  finding: Finding | undefined;
  check: CheckDefinitionInfo | undefined;
  canManage: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { finding, check } = props;
  const [accepting, setAccepting] = useState(false);

  return (
    <Drawer
      anchor="right"
      open={Boolean(finding)}
      onClose={props.onClose}
      PaperProps={
        {
          style: { width: 'min(560px, 100vw)' },
          role: 'dialog',
          'aria-labelledby': 'jumpcloud-finding-title',
        } as object
      }
    >
      {finding ? (
        <Box p={3}>
          <Box display="flex" alignItems="flex-start">
            <Box flexGrow={1}>
              <Typography
                variant="h5"
                component="h2"
                id="jumpcloud-finding-title"
              >
                {finding.checkTitle}
              </Typography>
              <Box mt={1} display="flex" alignItems="center" gridGap={12}>
                <SeverityChip severity={finding.severity} />
                <FindingStatusLabel status={finding.status} />
              </Box>
            </Box>
            <IconButton aria-label="Close details" onClick={props.onClose}>
              <CloseIcon />
            </IconButton>
          </Box>
          <Typography variant="body1" style={{ marginTop: 16 }}>
            {finding.message}
          </Typography>

          <Section title="Entity">
            <Typography variant="body2">
              {finding.entityRef ? (
                <EntityRefLink entityRef={finding.entityRef}>
                  <EntityName name={finding.entityName} />
                </EntityRefLink>
              ) : (
                <EntityName name={finding.entityName} />
              )}{' '}
              ({finding.entityKind}, {finding.connectionName})
            </Typography>
            <Typography variant="body2" color="textSecondary">
              First seen {formatDateTime(finding.firstSeenAt)} · last seen{' '}
              {formatDateTime(finding.lastSeenAt)}
              {finding.resolvedAt
                ? ` · resolved ${formatDateTime(finding.resolvedAt)}`
                : ''}
            </Typography>
          </Section>

          <Section title="Evidence">
            <EvidenceTable evidence={finding.evidence} />
          </Section>

          <Section title="Remediation">
            <Typography variant="body2" style={{ whiteSpace: 'pre-line' }}>
              {check?.remediation ?? 'No remediation recorded for this check.'}
            </Typography>
          </Section>

          <Section title="Framework references">
            <FrameworkRefs frameworks={finding.frameworks} />
          </Section>

          {props.canManage && finding.status === 'open' ? (
            <>
              <Divider style={{ margin: '24px 0 16px' }} />
              <Button
                variant="outlined"
                color="primary"
                onClick={() => setAccepting(true)}
              >
                Accept risk
              </Button>
              <AcceptRiskDialog
                finding={finding}
                open={accepting}
                onClose={() => setAccepting(false)}
                onAccepted={() => {
                  setAccepting(false);
                  props.onChanged();
                }}
              />
            </>
          ) : null}
        </Box>
      ) : null}
    </Drawer>
  );
}
