import { createFakeJumpCloudApi } from '../../__testUtils__';
import { FindingsTab } from '../FindingsTab/FindingsTab';
import { OverviewTab } from '../OverviewTab/OverviewTab';
import {
  loadJumpCloudPage,
  prefetchJumpCloudPage,
  subPathOf,
} from './loadJumpCloudPage';

describe('loadJumpCloudPage', () => {
  it('loads the tabs with the tab the path shows', async () => {
    const findings = await loadJumpCloudPage('findings');
    expect(findings.props.loaded).toEqual({ findings: FindingsTab });
    const overview = await loadJumpCloudPage('');
    expect(overview.props.loaded).toEqual({ overview: OverviewTab });
  });

  it('prefetches the first page of findings on the Findings tab only', () => {
    const api = createFakeJumpCloudApi();
    prefetchJumpCloudPage(api, 'overview', '?severity=high');
    expect(api.prefetchFindings).not.toHaveBeenCalled();
    prefetchJumpCloudPage(api, 'findings', '?severity=high&q=ignored');
    expect(api.prefetchFindings).toHaveBeenCalledWith({
      severity: 'high',
      limit: 25,
      offset: 0,
    });
  });

  it('finds the path below the page, whatever the base path', () => {
    expect(subPathOf('/jumpcloud/findings', '/jumpcloud')).toBe('findings');
    expect(subPathOf('/backstage/jumpcloud/assets/', '/jumpcloud')).toBe(
      'assets',
    );
    expect(subPathOf('/tools/jc', '/tools/jc')).toBe('');
    expect(subPathOf('/catalog', '/jumpcloud')).toBeUndefined();
  });
});
