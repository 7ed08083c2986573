/** Curated name lists: realistic, varied, with Unicode on purpose. */
export const FIRST_NAMES = [
  'Ava',
  'Liam',
  'Noah',
  'Emma',
  'Olivia',
  'Mia',
  'Lucas',
  'Amelia',
  'Ethan',
  'Harper',
  'James',
  'Sofia',
  'Mateo',
  'Chloé',
  'Zoë',
  'José',
  'Łukasz',
  'Søren',
  'Ólafur',
  'Ana',
  'Priya',
  'Arjun',
  'Wei',
  'Yuki',
  'Hiroshi',
  'Fatima',
  'Omar',
  'Aisha',
  'Kwame',
  'Nia',
  'Dmitri',
  'Ingrid',
  'Björn',
  'Renée',
  'François',
  'Ngozi',
  'Siobhán',
  'Mārtiņš',
  'Ximena',
  'Tomás',
] as const;

export const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Garcia',
  'Martinez',
  'Brown',
  'Davis',
  'Miller',
  'Wilson',
  'Moore',
  'Taylor',
  'Anderson',
  'Thomas',
  'Müller',
  'Schröder',
  'Nowak',
  'Kowalski',
  'Rossi',
  'Dubois',
  'Núñez',
  "O'Brien",
  'Patel',
  'Sharma',
  'Chen',
  'Wang',
  'Tanaka',
  'Sato',
  'Kim',
  'Park',
  'Nguyen',
  'Okafor',
  'Mensah',
  'Haddad',
  'Cohen',
  'Andersson',
  'Johansson',
  'Virtanen',
  'Popescu',
  'Novák',
  'Silva',
  'Costa',
] as const;

/** Given name, family name, and their pinyin (usernames are built from the pinyin). */
export const CHINESE_NAMES = [
  ['娜', '李', 'na', 'li'],
  ['伟', '王', 'wei', 'wang'],
  ['芳', '张', 'fang', 'zhang'],
] as const;

export const DEPARTMENTS = [
  'Engineering',
  'Sales',
  'Marketing',
  'Finance',
  'IT',
  'Human Resources',
  'Support',
  'Legal',
  'Operations',
  'Product',
  'Design',
  'Security',
] as const;

export const JOB_TITLES = [
  'Software Engineer',
  'Senior Software Engineer',
  'Account Executive',
  'Designer',
  'Financial Analyst',
  'IT Administrator',
  'Support Specialist',
  'Product Manager',
  'Recruiter',
  'Counsel',
  'Site Reliability Engineer',
  'Security Analyst',
] as const;

export const LOCATIONS = [
  'Denver',
  'London',
  'Berlin',
  'Bengaluru',
  'Remote',
  'São Paulo',
  'Tokyo',
] as const;

export const ORG_NAMES = [
  'Acme Robotics',
  'Globex Health GmbH',
  'Initech Labs',
  'Umbrella Logistics',
  'Stark Façades Ltd',
  'Wayne Analytics',
] as const;

export const HW_MODELS = {
  macOS: [
    'MacBookPro18,3',
    'MacBookAir10,1',
    'Mac14,2',
    'Mac15,6',
    'iMac21,1',
    'Macmini9,1',
  ],
  windows: [
    'Latitude 7440',
    'ThinkPad T14 Gen 4',
    'EliteBook 840 G10',
    'Surface Laptop 5',
    'XPS 13 9315',
  ],
  linux: [
    'ThinkPad X1 Carbon Gen 11',
    'OptiPlex 7010',
    'PowerEdge R650',
    'Virtual Machine',
    'NUC12WSHi7',
  ],
} as const;

export const HW_VENDORS = {
  macOS: ['Apple Inc.'],
  windows: ['Dell Inc.', 'LENOVO', 'HP', 'Microsoft Corporation'],
  linux: ['LENOVO', 'Dell Inc.', 'QEMU', 'Intel Corporation'],
} as const;

export const MAC_APPS = [
  ['Google Chrome', 'com.google.Chrome'],
  ['Slack', 'com.tinyspeck.slackmacgap'],
  ['zoom.us', 'us.zoom.xos'],
  ['Microsoft Word', 'com.microsoft.Word'],
  ['Visual Studio Code', 'com.microsoft.VSCode'],
  ['Firefox', 'org.mozilla.firefox'],
  ['Docker', 'com.docker.docker'],
  ['iTerm', 'com.googlecode.iterm2'],
  ['Notion', 'notion.id'],
  ['Figma', 'com.figma.Desktop'],
] as const;

export const WINDOWS_PROGRAMS = [
  ['Google Chrome', 'Google LLC'],
  ['Microsoft Office Professional Plus 2021', 'Microsoft Corporation'],
  ['Zoom', 'Zoom Video Communications, Inc.'],
  ['Slack', 'Slack Technologies Inc.'],
  ['7-Zip 23.01 (x64)', 'Igor Pavlov'],
  ['Notepad++ (64-bit x64)', 'Notepad++ Team'],
  ['Mozilla Firefox (x64 en-US)', 'Mozilla'],
  ['Git', 'The Git Development Community'],
] as const;

/** Password managers (DEV-09 allowlist candidates). */
export const PASSWORD_MANAGERS = {
  mac: [
    ['1Password', 'com.1password.1password'],
    ['Bitwarden', 'com.bitwarden.desktop'],
  ],
  windows: [
    ['1Password', 'AgileBits Inc.'],
    ['Bitwarden', 'Bitwarden Inc.'],
    ['KeePass Password Safe 2.55', 'Dominik Reichl'],
  ],
} as const;

/** EDR / anti-malware products (DEV-05 allowlist candidates). */
export const EDR_PRODUCTS = {
  mac: [
    ['Falcon', 'com.crowdstrike.falcon.App'],
    ['SentinelOne Extensions', 'com.sentinelone.extensions-wrapper'],
  ],
  windows: [
    ['CrowdStrike Windows Sensor', 'CrowdStrike, Inc.'],
    ['Sentinel Agent', 'SentinelOne'],
  ],
} as const;

/** Software commonly on deny lists (DEV-21). */
export const PROHIBITED_SOFTWARE = {
  mac: [
    ['uTorrent Web', 'com.utorrent.web'],
    ['TeamViewer', 'com.teamviewer.TeamViewer'],
  ],
  windows: [
    ['µTorrent', 'BitTorrent Inc.'],
    ['TeamViewer', 'TeamViewer'],
  ],
} as const;

export const APPLICATION_CATALOG = [
  ['aws-sso', 'AWS IAM Identity Center'],
  ['slack', 'Slack'],
  ['github', 'GitHub Enterprise Cloud'],
  ['salesforce', 'Salesforce'],
  ['zoom', 'Zoom'],
  ['atlassian', 'Atlassian Cloud'],
  ['google-workspace', 'Google Workspace'],
  ['datadog', 'Datadog'],
] as const;
