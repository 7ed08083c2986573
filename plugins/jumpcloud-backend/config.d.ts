export interface Config {
  /** Configuration of the JumpCloud plugins. */
  jumpcloud?: {
    /**
     * Secret used to encrypt API keys and client secrets at rest
     * (AES-256-GCM, key derived with HKDF-SHA256). Required outside
     * development: 32+ random characters.
     * @visibility secret
     */
    encryptionSecret?: string;

    /**
     * Extra outbound hosts allowed besides JumpCloud's own, as `host` or
     * `host:port` (e.g. the simulator on `127.0.0.1:7011`). Only these may use
     * plain http, and only these may resolve to private or loopback addresses.
     */
    allowedHosts?: string[];

    /** Sync engine tuning. */
    sync?: {
      /** Maximum duration of one sync run (ISO 8601 duration). Default PT30M. */
      timeout?: string;
      /**
       * Per-process delay before this replica takes part in syncs after
       * start-up (ISO 8601). Default PT0S: Sync Now works at once.
       */
      initialDelay?: string;
      /** Rows per insert batch when storing a snapshot. Default 500. */
      batchSize?: number;
      /** JumpCloud requests per second per connection. Default 15. */
      requestsPerSecond?: number;
      /** Concurrent JumpCloud requests per connection. Default 4. */
      maxConcurrency?: number;
      /**
       * Time limit of one JumpCloud request attempt, body included (ISO 8601).
       * Default PT30S; timed-out requests are retried like 5xx.
       */
      requestTimeout?: string;
      /**
       * A running sync whose process sent no heartbeat for this long is closed
       * as failed, e.g. after a crash (ISO 8601). Default PT2M, at least
       * PT10S (a queued Sync Now run is closed too if no worker picks it up in
       * that time); running syncs send a heartbeat 8 times as often.
       */
      staleAfter?: string;
      /**
       * Syncs one backend replica runs at the same time, 1–64. Default 4.
       * Each replica takes due connections itself from a schedule shared
       * through the database, so more replicas run more syncs at once.
       */
      maxConcurrentRuns?: number;
      /**
       * Days of Directory Insights events each sync reads, 1–90. Default 90
       * (JumpCloud's retention), so dormant-account checks can fail.
       */
      directoryInsightsDays?: number;
      /**
       * Each sync runs in a worker thread of its own, so a large org's sync
       * neither grows the backend's heap nor holds up its requests. Runs stay
       * in the backend's thread when the database is in-memory SQLite, when
       * its connection settings are a function, or when custom checks are
       * registered (they cannot be sent to another thread).
       */
      worker?: {
        /** Default true. */
        enabled?: boolean;
        /**
         * The worker's V8 heap limit in MB, at least 64. Default: sized from
         * the org, 192 MB per 40,000 devices and users seen by its recent
         * runs, at least 128 MB (256 MB for a connection's first sync,
         * before any run counted the org); a run that outgrows a sized limit starts
         * again once with twice the limit. A sync that outgrows a set limit
         * fails with a message saying so.
         */
        maxHeapMb?: number;
      };
    };

    /** Sealed evidence. */
    evidence?: {
      /**
       * How long sealed runs are kept whole. A pruned run loses its
       * population blobs but keeps its manifest row (hash, previous hash,
       * counts, population hashes), so the chain still verifies across it;
       * the Evidence view and verify name it "pruned by policy" and its
       * export answers 410. Each connection's newest run and runs that open
       * findings refer to are always kept. Ages count from the run's seal.
       */
      retention?: {
        /** Default true; false keeps every run whole forever. */
        enabled?: boolean;
        /** Every sealed run younger than this many days is kept. Default 30. */
        keepAllDays?: number;
        /**
         * Up to this age in days, the newest run of each UTC day is kept (the
         * one in force at the day's end). Default 365, at least keepAllDays:
         * a SOC 2 Type II period looks back 12 months.
         */
        keepDailyDays?: number;
        /**
         * Older runs: the newest of each UTC month is kept: true (default)
         * forever, a whole number of months of age, or false for none.
         */
        keepMonthly?: boolean | number;
        /** How often the pruning pass runs (ISO 8601). Default PT6H. */
        frequency?: string;
      };
    };

    /** Actions for agents (exposed by @backstage/plugin-mcp-actions-backend). */
    actions?: {
      /**
       * Register the jumpcloud actions with Backstage's actions registry.
       * Default true; false registers none.
       */
      enabled?: boolean;
    };

    /**
     * Check thresholds and switches; every key is optional. See
     * docs/checks.md for each check and its default.
     */
    checks?: {
      /** Check ids to switch off, e.g. ['DEV-09']. */
      disabled?: string[];
      staleDays?: number;
      checkInDays?: number;
      screenLockSeconds?: number;
      osBaselines?: { [osOrDistribution: string]: string };
      patchMaxAgeDays?: number;
      policyPendingDays?: number;
      requiredPolicies?: { [osFamily: string]: string[] };
      edrAllowList?: string[];
      passwordManagerAllowList?: string[];
      prohibitedSoftware?: string[];
      sharedDeviceTags?: string[];
      localAdminAllowList?: string[];
      mfaExclusionMaxDays?: number;
      /**
       * USR-04: days without a login after which an account is dormant.
       * Default 45; must be shorter than sync.directoryInsightsDays.
       */
      dormantDays?: number;
      stagedMaxDays?: number;
      corporateDomains?: string[];
      deviceExemptEmployeeTypes?: string[];
      apiKeyAllowedAdmins?: string[];
      apiKeyMaxAgeDays?: number;
      superAdminMin?: number;
      superAdminMax?: number;
      passwordMinLength?: number;
      passwordHistoryMin?: number;
      maxLoginAttempts?: number;
      passwordExpiryMode?: 'max-days' | 'no-forced-expiry';
      passwordExpiryDays?: number;
      portalIdleMinutes?: number;
      certificateWarningDays?: number;
      auditRetentionDays?: number;
    };

    /**
     * Backstage notifications (needs `@backstage/plugin-notifications-backend`
     * in the backend; without it a warning is logged and syncs go on).
     * Each problem is told once, by one replica, and its recovery once.
     */
    notifications?: {
      /** Default true; false sends no notification at all. */
      enabled?: boolean;
      /**
       * Group or user entity refs told when a connection's sync fails, its API
       * key or service account stops working, or a data type becomes
       * unreadable (and when that clears). Default:
       * `permission.jumpcloudAdminGroups` if set, else
       * `['group:default/jumpcloud-admins']`: give it the groups your
       * permission policy lets manage JumpCloud connections.
       */
      managers?: string[];
      /**
       * New critical and high findings on a device or user, told to the owner
       * of its catalog entity (a device's `spec.owner`; a user entity itself):
       * one notification per owner per sync, with the counts and a link to
       * the findings page filtered to their assets.
       */
      entityOwners?: {
        /** Default false. */
        enabled?: boolean;
      };
      /**
       * Where the app mounts the JumpCloud page, for the notifications'
       * links. Default /jumpcloud.
       */
      pagePath?: string;
    };

    /**
     * Connections declared in configuration; read-only in the UI and API.
     */
    connections?: Array<{
      /** Unique connection name. */
      name: string;
      /** us, eu or in; ignored when apiUrl is set. */
      region?: 'us' | 'eu' | 'in';
      /** The JumpCloud console URL, e.g. https://console.eu.jumpcloud.com. */
      apiUrl?: string;
      /** Organisation id, required for multi-tenant (MSP) keys. */
      orgId?: string;
      /** Organisation name, for display. */
      orgName?: string;
      /**
       * apiKey or serviceAccount. Default: serviceAccount when clientId or
       * clientSecret is set, else apiKey.
       */
      authType?: 'apiKey' | 'serviceAccount';
      /**
       * API key of a read-only JumpCloud administrator (authType apiKey).
       * @visibility secret
       */
      apiKey?: string;
      /**
       * Client ID of a JumpCloud service account (authType serviceAccount;
       * recommended: not tied to an administrator). Give it the Read Only
       * role.
       */
      clientId?: string;
      /**
       * Client secret of that service account; exchanged for an OAuth 2.0
       * token at the region's token endpoint.
       * @visibility secret
       */
      clientSecret?: string;
      /**
       * off, hourly, every-6-hours, every-12-hours, daily, an ISO 8601
       * duration (PT30M) or a cron expression (0 3 * * *).
       */
      syncFrequency?: string;
      /** How users reach the catalog: ingest (default) or link to existing Users. */
      users?: 'ingest' | 'link';
      /** Default true. */
      enabled?: boolean;
    }>;
  };
}
