import { randomUUID } from 'node:crypto';
import {
  generateDataset,
  type KeyOwnerSeeds,
  type SimulatorDataset,
} from './data/dataset';
import { Churn } from './churn/churn';
import type { ChurnOptions } from './churn/options';
import { mutateOrg, type MutationSummary } from './data/mutate';
import type { OrgIndex } from './data/orgIndex';
import { TenantRegistry } from './data/tenants';
import { emptyCounters, type RequestCounters } from './http/counters';
import { badRequest } from './http/errors';
import { FaultInjector, parseFault, type ActiveFault } from './http/faults';
import { KeyStore } from './http/keyStore';
import { DEFAULT_TOKEN_TTL_SECONDS, TokenStore } from './routes/oauth';
import { RateLimiter } from './http/rateLimiter';
import type { JsonObject, RateLimitOptions, SizeSpec } from './types';

/** Operations of the control API, also available in-process. */
export interface SimulatorControl {
  addFault(fault: unknown): string;
  listFaults(): ActiveFault[];
  clearFaults(): void;
  counters(): RequestCounters;
  resetCounters(): void;
  /** Faults, counters, keys, latency, rate limit and data back to the start. */
  reset(): void;
  /** Returns false when the key was not active. */
  revokeKey(key: string): boolean;
  /** New key for the admin owning `key`; every older key of that admin is revoked. */
  regenerateKey(key: string): string;
  /** Changes `percent`% of the data (all orgs by default). */
  mutate(percent: number, orgId?: string): MutationSummary[];
  setLatency(latencyMs: number, jitterMs?: number): void;
  setRateLimit(rateLimit: RateLimitOptions | null): void;
  /** Data that moves while clients page (null: none); restarts the steps. */
  setChurn(churn: ChurnOptions | null): void;
  /** Lifetime of service-account tokens issued from now on (null: the start value). */
  setTokenTtl(seconds: number | null): void;
  /** Every issued service-account token stops working, as if expired. */
  expireTokens(): void;
  /** Service-account tokens issued by POST /oauth2/token since the start or reset. */
  tokensIssued(): number;
  settings(): {
    latencyMs: number;
    jitterMs: number;
    rateLimit: RateLimitOptions | null;
    mutationRounds: number;
    tokenTtlSeconds: number;
    churn: ChurnOptions | null;
  };
}

export class SimulatorState implements SimulatorControl {
  dataset: SimulatorDataset;
  /** MSP tenants beyond the dataset's orgs, generated on first use. */
  tenants: TenantRegistry;
  readonly churn: Churn;
  readonly keys = new KeyStore();
  readonly tokens: TokenStore;
  readonly faults = new FaultInjector();
  readonly rateLimiter: RateLimiter;
  requestCounters: RequestCounters = emptyCounters();
  latencyMs: number;
  jitterMs: number;
  private mutationRounds = 0;

  constructor(
    readonly seed: number,
    readonly spec: SizeSpec,
    readonly nowMs: number,
    private readonly owners: KeyOwnerSeeds,
    private readonly initial: {
      latencyMs: number;
      jitterMs: number;
      rateLimit: RateLimitOptions | null;
      tokenTtlSeconds?: number;
      mspTenants?: number;
      churn?: ChurnOptions | null;
    },
  ) {
    this.churn = new Churn(seed, nowMs, initial.churn ?? null);
    this.tokens = new TokenStore(initial.tokenTtlSeconds);
    this.dataset = generateDataset(seed, spec, nowMs, owners);
    this.tenants = this.newTenants();
    this.rateLimiter = new RateLimiter(initial.rateLimit);
    this.latencyMs = initial.latencyMs;
    this.jitterMs = initial.jitterMs;
  }

  private newTenants(): TenantRegistry {
    return new TenantRegistry(
      this.seed,
      this.spec,
      this.nowMs,
      this.owners.everyOrg,
      this.dataset.orgs.length,
      this.initial.mspTenants ?? 0,
    );
  }

  /** An organisation's data; a tenant is generated on its first use. */
  org(id: string): OrgIndex | undefined {
    const known = this.dataset.index.get(id);
    if (known || !this.tenants.has(id)) return known;
    const { data, index } = this.tenants.materialize(id);
    this.dataset.orgs.push(data);
    this.dataset.index.set(id, index);
    return index;
  }

  /** Every organisation id: the dataset's, then the MSP tenants'. */
  orgIds(): string[] {
    const eager = this.dataset.orgs
      .map(o => o.id)
      .filter(id => !this.tenants.has(id));
    return [...eager, ...this.tenants.ids];
  }

  /** The v1 organisation record, without generating a tenant's data. */
  organization(id: string): JsonObject | undefined {
    const known = this.dataset.index.get(id);
    if (known) return known.data.organization;
    return this.tenants.has(id) ? this.tenants.organization(id) : undefined;
  }

  /** An organisation's console admins, without generating a tenant's data. */
  admins(id: string): JsonObject[] {
    const known = this.dataset.index.get(id);
    if (known) return known.data.admins;
    return this.tenants.has(id) ? this.tenants.admins(id) : [];
  }

  addFault(fault: unknown): string {
    return this.faults.add(parseFault(fault), this.requestCounters.total);
  }

  listFaults(): ActiveFault[] {
    return this.faults.list();
  }

  clearFaults(): void {
    this.faults.clear();
  }

  counters(): RequestCounters {
    return JSON.parse(JSON.stringify(this.requestCounters));
  }

  resetCounters(): void {
    this.requestCounters = emptyCounters();
  }

  reset(): void {
    this.faults.clear();
    this.resetCounters();
    this.keys.reset();
    this.tokens.clear();
    this.tokens.ttlSeconds =
      this.initial.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    this.latencyMs = this.initial.latencyMs;
    this.jitterMs = this.initial.jitterMs;
    this.rateLimiter.configure(this.initial.rateLimit);
    this.mutationRounds = 0;
    const fresh = generateDataset(
      this.seed,
      this.spec,
      this.nowMs,
      this.owners,
    );
    // Keep object identity of the dataset holder so `started.dataset` stays valid.
    Object.assign(this.dataset, fresh);
    this.tenants = this.newTenants();
    this.churn.configure(this.initial.churn ?? null);
  }

  revokeKey(key: string): boolean {
    return this.keys.revoke(key);
  }

  regenerateKey(key: string): string {
    const owner = this.keys.get(key);
    const fresh = this.keys.regenerate(key);
    if (!fresh || !owner) throw badRequest('unknown or already revoked key');
    // The admin record shows the new key, as the console does.
    const now = new Date().toISOString();
    const admins = new Set([
      ...this.dataset.orgs.flatMap(o => o.admins),
      ...this.tenants.allAdmins(),
    ]);
    for (const admin of admins) {
      if (admin._id !== owner.adminId) continue;
      admin.apiKeySet = true;
      admin.apiKeyUpdatedAt = now;
      admin.apiKeyHash = { prefix: fresh.slice(0, 8), createdAt: now };
    }
    return fresh;
  }

  /**
   * A revoked or rotated key was used: JumpCloud records an
   * `admin_old_api_key_attempt` Directory Insights event in the owner's orgs.
   */
  recordOldKeyAttempt(key: string, clientIp: string): void {
    const owner = this.keys.retiredOwner(key);
    if (!owner) return;
    for (const orgId of owner.orgIds) {
      // Tenants nobody has read yet have no events to add to.
      const org = this.dataset.index.get(orgId);
      const admin = org?.data.admins.find(a => a._id === owner.adminId);
      if (!org || !admin) continue;
      const now = Date.now();
      org.data.events.push({
        id: randomUUID(),
        event_type: 'admin_old_api_key_attempt',
        service: 'directory',
        timestamp: new Date(now).toISOString(),
        organization: orgId,
        provider: null,
        success: false,
        client_ip: clientIp,
        initiated_by: { id: admin._id, type: 'admin', email: admin.email },
        resource: { id: admin._id, type: 'admin', email: admin.email },
        '@version': '1',
      });
    }
  }

  mutate(percent: number, orgId?: string): MutationSummary[] {
    if (typeof percent !== 'number' || !(percent >= 0 && percent <= 100))
      throw badRequest('percent must be a number between 0 and 100');
    const targets = orgId
      ? [this.org(orgId)]
      : [...this.dataset.index.values()];
    if (targets.some(t => !t)) throw badRequest(`unknown org "${orgId}"`);
    this.mutationRounds++;
    return targets.map(t =>
      mutateOrg(t!, this.seed, this.mutationRounds, percent, this.nowMs),
    );
  }

  setLatency(latencyMs: number, jitterMs = 0): void {
    if (!(latencyMs >= 0) || !(jitterMs >= 0))
      throw badRequest('latencyMs and jitterMs must be >= 0');
    this.latencyMs = latencyMs;
    this.jitterMs = jitterMs;
  }

  setRateLimit(rateLimit: RateLimitOptions | null): void {
    if (
      rateLimit !== null &&
      !(typeof rateLimit?.perSecond === 'number' && rateLimit.perSecond > 0)
    ) {
      throw badRequest(
        'rateLimit.perSecond must be a positive number (or null to disable)',
      );
    }
    this.rateLimiter.configure(rateLimit);
  }

  setTokenTtl(seconds: number | null): void {
    if (seconds !== null && !(typeof seconds === 'number' && seconds > 0)) {
      throw badRequest(
        'seconds must be a positive number (or null for one hour)',
      );
    }
    this.tokens.ttlSeconds =
      seconds ?? this.initial.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  }

  expireTokens(): void {
    this.tokens.expireAll();
  }

  tokensIssued(): number {
    return this.tokens.issued;
  }

  setChurn(churn: ChurnOptions | null): void {
    const counts = churn === null ? [] : Object.values(churn ?? {});
    if (
      churn !== null &&
      (typeof churn !== 'object' ||
        counts.some(v => !(Number.isInteger(v) && (v as number) >= 0)))
    )
      throw badRequest('churn must be an object of counts >= 0, or null');
    this.churn.configure(churn);
  }

  settings() {
    return {
      churn: this.churn.settings,
      latencyMs: this.latencyMs,
      jitterMs: this.jitterMs,
      rateLimit: this.rateLimiter.settings,
      mutationRounds: this.mutationRounds,
      tokenTtlSeconds: this.tokens.ttlSeconds,
    };
  }
}
