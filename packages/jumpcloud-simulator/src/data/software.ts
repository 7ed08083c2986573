import {
  EDR_PRODUCTS,
  MAC_APPS,
  PASSWORD_MANAGERS,
  PROHIBITED_SOFTWARE,
  WINDOWS_PROGRAMS,
} from './names';
import type { Random } from './random';

/**
 * How much software a device carries. `realistic`: what osquery's `apps` and
 * `programs` tables return on real devices, 100-300 rows each. `sparse`: a
 * handful of apps per device, for the benchmark sizes (see sizes.ts).
 */
export type SoftwareProfile = 'realistic' | 'sparse';

/** [name, bundle identifier] of an app, or [name, publisher] of a program. */
export type SoftwareItem = readonly [string, string];

/** Every Mac has these: /System/Applications, its Utilities, Safari. */
const MAC_BUILT_IN = [
  'App Store',
  'Automator',
  'Books',
  'Calculator',
  'Calendar',
  'Chess',
  'Contacts',
  'Dictionary',
  'FaceTime',
  'Find My',
  'Font Book',
  'Freeform',
  'Home',
  'Image Capture',
  'iPhone Mirroring',
  'Launchpad',
  'Mail',
  'Maps',
  'Messages',
  'Mission Control',
  'Music',
  'News',
  'Notes',
  'Photo Booth',
  'Photos',
  'Podcasts',
  'Preview',
  'QuickTime Player',
  'Reminders',
  'Safari',
  'Shortcuts',
  'Siri',
  'Stickies',
  'Stocks',
  'System Settings',
  'TextEdit',
  'Time Machine',
  'Tips',
  'TV',
  'Voice Memos',
  'Weather',
  'Activity Monitor',
  'AirPort Utility',
  'Audio MIDI Setup',
  'Bluetooth File Exchange',
  'Boot Camp Assistant',
  'ColorSync Utility',
  'Console',
  'Digital Color Meter',
  'Disk Utility',
  'Grapher',
  'Keychain Access',
  'Migration Assistant',
  'Print Center',
  'Screen Sharing',
  'Screenshot',
  'Script Editor',
  'System Information',
  'Terminal',
  'VoiceOver Utility',
  'Archive Utility',
  'Certificate Assistant',
  'Control Center',
  'Directory Utility',
  'DiskImageMounter',
  'Dock',
  'Feedback Assistant',
  'Finder',
  'Folder Actions Setup',
  'Installer',
  'Jar Launcher',
  'Notification Center',
  'Photo Library Migration Utility',
  'Problem Reporter',
  'RAID Utility',
  'Screen Time',
  'ScreenSaverEngine',
  'Setup Assistant',
  'Software Update',
  'Spotlight',
  'Storage Management',
  'System Events',
  'Ticket Viewer',
  'Wireless Diagnostics',
].map(name => [name, `com.apple.${name.replace(/[^A-Za-z]/g, '')}`] as const);

/** Third-party Mac apps, beyond the common ones in MAC_APPS. */
const MAC_MORE = [
  ['Microsoft Excel', 'com.microsoft.Excel'],
  ['Microsoft PowerPoint', 'com.microsoft.Powerpoint'],
  ['Microsoft Outlook', 'com.microsoft.Outlook'],
  ['Microsoft Teams', 'com.microsoft.teams2'],
  ['Microsoft OneNote', 'com.microsoft.onenote.mac'],
  ['OneDrive', 'com.microsoft.OneDrive'],
  ['Microsoft Edge', 'com.microsoft.edgemac'],
  ['Keynote', 'com.apple.iWork.Keynote'],
  ['Pages', 'com.apple.iWork.Pages'],
  ['Numbers', 'com.apple.iWork.Numbers'],
  ['GarageBand', 'com.apple.garageband10'],
  ['iMovie', 'com.apple.iMovieApp'],
  ['Xcode', 'com.apple.dt.Xcode'],
  ['Brave Browser', 'com.brave.Browser'],
  ['Arc', 'company.thebrowser.Browser'],
  ['Postman', 'com.postmanlabs.mac'],
  ['IntelliJ IDEA', 'com.jetbrains.intellij'],
  ['PyCharm', 'com.jetbrains.pycharm'],
  ['WebStorm', 'com.jetbrains.WebStorm'],
  ['GoLand', 'com.jetbrains.goland'],
  ['Sublime Text', 'com.sublimetext.4'],
  ['GitHub Desktop', 'com.github.GitHubClient'],
  ['Sourcetree', 'com.torusknot.SourceTreeNotMAS'],
  ['Rectangle', 'com.knollsoft.Rectangle'],
  ['Alfred 5', 'com.runningwithcrayons.Alfred'],
  ['Raycast', 'com.raycast.macos'],
  ['The Unarchiver', 'cx.c3.theunarchiver'],
  ['VLC', 'org.videolan.vlc'],
  ['Spotify', 'com.spotify.client'],
  ['Discord', 'com.hnc.Discord'],
  ['Miro', 'com.electron.realtimeboard'],
  ['Loom', 'com.loom.desktop'],
  ['Grammarly Desktop', 'com.grammarly.ProjectLlama'],
  ['Dropbox', 'com.getdropbox.dropbox'],
  ['Google Drive', 'com.google.drivefs'],
  ['Box', 'com.box.desktop'],
  ['Adobe Acrobat Reader', 'com.adobe.Reader'],
  ['Adobe Photoshop 2025', 'com.adobe.Photoshop'],
  ['Adobe Illustrator 2025', 'com.adobe.illustrator'],
  ['Adobe Creative Cloud', 'com.adobe.acc.AdobeCreativeCloud'],
  ['Sketch', 'com.bohemiancoding.sketch3'],
  ['Cisco Secure Client', 'com.cisco.secureclient.gui'],
  ['Tunnelblick', 'net.tunnelblick.tunnelblick'],
  ['Citrix Workspace', 'com.citrix.receiver.nomas'],
  ['Microsoft Remote Desktop', 'com.microsoft.rdc.macos'],
  ['Parallels Desktop', 'com.parallels.desktop.console'],
  ['UTM', 'com.utmapp.UTM'],
  ['Wireshark', 'org.wireshark.Wireshark'],
  ['DBeaver', 'org.jkiss.dbeaver.core.product'],
  ['TablePlus', 'com.tinyapp.TablePlus'],
  ['Obsidian', 'md.obsidian'],
  ['Todoist', 'com.todoist.mac.Todoist'],
  ['Things3', 'com.culturedcode.ThingsMac'],
  ['Fantastical', 'com.flexibits.fantastical2.mac'],
  ['Spark', 'com.readdle.smartemail-Mac'],
  ['Logi Options+', 'com.logi.optionsplus'],
  ['Elgato Stream Deck', 'com.elgato.StreamDeck'],
  ['DisplayLink Manager', 'com.displaylink.DisplayLinkUserAgent'],
  ['JumpCloud Remote Assist', 'com.jumpcloud.remote-assist'],
  ['JumpCloud Go', 'com.jumpcloud.jcgo'],
] as const;

/** Vendors and components that ship helpers, updaters and uninstallers. */
const VENDORS = [
  ['Adobe', 'Adobe Inc.'],
  ['Autodesk', 'Autodesk, Inc.'],
  ['Logitech', 'Logitech'],
  ['Google', 'Google LLC'],
  ['Zoom', 'Zoom Video Communications, Inc.'],
  ['JetBrains', 's.r.o. JetBrains'],
  ['Canon', 'Canon Inc.'],
  ['Epson', 'Seiko Epson Corporation'],
  ['Brother', 'Brother Industries, ltd.'],
  ['Wacom', 'Wacom Technology Corp.'],
  ['Cisco', 'Cisco Systems, Inc.'],
  ['Citrix', 'Citrix Systems, Inc.'],
  ['VMware', 'VMware, Inc.'],
  ['Dropbox', 'Dropbox, Inc.'],
  ['Okta', 'Okta, Inc.'],
  ['Docker', 'Docker Inc.'],
  ['Atlassian', 'Atlassian'],
  ['Salesforce', 'Salesforce.com, Inc.'],
  ['Elgato', 'Corsair Memory, Inc.'],
  ['Poly', 'HP Inc.'],
] as const;
const COMPONENTS = [
  'Updater',
  'Helper',
  'Uninstaller',
  'Installer',
  'Agent',
  'Launcher',
  'Support Tool',
  'Options',
  'Sync',
  'Utility',
  'Assistant',
  'Companion',
] as const;

const VENDOR_ITEMS = (bundle: boolean): SoftwareItem[] =>
  VENDORS.flatMap(([vendor, publisher]) =>
    COMPONENTS.map(
      component =>
        [
          `${vendor} ${component}`,
          bundle
            ? `com.${vendor.toLowerCase()}.${component
                .toLowerCase()
                .replace(/ /g, '')}`
            : publisher,
        ] as const,
    ),
  );

const MAC_THIRD_PARTY: SoftwareItem[] = [
  ...MAC_APPS,
  ...MAC_MORE,
  ...VENDOR_ITEMS(true),
];

const VC_YEARS = ['2008', '2010', '2012', '2013'] as const;
const ARCHES = ['x86', 'x64'] as const;

/** What every managed Windows 10/11 device lists. */
const WINDOWS_BUILT_IN: SoftwareItem[] = [
  ['Microsoft Edge', 'Microsoft Corporation'],
  ['Microsoft Edge Update', 'Microsoft Corporation'],
  ['Microsoft Edge WebView2 Runtime', 'Microsoft Corporation'],
  ['Microsoft Update Health Tools', 'Microsoft Corporation'],
  ['Microsoft OneDrive', 'Microsoft Corporation'],
  ['Microsoft 365 Apps for enterprise - en-us', 'Microsoft Corporation'],
  ['Microsoft Teams Meeting Add-in for Microsoft Office', 'Microsoft'],
  ['Teams Machine-Wide Installer', 'Microsoft Corporation'],
  ['Windows PC Health Check', 'Microsoft Corporation'],
  ['Microsoft GameInput', 'Microsoft Corporation'],
  ['JumpCloud Agent', 'JumpCloud Inc.'],
  ['JumpCloud Remote Assist', 'JumpCloud Inc.'],
  ...VC_YEARS.flatMap(year =>
    ARCHES.map(
      arch =>
        [
          `Microsoft Visual C++ ${year} Redistributable (${arch})`,
          'Microsoft Corporation',
        ] as const,
    ),
  ),
  ...ARCHES.flatMap(arch => [
    [
      `Microsoft Visual C++ 2015-2022 Redistributable (${arch}) - 14.40.33810`,
      'Microsoft Corporation',
    ] as const,
    [
      `Microsoft Visual C++ 2022 ${arch.toUpperCase()} Minimum Runtime - 14.40.33810`,
      'Microsoft Corporation',
    ] as const,
    [
      `Microsoft Visual C++ 2022 ${arch.toUpperCase()} Additional Runtime - 14.40.33810`,
      'Microsoft Corporation',
    ] as const,
  ]),
  ['Microsoft .NET Runtime - 8.0.11 (x64)', 'Microsoft Corporation'],
  ['Microsoft Windows Desktop Runtime - 8.0.11 (x64)', 'Microsoft Corporation'],
  ['Microsoft ASP.NET Core 8.0.11 - Shared Framework (x64)', 'Microsoft'],
  ['Intel(R) Graphics Driver', 'Intel Corporation'],
  ['Intel(R) Chipset Device Software', 'Intel(R) Corporation'],
  ['Intel(R) Management Engine Components', 'Intel Corporation'],
  ['Intel(R) Wireless Bluetooth(R)', 'Intel Corporation'],
  ['Intel(R) PROSet/Wireless Software', 'Intel Corporation'],
  ['Realtek High Definition Audio Driver', 'Realtek Semiconductor Corp.'],
  ['Synaptics Pointing Device Driver', 'Synaptics Incorporated'],
  ['Thunderbolt(TM) Software', 'Intel Corporation'],
];

const WINDOWS_MORE: SoftwareItem[] = [
  ['Adobe Acrobat (64-bit)', 'Adobe'],
  ['Adobe Genuine Service', 'Adobe Inc.'],
  ['Microsoft Visual Studio Code', 'Microsoft Corporation'],
  ['Microsoft Visual Studio Installer', 'Microsoft Corporation'],
  ['Microsoft SQL Server Management Studio - 20.2', 'Microsoft Corp.'],
  ['Microsoft Power BI Desktop (x64)', 'Microsoft Corporation'],
  ['Microsoft Teams classic', 'Microsoft Corporation'],
  ['Microsoft Azure CLI', 'Microsoft Corporation'],
  ['PowerShell 7-x64', 'Microsoft Corporation'],
  ['Python 3.12.7 (64-bit)', 'Python Software Foundation'],
  ['Node.js', 'Node.js Foundation'],
  ['Docker Desktop', 'Docker Inc.'],
  ['PuTTY release 0.81 (64-bit)', 'Simon Tatham'],
  ['WinSCP 6.3.5', 'Martin Prikryl'],
  ['WinRAR 7.01 (64-bit)', 'win.rar GmbH'],
  ['VLC media player', 'VideoLAN'],
  ['Spotify', 'Spotify AB'],
  ['Dropbox', 'Dropbox, Inc.'],
  ['Google Drive', 'Google LLC'],
  ['Cisco Secure Client - AnyConnect VPN', 'Cisco Systems, Inc.'],
  ['Citrix Workspace 2409', 'Citrix Systems, Inc.'],
  ['Dell SupportAssist', 'Dell Inc.'],
  ['Dell Command | Update for Windows Universal', 'Dell Inc.'],
  ['Dell Optimizer', 'Dell Inc.'],
  ['HP Support Assistant', 'HP Inc.'],
  ['HP Wolf Security', 'HP Inc.'],
  ['Lenovo Vantage Service', 'Lenovo Group Ltd.'],
  ['Lenovo System Interface Foundation', 'Lenovo'],
  ['NVIDIA Graphics Driver 552.22', 'NVIDIA Corporation'],
  ['NVIDIA PhysX System Software 9.23.1019', 'NVIDIA Corporation'],
  ['Java 8 Update 431 (64-bit)', 'Oracle Corporation'],
  ['Greenshot 1.2.10.6', 'Greenshot'],
  ['Paint.NET', 'dotPDN LLC'],
  ['Notion', 'Notion Labs, Inc.'],
  ['Figma', 'Figma, Inc.'],
  ['Postman x64', 'Postman'],
  ['Windows Software Development Kit - Windows 10.0.22621.3233', 'Microsoft'],
  ['Windows SDK AddOn', 'Microsoft Corporation'],
  ['WinRT Intellisense Desktop - en-us', 'Microsoft Corporation'],
  ['Universal CRT Tools x64', 'Microsoft Corporation'],
  ...Array.from(
    { length: 40 },
    (_, k) =>
      [
        `Update for Microsoft Office 2016 (KB${
          5002100 + k * 37
        }) 64-Bit Edition`,
        'Microsoft Corporation',
      ] as const,
  ),
];

const WINDOWS_THIRD_PARTY: SoftwareItem[] = [
  ...WINDOWS_PROGRAMS,
  ...WINDOWS_MORE,
  ...VENDOR_ITEMS(false),
];

/** Every name the simulator may list as installed (for tests). */
export const ALL_FILLER_SOFTWARE: SoftwareItem[] = [
  ...MAC_BUILT_IN,
  ...MAC_THIRD_PARTY,
  ...WINDOWS_BUILT_IN,
  ...WINDOWS_THIRD_PARTY,
];

/** How many rows a realistic device reports (osquery `apps` / `programs`). */
const REALISTIC_COUNT: readonly [number, number] = [100, 300];

function realistic(
  r: Random,
  builtIn: SoftwareItem[],
  more: SoftwareItem[],
): SoftwareItem[] {
  const count = r.int(REALISTIC_COUNT[0], REALISTIC_COUNT[1]);
  return [
    ...builtIn,
    ...r.sample(more, Math.max(0, count - builtIn.length - 2)),
  ];
}

/** The apps of one Mac, security tools included by chance. */
export function macApps(r: Random, profile: SoftwareProfile): SoftwareItem[] {
  const items: SoftwareItem[] =
    profile === 'realistic'
      ? realistic(r, MAC_BUILT_IN, MAC_THIRD_PARTY)
      : r.sample(MAC_APPS, r.int(4, 9));
  if (r.chance(0.55)) items.push(r.pick(PASSWORD_MANAGERS.mac));
  if (r.chance(0.6)) items.push(r.pick(EDR_PRODUCTS.mac));
  if (r.chance(0.08)) items.push(r.pick(PROHIBITED_SOFTWARE.mac));
  return items;
}

/** The programs of one Windows device, security tools included by chance. */
export function windowsPrograms(
  r: Random,
  profile: SoftwareProfile,
): SoftwareItem[] {
  const items: SoftwareItem[] =
    profile === 'realistic'
      ? realistic(r, WINDOWS_BUILT_IN, WINDOWS_THIRD_PARTY)
      : r.sample(WINDOWS_PROGRAMS, r.int(3, 7));
  if (r.chance(0.55)) items.push(r.pick(PASSWORD_MANAGERS.windows));
  if (r.chance(0.5)) items.push(r.pick(EDR_PRODUCTS.windows));
  if (r.chance(0.08)) items.push(r.pick(PROHIBITED_SOFTWARE.windows));
  return items;
}
