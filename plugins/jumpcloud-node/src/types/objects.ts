// Permissive types for JumpCloud API objects. JumpCloud adds fields often and
// sends "" or null where the spec says otherwise, so every known field is
// optional, nullable where seen null, and unknown fields are kept.

/**
 * Any field JumpCloud sends that these types do not name.
 *
 * @public
 */
export type JcUnknownFields = { [field: string]: unknown };

/**
 * A device: v1 `/api/systems` item.
 *
 * @public
 */
export interface JcSystem extends JcUnknownFields {
  _id: string;
  id?: string;
  organization?: string;
  hostname?: string | null;
  displayName?: string | null;
  os?: string | null;
  osFamily?: string | null;
  version?: string | null;
  osVersionDetail?: {
    osName?: string;
    releaseName?: string;
    major?: string;
    minor?: string;
    patch?: string;
    majorNumber?: number;
    minorNumber?: number;
    patchNumber?: number;
    version?: string;
    distributionName?: string;
  } | null;
  arch?: string | null;
  agentVersion?: string | null;
  created?: string | null;
  lastContact?: string | null;
  active?: boolean;
  serialNumber?: string | null;
  hwVendor?: string | null;
  remoteIP?: string | null;
  allowMultiFactorAuthentication?: boolean;
  allowSshRootLogin?: boolean;
  allowSshPasswordAuthentication?: boolean;
  allowPublicKeyAuthentication?: boolean;
  sshRootEnabled?: boolean;
  sshdParams?: Array<{ name: string; value: string }> | null;
  fde?: { active?: boolean; keyPresent?: boolean } | null;
  systemInsights?: {
    state?: 'enabled' | 'disabled' | 'deferred' | string;
  } | null;
  mdm?: {
    vendor?: 'unknown' | 'none' | 'internal' | 'external' | string;
    dep?: boolean;
    userApproved?: boolean;
    enrollmentType?: string;
    providerId?: string;
    windows?: { upn?: string } | null;
  } | null;
  policyStats?: {
    duplicate?: number;
    failed?: number;
    pending?: number;
    success?: number;
    total?: number;
    unsupportedOs?: number;
  } | null;
  isPolicyBound?: boolean;
  primarySystemUser?: { id: string | null } | null;
  userMetrics?: Array<{
    userName?: string;
    admin?: boolean;
    managed?: boolean;
    suspended?: boolean;
    secureTokenEnabled?: boolean;
  }> | null;
  agentHasFullDiskAccess?: boolean;
  secureLogin?: { supported?: boolean; enabled?: boolean } | null;
  tags?: string[];
  description?: string | null;
}

/** @public */
export type JcUserState = 'STAGED' | 'ACTIVATED' | 'SUSPENDED';
/** @public */
export type JcMfaEnrollmentStatus =
  | 'NOT_ENROLLED'
  | 'DISABLED'
  | 'PENDING_ACTIVATION'
  | 'ENROLLMENT_EXPIRED'
  | 'IN_ENROLLMENT'
  | 'PRE_ENROLLMENT'
  | 'ENROLLED';

/**
 * A directory user: v1 `/api/systemusers` item.
 *
 * @public
 */
export interface JcSystemUser extends JcUnknownFields {
  _id: string;
  id?: string;
  organization?: string;
  username?: string | null;
  email?: string | null;
  firstname?: string | null;
  lastname?: string | null;
  displayname?: string | null;
  department?: string | null;
  jobTitle?: string | null;
  employeeType?: string | null;
  employeeIdentifier?: string | null;
  manager?: string | null;
  state?: JcUserState | string;
  activated?: boolean;
  suspended?: boolean;
  account_locked?: boolean;
  password_expired?: boolean;
  password_never_expires?: boolean;
  password_date?: string | null;
  password_expiration_date?: string | null;
  sudo?: boolean;
  passwordless_sudo?: boolean;
  mfa?: {
    configured?: boolean;
    exclusion?: boolean;
    exclusionUntil?: string | null;
    exclusionDays?: number;
  } | null;
  mfaEnrollment?: {
    overallStatus?: JcMfaEnrollmentStatus | string;
    totpStatus?: string;
    webAuthnStatus?: string;
    pushStatus?: string;
  } | null;
  totp_enabled?: boolean;
  ldap_binding_user?: boolean;
  samba_service_user?: boolean;
  externally_managed?: boolean;
  created?: string | null;
  tags?: string[];
}

/**
 * A console administrator: undocumented v1 `/api/users` item.
 *
 * @public
 */
export interface JcAdmin extends JcUnknownFields {
  _id: string;
  email?: string | null;
  firstname?: string | null;
  lastname?: string | null;
  organization?: string;
  role?: string;
  roleName?: string | null;
  enableMultiFactor?: boolean;
  totpEnrolled?: boolean;
  suspended?: boolean;
  apiKeyAllowed?: boolean;
  apiKeySet?: boolean;
  apiKeyUpdatedAt?: string | null;
  apiKeyHash?: {
    prefix?: string;
    createdAt?: string;
    expireAt?: string | null;
  } | null;
  created?: string | null;
}

/**
 * v2 user group or system group.
 *
 * @public
 */
export interface JcGroup extends JcUnknownFields {
  id: string;
  name: string;
  type?: 'user_group' | 'system_group' | string;
  description?: string | null;
  email?: string | null;
  attributes?: Record<string, unknown> | null;
  membershipMethod?:
    | 'NOTSET'
    | 'STATIC'
    | 'DYNAMIC_REVIEW_REQUIRED'
    | 'DYNAMIC_AUTOMATED'
    | string;
  memberQueryErrorFlags?: string[] | null;
  memberQueryExemptions?: Array<{ id: string; type: string }> | null;
}

/**
 * v2 graph edge (`/members`, `/associations`).
 *
 * @public
 */
export interface JcGraphConnection extends JcUnknownFields {
  attributes?: Record<string, unknown> | null;
  from?: { id: string; type: string; attributes?: unknown } | null;
  to: { id: string; type: string; attributes?: unknown };
}

/**
 * v2 traversal result (`/membership`, `/memberof`, `/users/{id}/systems`).
 *
 * @public
 */
export interface JcGraphObjectWithPaths extends JcUnknownFields {
  id: string;
  type: string;
  compiledAttributes?: Record<string, unknown> | null;
  paths?: JcGraphConnection[][];
}

/**
 * v2 policy.
 *
 * @public
 */
export interface JcPolicy extends JcUnknownFields {
  id: string;
  name: string;
  template?: {
    id?: string;
    name?: string;
    displayName?: string;
    osMetaFamily?: string;
    deliveryTypes?: string[];
  } | null;
}

/**
 * v2 policy status (latest result per policy and device).
 *
 * @public
 */
export interface JcPolicyResult extends JcUnknownFields {
  id: string;
  policyID: string;
  systemID: string;
  startedAt?: string | null;
  endedAt?: string | null;
  success?: boolean;
  state?: string;
  exitStatus?: number;
  stdErr?: string;
  detail?: string;
}

/**
 * A System Insights row: every row has `system_id` and `collection_time`.
 *
 * @public
 */
export interface JcSystemInsightsRow extends JcUnknownFields {
  system_id: string;
  collection_time?: string | null;
}

/**
 * v1 organisation (full form, with settings).
 *
 * @public
 */
export interface JcOrganization extends JcUnknownFields {
  _id: string;
  displayName?: string;
  created?: string;
  settings?: {
    requireAdminMFA?: boolean;
    passwordCompliance?: string;
    passwordPolicy?: Record<string, unknown> | null;
    userPortal?: { idleSessionDurationMinutes?: number } | null;
    features?: Record<string, { enabled?: boolean } | undefined> | null;
    agentVersion?: string;
    [setting: string]: unknown;
  } | null;
}

/**
 * v1 organisation list item.
 *
 * @public
 */
export interface JcOrganizationSummary extends JcUnknownFields {
  _id: string;
  displayName?: string;
  logoUrl?: string;
}

/**
 * v2 conditional access (authentication) policy.
 *
 * @public
 */
export interface JcAuthnPolicy extends JcUnknownFields {
  id: string;
  name?: string;
  disabled?: boolean;
  type?: string;
  effect?: {
    action?: 'allow' | 'deny' | string;
    obligations?: { mfa?: { required?: boolean } } | null;
  } | null;
  targets?: Record<string, unknown> | null;
  conditions?: Record<string, unknown> | null;
}

/**
 * v1 SSO application.
 *
 * @public
 */
export interface JcApplication extends JcUnknownFields {
  _id: string;
  id?: string;
  name?: string;
  displayName?: string;
  displayLabel?: string;
  active?: boolean;
  sso?: { type?: string; idpCertExpirationAt?: string | null } | null;
}

/**
 * v2 Apple MDM configuration.
 *
 * @public
 */
export interface JcAppleMdm extends JcUnknownFields {
  id: string;
  name?: string;
  apnsCertExpiry?: string | null;
  depAccessTokenExpiry?: string | null;
  depServerTokenState?: string | null;
}

/**
 * Directory Insights event.
 *
 * @public
 */
export interface JcDirectoryEvent extends JcUnknownFields {
  id: string;
  event_type: string;
  service: string;
  timestamp: string;
  success?: boolean;
  initiated_by?: {
    id?: string;
    type?: string;
    username?: string;
    email?: string;
  } | null;
  resource?: {
    id?: string;
    type?: string;
    username?: string;
    email?: string;
  } | null;
}
