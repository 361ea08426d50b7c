import type { StackConfig } from '../config.ts'

const EXTERNAL_PROVIDERS = [
  'anonymous_users', 'apple', 'azure', 'bitbucket', 'discord', 'facebook', 'figma', 'fly', 'github', 'gitlab',
  'google', 'keycloak', 'kakao', 'linkedin', 'linkedin_oidc', 'notion', 'spotify', 'slack', 'slack_oidc',
  'twitch', 'twitter', 'workos', 'zoom',
]

/** GET /settings: which sign-in methods are on, in GoTrue's shape. */
export function settings(config: StackConfig): Record<string, unknown> {
  const external: Record<string, boolean> = Object.fromEntries(EXTERNAL_PROVIDERS.map((p) => [p, false]))
  external.email = config.auth.emailEnableSignup
  external.anonymous_users = config.auth.enableAnonymousSignIns
  external.phone = false
  return {
    external,
    disable_signup: !config.auth.enableSignup,
    mailer_autoconfirm: !config.auth.emailEnableConfirmations,
    phone_autoconfirm: false,
    sms_provider: 'twilio',
    saml_enabled: false,
  }
}

/** GET /health */
export const HEALTH = {
  version: 'v2-opzenix',
  name: 'GoTrue',
  description: 'GoTrue is a user registration and authentication API',
}
