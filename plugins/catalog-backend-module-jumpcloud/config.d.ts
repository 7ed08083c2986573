import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * The JumpCloud entity provider. Connections themselves live in the
       * jumpcloud backend plugin (settings page or `jumpcloud.connections`);
       * this block only shapes how their snapshots become entities.
       */
      jumpcloud?: {
        /**
         * Fallback schedule; "sync completed" events refresh in between.
         * Always runs with global scope. Default: every 30 minutes.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Owner of devices whose user is unknown, as an entity ref
         * (e.g. `group:default/it`). Default: a Group per connection titled
         * "unassigned (connection <name>)", a child of the connection's Group.
         */
        defaultOwner?: string;
        /** Guard against a sync removing a large share of a connection's entities. */
        removalGuard?: {
          /** Largest share (0–1) one sync may remove. Default 0.2. */
          maxShare?: number;
          /** Removals up to this count are always allowed. Default 0. */
          minimumCount?: number;
        };
        /** Add `jumpcloud.com/system-group-<name>: "true"` labels to devices. Default false. */
        systemGroupsAsLabels?: boolean;
        /** `spec.type` of Groups made from user groups. Default `team`. */
        userGroupType?: string;
        /** Snapshot page size when reading from the backend plugin (1–5000). Default 2000. */
        pageSize?: number;
        /** Per-connection overrides, keyed by connection name or id. */
        connections?: {
          [connectionNameOrId: string]: {
            /**
             * ingest: create User entities; link: own devices by Users another
             * provider ingests, matched by email.
             */
            users?: 'ingest' | 'link';
            /** Owner of this connection's devices whose user is unknown (overrides `defaultOwner`). */
            defaultOwner?: string;
          };
        };
      };
    };
  };
}
