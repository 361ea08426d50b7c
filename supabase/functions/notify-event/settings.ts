// notify-event's settings, all function secrets (docs/deploying.md).
export interface Settings {
  mailApiUrl: string | null
  mailApiKey: string | null
  mailFrom: string
  appUrl: string
  approvalLinkUrl: string
  linkTtlSeconds: number
  retryBaseMs: number
  maxAttempts: number
  timeoutMs: number
}

export function readSettings(env: (name: string) => string | undefined): Settings {
  const number = (name: string, fallback: number) => {
    const value = Number(env(name))
    return Number.isFinite(value) && value > 0 ? value : fallback
  }
  const supabaseUrl = (env('SUPABASE_URL') ?? 'http://127.0.0.1:54321').replace(/\/+$/, '')
  return {
    mailApiUrl: env('MAIL_API_URL')?.replace(/\/+$/, '') || null,
    mailApiKey: env('MAIL_API_KEY') || null,
    mailFrom: env('MAIL_FROM') || 'Opzenix <notifications@opzenix.local>',
    appUrl: env('OPZENIX_APP_URL') || 'http://127.0.0.1:5173',
    approvalLinkUrl: env('APPROVAL_LINK_URL') || `${supabaseUrl}/functions/v1/approval-link`,
    linkTtlSeconds: number('APPROVAL_LINK_TTL_SECONDS', 86_400),
    retryBaseMs: number('NOTIFY_RETRY_BASE_MS', 30_000),
    maxAttempts: number('NOTIFY_MAX_ATTEMPTS', 8),
    timeoutMs: number('NOTIFY_TIMEOUT_MS', 10_000),
  }
}
