import { z } from 'zod';
import { frequencyProblem } from './syncFrequency';

const PRESET_FREQUENCIES = [
  'off',
  'hourly',
  'every-6-hours',
  'every-12-hours',
  'daily',
] as const;

export const syncFrequencySchema = z
  .union([
    z.enum(PRESET_FREQUENCIES),
    z.object({ cron: z.string().trim().min(1).max(100) }).strict(),
    z.object({ duration: z.string().trim().min(2).max(50) }).strict(),
  ])
  .superRefine((value, ctx) => {
    const problem = frequencyProblem(value);
    if (problem) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }
  });

// Printable text without control characters: names show up in tables,
// logs and catalog annotations.
const displayText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters');

// OAuth 2.0 client id and secret (RFC 6749 VSCHAR, without spaces).
const VISIBLE_ASCII = /^[\x21-\x7E]+$/;

/** Body of POST /connections, PATCH /connections/:id and POST /connections/test. */
export const connectionInputSchema = z
  .object({
    name: displayText(100).optional(),
    region: z.enum(['us', 'eu', 'in']).optional(),
    apiUrl: z.string().trim().min(1).max(1024).optional(),
    orgId: z
      .string()
      .trim()
      .max(255)
      .regex(/^[A-Za-z0-9_-]*$/, 'must be a JumpCloud organisation id')
      .nullable()
      .optional(),
    orgName: displayText(255).nullable().optional(),
    // Never echoed back: zod messages describe the rule, not the value.
    apiKey: z
      .string()
      .min(8, 'must be at least 8 characters')
      .max(512, 'must be at most 512 characters')
      .regex(/^\S+$/, 'must not contain spaces')
      .optional(),
    authType: z.enum(['apiKey', 'serviceAccount']).optional(),
    clientId: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(255, 'must be at most 255 characters')
      .regex(VISIBLE_ASCII, 'must be printable ASCII without spaces')
      .optional(),
    // Write-only, like apiKey: messages describe the rule, not the value.
    clientSecret: z
      .string()
      .min(8, 'must be at least 8 characters')
      .max(1024, 'must be at most 1024 characters')
      .regex(VISIBLE_ASCII, 'must be printable ASCII without spaces')
      .optional(),
    syncFrequency: syncFrequencySchema.optional(),
    users: z.enum(['ingest', 'link']).optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const serviceAccountField =
      input.clientId !== undefined ? 'clientId' : 'clientSecret';
    const hasServiceAccount =
      input.clientId !== undefined || input.clientSecret !== undefined;
    if (input.apiKey !== undefined && hasServiceAccount) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['apiKey'],
        message:
          'cannot be combined with clientId or clientSecret: a connection uses an API key or a service account',
      });
    } else if (input.authType === 'apiKey' && hasServiceAccount) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [serviceAccountField],
        message: 'is only for authType serviceAccount',
      });
    } else if (
      input.authType === 'serviceAccount' &&
      input.apiKey !== undefined
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['apiKey'],
        message: 'is only for authType apiKey',
      });
    }
  });

export type ParsedConnectionInput = z.infer<typeof connectionInputSchema>;
