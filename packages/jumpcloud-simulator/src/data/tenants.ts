import type { JsonObject, SizeSpec } from '../types';
import { generateOrg, orgHeader, orgIdentity, type OrgHeader } from './dataset';
import type { AdminSeed } from './generateAdmins';
import type { OrgData } from './model';
import { OrgIndex } from './orgIndex';
import { scaleSize, softwareProfile } from './sizes';

/**
 * An MSP's tenants (jumpcloud-api.md §10: "MSPs have hundreds of tenants").
 * Only ids and names exist up front; the organisation record and console
 * admins (what `/api/organizations` and `/api/users` list) are made on first
 * listing, and the rest of a tenant when a request selects it with
 * `x-org-id`. So 150 tenants cost neither start-up time nor memory until
 * used. Each tenant is the smallest org that still has every kind of record,
 * and deterministic: the same whenever and in whatever order it is made.
 */
export class TenantRegistry {
  readonly ids: string[] = [];
  readonly names = new Map<string, string>();
  private readonly indexOf = new Map<string, number>();
  private readonly headers = new Map<string, OrgHeader>();
  private readonly spec: SizeSpec;

  constructor(
    private readonly seed: number,
    primarySpec: SizeSpec,
    private readonly nowMs: number,
    private readonly owners: AdminSeed[],
    firstIndex: number,
    count: number,
  ) {
    this.spec = scaleSize(primarySpec, 0);
    for (let index = firstIndex; index < firstIndex + count; index++) {
      const { id, name } = orgIdentity(seed, index, nowMs);
      this.ids.push(id);
      this.names.set(id, name);
      this.indexOf.set(id, index);
    }
  }

  has(id: string): boolean {
    return this.indexOf.has(id);
  }

  header(id: string): OrgHeader {
    let header = this.headers.get(id);
    if (!header) {
      header = orgHeader(
        this.seed,
        this.indexOf.get(id)!,
        this.spec,
        this.nowMs,
        this.owners,
      );
      this.headers.set(id, header);
    }
    return header;
  }

  organization(id: string): JsonObject {
    return this.header(id).organization;
  }

  /** The tenant's admins (the same objects its full data will hold). */
  admins(id: string): JsonObject[] {
    return this.header(id).admins;
  }

  /** Every tenant's admins: key rotation must reach tenants not yet materialised. */
  allAdmins(): JsonObject[] {
    return this.ids.flatMap(id => this.admins(id));
  }

  /** The whole tenant, with its index. */
  materialize(id: string): { data: OrgData; index: OrgIndex } {
    const data = generateOrg(
      this.seed,
      this.indexOf.get(id)!,
      this.spec,
      this.nowMs,
      this.owners,
      this.header(id),
    );
    const index = new OrgIndex(
      data,
      this.seed,
      this.nowMs,
      softwareProfile(this.spec),
    );
    return { data, index };
  }
}
