import { z } from 'zod'

/** The connection types Opzenix can check (docs/github.md section 6); the table allows a few more. */
export const CONNECTION_TYPES = ['github', 'azure', 'kubernetes', 'container_registry', 'otel'] as const
export type ConnectionType = (typeof CONNECTION_TYPES)[number]

export interface ConfigField {
  key: string
  label: string
  placeholder: string
  hint?: string
  required: boolean
}

export interface TypeMeta {
  label: string
  /** What the check does, in a sentence. */
  check: string
  fields: ConfigField[]
  /** 'none': the type takes no secret_ref; 'optional' / 'required': what secret_ref names. */
  secret: 'none' | 'optional' | 'required'
  secretHint: string
}

const azureFields: ConfigField[] = [
  { key: 'tenant_id', label: 'Tenant ID', placeholder: '00000000-0000-0000-0000-000000000000', required: true, hint: 'The Azure AD (Entra ID) tenant of the app registration.' },
  { key: 'client_id', label: 'Client ID', placeholder: '00000000-0000-0000-0000-000000000000', required: true, hint: 'The app registration\'s application (client) ID.' },
  { key: 'subscription_id', label: 'Subscription ID', placeholder: '00000000-0000-0000-0000-000000000000', required: true },
]

export const typeMeta: Record<ConnectionType, TypeMeta> = {
  github: {
    label: 'GitHub',
    check: 'Checks the organization token\'s scopes (GET /user) and, when set, access to the repository.',
    fields: [{ key: 'repository', label: 'Repository', placeholder: 'acme/payments-api', required: false, hint: 'Optional: owner/name of a repository the token must reach.' }],
    secret: 'none',
    secretHint: 'Uses the organization\'s GitHub token (Settings → GitHub token); no secret here.',
  },
  azure: {
    label: 'Azure',
    check: 'Gets a client-credentials token from Azure AD, then reads the subscription.',
    fields: azureFields,
    secret: 'required',
    secretHint: 'The function secret holding the app registration\'s client secret.',
  },
  kubernetes: {
    label: 'AKS',
    check: 'Gets a client-credentials token from Azure AD, then reads the cluster\'s provisioning and power state.',
    fields: [
      ...azureFields,
      { key: 'resource_group', label: 'Resource group', placeholder: 'rg-payments-prod', required: true },
      { key: 'cluster_name', label: 'Cluster name', placeholder: 'aks-prod-westeurope', required: true },
    ],
    secret: 'required',
    secretHint: 'The function secret holding the app registration\'s client secret.',
  },
  container_registry: {
    label: 'Container registry',
    check: 'Calls the registry\'s /v2/ endpoint, following its token flow.',
    fields: [{ key: 'registry_url', label: 'Registry URL', placeholder: 'ghcr.io/acme', required: true, hint: 'Host and optional path; https:// is assumed unless you write http://.' }],
    secret: 'optional',
    secretHint: 'Optional for public registries: the function secret holding username:password (or a token).',
  },
  otel: {
    label: 'OTel collector',
    check: 'Sends an empty OTLP/HTTP export to the collector\'s /v1/traces.',
    fields: [{ key: 'endpoint', label: 'OTLP/HTTP endpoint', placeholder: 'https://otel.example.com:4318', required: true, hint: 'The collector\'s base URL; /v1/traces is appended.' }],
    secret: 'none',
    secretHint: 'The collector is checked without credentials.',
  },
}

export const isKnownType = (type: string): type is ConnectionType => (CONNECTION_TYPES as readonly string[]).includes(type)
export const typeLabel = (type: string) => (isKnownType(type) ? typeMeta[type].label : type.charAt(0).toUpperCase() + type.slice(1).replace(/_/g, ' '))

const trimmed = z.string().trim()
const uuidLike = trimmed.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'An ID like 00000000-0000-0000-0000-000000000000')
const tenant = trimmed.regex(/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9.-]+\.[a-z]{2,})$/i, 'A tenant ID or a domain like contoso.onmicrosoft.com')
const httpUrl = trimmed.refine((v) => {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol)
  } catch {
    return false
  }
}, 'An http:// or https:// URL')
const registryUrl = trimmed.regex(/^(https?:\/\/)?[a-z0-9.-]+(:\d+)?(\/[\w./-]*)?$/i, 'A registry host with an optional path, like ghcr.io/acme')
const azureConfig = { tenant_id: tenant, client_id: uuidLike, subscription_id: uuidLike }

/** What each type's config must hold: exactly the keys the health check reads. */
export const configSchemas = {
  github: z.object({ repository: z.union([z.literal(''), trimmed.regex(/^[\w.-]+\/[\w.-]+$/, 'owner/name, like acme/payments-api')]).optional() }),
  azure: z.object(azureConfig),
  kubernetes: z.object({ ...azureConfig, resource_group: trimmed.min(1, 'Required'), cluster_name: trimmed.min(1, 'Required') }),
  container_registry: z.object({ registry_url: registryUrl }),
  otel: z.object({ endpoint: httpUrl }),
} satisfies Record<ConnectionType, z.ZodType>

/** A function secret's NAME (like AZURE_PROD_SECRET), never the credential itself. */
export const secretRefSchema = z.string().trim().regex(/^[A-Z][A-Z0-9_]{0,99}$/, 'The NAME of a function secret: capitals, digits and _ (like AZURE_PROD_SECRET), never the secret itself')
  .refine((v) => !v.startsWith('SUPABASE_'), 'Names starting with SUPABASE_ are reserved')
