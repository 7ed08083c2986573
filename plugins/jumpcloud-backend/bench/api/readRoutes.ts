// The read routes bench:api loads: every read the plugin's pages make (the
// lists with every sort their tables offer, their searches and filters, the
// entity tab's reads, the Checks, Frameworks, Evidence and History tabs),
// with search terms and ids taken from the synced data itself.

type Api = (method: string, route: string) => Promise<any>;

/** Sort keys of the Assets tab's columns (AssetsTab.tsx). */
const DEVICE_TABLE_SORTS = [
  'displayName',
  'hostname',
  'os',
  'agentVersion',
  'lastContact',
  'connectionName',
  'failingChecks',
];
const USER_TABLE_SORTS = [
  'displayName',
  'username',
  'email',
  'state',
  'mfaEnrolled',
  'isAdmin',
  'deviceCount',
  'connectionName',
  'failingChecks',
];
/** Sort keys of the Findings table's columns (findingsColumns.tsx). */
const FINDING_TABLE_SORTS = [
  'severity',
  'entityName',
  'connectionName',
  'status',
  'firstSeenAt',
  'lastSeenAt',
];

/**
 * Each sort in turn, alternating ascending and descending (the tables go
 * asc → desc), so both directions of the indexes are read.
 */
function sorted(path: string, sorts: string[], first: 'asc' | 'desc') {
  return sorts.map((sort, i) => {
    const order = (i % 2 === 0) === (first === 'asc') ? 'asc' : 'desc';
    return `${path}?sort=${sort}&order=${order}&limit=25`;
  });
}

export async function readRoutes(
  api: Api,
  connectionId: string,
): Promise<string[]> {
  const c = `connectionId=${connectionId}`;
  const middle = async (kind: string) => {
    const { totalCount } = await api('GET', `/assets/${kind}?limit=1`);
    const offset = Math.floor(totalCount / 2);
    return (await api('GET', `/assets/${kind}?limit=1&offset=${offset}`))
      .items[0];
  };
  const device = await middle('devices');
  const user = await middle('users');
  const deviceTerm = encodeURIComponent(
    String(device?.hostname ?? 'a').slice(0, 6),
  );
  const userTerm = encodeURIComponent(
    String(user?.username ?? 'a').slice(0, 5),
  );
  const [finding] = (await api('GET', '/findings?limit=1&offset=1000')).items;
  const today = new Date().toISOString().slice(0, 10);
  const entity = (id: string) => `${c}&entityId=${encodeURIComponent(id)}`;
  return [
    // Overview, History, Checks, Frameworks, Evidence
    '/connections',
    '/runs?limit=20',
    '/history?limit=20',
    `/posture?${c}`,
    `/posture/trend?${c}`,
    '/checks',
    '/checks/summary',
    '/frameworks/export.csv',
    '/exceptions',
    '/evidence?limit=50',
    `/evidence?asOf=${today}&limit=50`,
    // Assets: devices
    '/assets/devices?limit=25',
    `/assets/devices?q=${deviceTerm}&limit=25`,
    `/assets/devices?q=${deviceTerm}&sort=failingChecks&order=desc&limit=25`,
    '/assets/devices?osFamily=windows&sort=lastContact&order=desc&limit=50',
    '/assets/devices?sort=failingChecks&order=desc&offset=10000&limit=50',
    ...sorted('/assets/devices', DEVICE_TABLE_SORTS, 'asc'),
    // Assets: users and groups
    '/assets/users?limit=25',
    `/assets/users?q=${userTerm}&limit=25`,
    `/assets/users?q=${userTerm}&sort=deviceCount&order=desc&limit=25`,
    ...sorted('/assets/users', USER_TABLE_SORTS, 'desc'),
    '/assets/groups?sort=memberCount&order=desc&limit=50',
    // Findings
    '/findings?limit=25',
    '/findings?status=open&severity=critical,high&limit=50',
    '/findings?sort=lastSeenAt&order=desc&offset=5000&limit=50',
    `/findings?q=${deviceTerm}&limit=25`,
    `/findings?q=${deviceTerm}&sort=lastSeenAt&order=desc&limit=25`,
    '/findings?framework=soc2&sort=severity&limit=50',
    '/findings?framework=soc2:CC6.1&status=open&limit=25',
    ...sorted('/findings', FINDING_TABLE_SORTS, 'asc'),
    ...(finding ? [`/findings/${finding.id}`] : []),
    // The entity tab of a device and of a user
    `/assets/devices/${connectionId}/${encodeURIComponent(device.id)}`,
    `/posture/entity?${entity(device.id)}`,
    `/findings?${entity(device.id)}&limit=200&sort=severity`,
    `/assets/users/${connectionId}/${encodeURIComponent(user.id)}`,
    `/posture/entity?${entity(user.id)}`,
    `/findings?${entity(user.id)}&limit=200&sort=severity`,
  ];
}
