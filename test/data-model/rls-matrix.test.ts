import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, signIn, sql, startProjectStack, type Client } from './demo.ts'

// Who may do what to a row of the Acme organization (or, for personal tables, a row belonging to
// viewer@opzenix.dev). Columns: anon, viewer, operator, admin, other (admin of Globex, not in Acme).
// Letters: s = select sees it, i = insert succeeds, u = update changes it, d = delete removes it.
const EXPECTED: Record<string, [string, string, string, string, string]> = {
  //                          anon    viewer  operator admin   other
  organizations:            ['----', 'si--', 'si--', 'siud', '-i--'],
  organization_invitations: ['----', '----', '----', 's--d', '----'],
  teams:                    ['----', 's---', 's---', 'siud', '----'],
  team_members:             ['----', 's---', 's---', 'si-d', '----'],
  organization_members:     ['----', 's---', 's---', 'siud', '----'],
  projects:                 ['----', 's---', 's---', 'siud', '----'],
  profiles:                 ['----', 's-u-', 's---', 's---', '----'],
  user_roles:               ['----', 's---', '----', 's---', '----'],
  user_preferences:         ['----', 'siu-', '-i--', '-i--', '-i--'],
  environments:             ['----', 's---', 's---', 'siud', '----'],
  environment_locks:        ['----', 's---', 's---', 'siud', '----'],
  environment_permissions:  ['----', 's---', 's---', 'siud', '----'],
  freeze_windows:           ['----', 's---', 's---', 'siud', '----'],
  break_glass_requests:     ['----', 's---', 's---', 'si--', '----'],
  deploy_queue:             ['----', 's---', 's---', 's---', '----'],
  environment_configs:      ['----', 's---', 's---', 's---', '----'],
  environment_config_versions: ['----', 's---', 'si--', 'si--', '----'],
  secret_references:        ['----', 's---', 's---', 'siud', '----'],
  flow_templates:           ['----', 's---', 'siu-', 'siud', '----'],
  // Written only by the save triggers on flow_templates (test/data-model/pipeline-versions.test.ts).
  flow_template_versions:   ['----', 's---', 's---', 's---', '----'],
  pipeline_templates:       ['----', 's---', 'siu-', 'siud', '----'],
  // Written only by instantiate_pipeline_template (test/data-model/pipeline-templates.test.ts).
  pipeline_template_uses:   ['----', 's---', 's---', 's---', '----'],
  executions:               ['----', 's---', 'siu-', 'siud', '----'],
  execution_nodes:          ['----', 's---', 'siu-', 'siu-', '----'],
  execution_logs:           ['----', 's---', 'si--', 'si--', '----'],
  execution_state_events:   ['----', 's---', 'si--', 'si--', '----'],
  checkpoints:              ['----', 's---', 'si--', 'si-d', '----'],
  artifacts:                ['----', 's---', 'si--', 'si-d', '----'],
  approval_requests:        ['----', 's---', 'si--', 'si--', '----'],
  approval_votes:           ['----', 's---', 'si--', 'si--', '----'],
  approval_policy_versions: ['----', 's---', 's---', 's---', '----'],
  approval_policy_rules:    ['----', 's---', 's---', 's---', '----'],
  deployments:              ['----', 's---', 'siu-', 'siu-', '----'],
  deployment_versions:      ['----', 's---', 'siu-', 'siu-', '----'],
  connections:              ['----', 's---', 's---', 'siud', '----'],
  connection_health_events: ['----', 's---', 's---', 's---', '----'],
  github_integrations:      ['----', 's---', 's---', 'siud', '----'],
  github_tokens:            ['----', 's--d', '----', '----', '----'],
  branch_mappings:          ['----', 's---', 's---', 'siud', '----'],
  webhook_deliveries:       ['----', 's---', 's---', 's---', '----'],
  telemetry_signals:        ['----', 's---', 's---', 's---', '----'],
  otel_ingest_tokens:       ['----', 's---', 's---', 's---', '----'],
  audit_logs:               ['----', '----', '----', 's---', '----'],
  widget_metrics:           ['----', 's---', 's---', 's---', '----'],
  dashboard_layouts:        ['----', 'siud', '-i--', '-i--', '----'],
  notification_events:      ['----', 's-ud', '----', '----', '----'],
  notification_channels:    ['----', '----', '----', 'siud', '----'],
  notification_preferences: ['----', 'siud', '-i--', '-i--', '-i--'],
  notification_deliveries:  ['----', 's---', '----', 's---', '----'],
  approval_link_uses:       ['----', 's---', '----', 's---', '----'],
  otel_export_queue:        ['----', '----', 's---', 's---', '----'],
  otel_export_batches:      ['----', '----', 's---', 's---', '----'],
  ai_analyses:              ['----', 's---', 's---', 's---', '----'],
  // A demo visitor's sandbox (its own organization, so Acme stays a real one): nobody here is its member, and
  // no one writes it through the API; its visitor reads it (test/sandbox/sandbox.test.ts).
  sandboxes:                ['----', '----', '----', '----', '----'],
  // CI evidence (issue 15): members read, only the ingest functions write; admins set the gates; operators ask
  // for an exception, which only decide_gate_exception decides.
  test_reports:             ['----', 's---', 's---', 's---', '----'],
  test_cases:               ['----', 's---', 's---', 's---', '----'],
  vulnerability_scans:      ['----', 's---', 's---', 's---', '----'],
  vulnerability_findings:   ['----', 's---', 's---', 's---', '----'],
  sboms:                    ['----', 's---', 's---', 's---', '----'],
  sbom_packages:            ['----', 's---', 's---', 's---', '----'],
  step_evidence:            ['----', 's---', 's---', 's---', '----'],
  evidence_gates:           ['----', 's---', 's---', 'siud', '----'],
  evidence_gate_exceptions: ['----', 's---', 'si--', 'si--', '----'],
  github_commit_statuses:   ['----', 's---', 's---', 's---', '----'],
}

const ACTORS = ['anon', 'viewer', 'operator', 'admin', 'other'] as const
type Actor = (typeof ACTORS)[number]
type Row = Record<string, unknown>

let stack: TestStack
let service: Client
const clients = {} as Record<Actor, Client>
const actorId = {} as Record<Actor, string | null>
let n = 0
const uniq = (label: string) => `${label}-${process.pid}-${++n}`
let approvalsRun = ''

async function serviceInsert(table: string, row: Row): Promise<Row> {
  const { data, error } = await service.from(table).insert(row).select().single()
  if (error) throw new Error(`fixture ${table}: ${error.message}`)
  return data
}

const freshEnv = () => serviceInsert('environments', {
  project_id: DEMO.project, key: uniq('env').replace(/[^a-z0-9-]/g, ''), display_name: 'Matrix', tier: 'development', position: 1000 + n,
})
const freshUser = async () => (await sql(stack, `insert into auth.users (id, email, aud, role) values (gen_random_uuid(), $1, 'authenticated', 'authenticated') returning id`, [`${uniq('m')}@example.test`]))[0].id as string
const freshInvitation = () => ({
  organization_id: DEMO.acme, email: `${uniq('invitee')}@example.test`, role: 'viewer', token_hash: uniq('hash'),
  expires_at: new Date(Date.now() + 86_400_000).toISOString(),
})
const freshTeamMember = async () => {
  const member = await serviceInsert('organization_members', { organization_id: DEMO.acme, user_id: await freshUser(), role: 'viewer' })
  const team = await serviceInsert('teams', { organization_id: DEMO.acme, name: uniq('team') })
  return { team_id: team.id, organization_id: DEMO.acme, user_id: member.user_id }
}
const exportConnection = async () => (await serviceInsert('connections', { organization_id: DEMO.acme, type: 'otel', name: uniq('export'), config: { endpoint: 'http://127.0.0.1:9' } })).id as string
const anySignal = async () => (await sql(stack, 'select id::int from public.telemetry_signals where project_id = $1 limit 1', [DEMO.project]))[0].id as number
let policyVersions = 0
const freshPolicyVersion = async () => {
  const env = await freshEnv()
  return { organization_id: DEMO.acme, project_id: DEMO.project, environment_id: env.id, version: ++policyVersions, change_reason: 'matrix' }
}
const freshPolicyRule = async () => ({
  policy_version_id: (await serviceInsert('approval_policy_versions', await freshPolicyVersion())).id,
  project_id: DEMO.project, level: 1, position: 1, name: 'Matrix', required: 1, role: 'admin',
})
const onNode = () => ({ execution_id: DEMO.runningExecution, node_id: 'build', content_sha256: uniq('sha') })
const freshStatus = () => ({ project_id: DEMO.project, execution_id: DEMO.runningExecution, github_integration_id: '60000000-0000-4000-a000-000000000001',
  sha: 'a'.repeat(40), state: 'pending', context: uniq('opzenix/matrix'), description: 'Running' })
const freshReport = () => ({ ...onNode(), total: 1, passed: 1, failed: 0, errored: 0, skipped: 0 })
const freshCase = async () => ({ report_id: (await serviceInsert('test_reports', freshReport())).id, execution_id: DEMO.runningExecution, node_id: 'build', name: uniq('case'), status: 'passed' })
const freshScan = () => ({ ...onNode(), critical: 1 })
const freshFinding = async () => ({ scan_id: (await serviceInsert('vulnerability_scans', freshScan())).id, execution_id: DEMO.runningExecution, node_id: 'build',
  vulnerability_id: uniq('CVE'), severity: 'critical', package_name: 'openssl' })
const freshSbom = () => ({ ...onNode(), format: 'cyclonedx', package_count: 1 })
const freshSbomPackage = async () => ({ sbom_id: (await serviceInsert('sboms', freshSbom())).id, execution_id: DEMO.runningExecution, node_id: 'build', name: uniq('pkg'), licences: ['MIT'] })
const freshRequest = () => serviceInsert('approval_requests', { execution_id: approvalsRun, node_id: uniq('gate'), required_approvals: 3 })

interface Case {
  /** A row the cell acts on, created with full rights (or an existing one for one-per-user tables). */
  fixture(): Promise<Row>
  /** What the actor tries to insert. */
  insert(actor: Actor): Promise<Row> | Row
  /** A change the actor tries to make; `check` names the column compared afterwards. */
  patch: Row
  /** Runs before the actor's insert (to free a one-per-user slot). */
  beforeInsert?(actor: Actor): Promise<void>
  /** The column that picks out one fixture row (default `id`). */
  key?: string
}

const own = (actor: Actor) => actorId[actor] ?? DEMO.users.viewer
const CASES: Record<string, Case> = {
  organizations: {
    fixture: async () => {
      const org = await serviceInsert('organizations', { name: 'Matrix org', slug: uniq('org'), owner_id: DEMO.users.admin })
      await service.from('organization_members').insert([
        { organization_id: org.id, user_id: DEMO.users.viewer, role: 'viewer' },
        { organization_id: org.id, user_id: DEMO.users.operator, role: 'operator' },
      ])
      return org
    },
    insert: (a) => ({ name: 'New org', slug: uniq('new'), owner_id: actorId[a] }),
    patch: { name: 'Renamed' },
  },
  organization_invitations: {
    fixture: () => serviceInsert('organization_invitations', freshInvitation()),
    insert: () => freshInvitation(),
    patch: { role: 'admin' },
  },
  teams: {
    fixture: () => serviceInsert('teams', { organization_id: DEMO.acme, name: uniq('team') }),
    insert: () => ({ organization_id: DEMO.acme, name: uniq('team') }),
    patch: { description: 'changed' },
  },
  team_members: {
    fixture: async () => serviceInsert('team_members', await freshTeamMember()),
    insert: () => freshTeamMember(),
    patch: { created_at: '2000-01-01T00:00:00+00:00' },
    key: 'user_id', // each fixture is a new member
  },
  organization_members: {
    fixture: async () => serviceInsert('organization_members', { organization_id: DEMO.acme, user_id: await freshUser(), role: 'viewer' }),
    insert: async () => ({ organization_id: DEMO.acme, user_id: await freshUser(), role: 'viewer' }),
    patch: { role: 'operator' },
  },
  projects: {
    fixture: () => serviceInsert('projects', { organization_id: DEMO.acme, name: uniq('project') }),
    insert: () => ({ organization_id: DEMO.acme, name: uniq('project') }),
    patch: { description: 'changed' },
  },
  profiles: {
    fixture: async () => (await service.from('profiles').select().eq('id', DEMO.users.viewer).single()).data,
    insert: (a) => ({ id: own(a), full_name: 'Impostor' }),
    patch: { full_name: 'Vera V.' },
  },
  user_roles: {
    fixture: async () => (await service.from('user_roles').select().eq('user_id', DEMO.users.viewer).eq('role', 'viewer').single()).data,
    insert: (a) => ({ user_id: own(a), role: 'admin' }),
    patch: { role: 'admin' },
  },
  user_preferences: {
    fixture: async () => (await service.from('user_preferences').select().eq('user_id', DEMO.users.viewer).single()).data
      ?? serviceInsert('user_preferences', { user_id: DEMO.users.viewer }),
    beforeInsert: async (a) => { await service.from('user_preferences').delete().eq('user_id', own(a)) },
    insert: (a) => ({ user_id: own(a), default_mode: 'build' }),
    patch: { default_mode: 'govern', ui_preferences: { theme: uniq('t') } },
  },
  environments: {
    fixture: freshEnv,
    insert: () => ({ project_id: DEMO.project, key: `k${++n}`, display_name: 'X', tier: 'testing', position: 2000 + n }),
    patch: { display_name: 'Changed' },
  },
  environment_locks: {
    fixture: async () => serviceInsert('environment_locks', { project_id: DEMO.project, environment_id: (await freshEnv()).id }),
    insert: async () => ({ project_id: DEMO.project, environment_id: (await freshEnv()).id, is_locked: true }),
    patch: { is_locked: true },
  },
  environment_permissions: {
    fixture: async () => serviceInsert('environment_permissions', { environment_id: (await freshEnv()).id, user_id: DEMO.users.viewer, action: 'deploy', effect: 'allow' }),
    insert: async () => ({ environment_id: (await freshEnv()).id, user_id: DEMO.users.operator, action: 'lock', effect: 'allow' }),
    patch: { effect: 'deny' },
  },
  freeze_windows: {
    fixture: () => serviceInsert('freeze_windows', { project_id: DEMO.project, environment_id: DEMO.env.dev, starts_at: '2099-01-01T00:00:00Z', ends_at: '2099-01-02T00:00:00Z', reason: 'matrix' }),
    insert: () => ({ project_id: DEMO.project, starts_at: '2099-02-01T00:00:00Z', ends_at: '2099-02-02T00:00:00Z', reason: 'new' }),
    patch: { reason: 'changed' },
  },
  break_glass_requests: {
    fixture: () => serviceInsert('break_glass_requests', { environment_id: DEMO.env.dev, requested_by: DEMO.users.admin, reason_category: 'incident', reason: 'matrix' }),
    insert: (a) => ({ environment_id: DEMO.env.dev, requested_by: actorId[a], reason_category: 'other', reason: 'matrix insert' }),
    patch: { reason: 'changed' },
  },
  deploy_queue: {
    fixture: () => serviceInsert('deploy_queue', { project_id: DEMO.project, environment_id: DEMO.env.dev, execution_id: DEMO.runningExecution, node_id: uniq('deploy'), reason: 'matrix' }),
    insert: () => ({ project_id: DEMO.project, environment_id: DEMO.env.dev, execution_id: DEMO.runningExecution, node_id: uniq('deploy'), reason: 'forged' }),
    patch: { reason: 'changed' },
  },
  environment_configs: {
    fixture: async () => serviceInsert('environment_configs', { project_id: DEMO.project, environment_id: (await freshEnv()).id }),
    insert: async () => ({ project_id: DEMO.project, environment_id: (await freshEnv()).id, variables: { A: 1 } }),
    patch: { variables: { A: 2 } },
  },
  environment_config_versions: {
    // Fresh environments are development tier, where operators may change configuration (admins anywhere).
    fixture: async () => serviceInsert('environment_config_versions', { environment_id: (await freshEnv()).id, variables: { A: 1 }, reason: 'matrix fixture' }),
    insert: async () => ({ environment_id: (await freshEnv()).id, variables: { A: 2 }, reason: 'matrix insert' }),
    patch: { reason: 'rewritten' },
  },
  secret_references: {
    fixture: () => serviceInsert('secret_references', { project_id: DEMO.project, ref_key: uniq('REF'), provider: 'supabase_vault' }),
    insert: () => ({ project_id: DEMO.project, ref_key: uniq('REF'), provider: 'azure_key_vault' }),
    patch: { description: 'changed' },
  },
  flow_templates: {
    fixture: () => serviceInsert('flow_templates', { project_id: DEMO.project, name: uniq('flow') }),
    insert: () => ({ project_id: DEMO.project, name: uniq('flow'), type: 'security' }),
    patch: { description: 'changed' },
  },
  flow_template_versions: {
    fixture: async () => {
      const pipeline = await serviceInsert('flow_templates', { project_id: DEMO.project, name: uniq('versioned') })
      const { data } = await service.from('flow_template_versions').select().eq('flow_template_id', pipeline.id).single()
      return data!
    },
    insert: async () => ({ flow_template_id: (await serviceInsert('flow_templates', { project_id: DEMO.project, name: uniq('forged') })).id,
      project_id: DEMO.project, version: 2, name: 'forged', type: 'cicd', nodes: [], edges: [] }),
    patch: { message: 'rewritten' },
  },
  pipeline_templates: {
    fixture: () => serviceInsert('pipeline_templates', { organization_id: DEMO.acme, name: 'Private', category: 'Internal' }),
    insert: () => ({ organization_id: DEMO.acme, name: 'Mine', category: 'Internal' }),
    // Popularity is counted from uses and refused here (pipeline-templates.test.ts); the rest is editable.
    patch: { tags: ['changed'] },
  },
  pipeline_template_uses: {
    fixture: async () => serviceInsert('pipeline_template_uses', { template_id: (await serviceInsert('pipeline_templates', { organization_id: DEMO.acme, name: uniq('Used'), category: 'Internal' })).id, project_id: DEMO.project, used_by: DEMO.users.operator }),
    insert: async (a) => ({ template_id: (await serviceInsert('pipeline_templates', { organization_id: DEMO.acme, name: uniq('Forged'), category: 'Internal' })).id, project_id: DEMO.project, used_by: own(a) }),
    patch: { created_at: '2020-01-01T00:00:00Z' },
  },
  executions: {
    fixture: () => serviceInsert('executions', { project_id: DEMO.project, name: 'matrix run', started_by: DEMO.users.operator }),
    insert: (a) => ({ project_id: DEMO.project, name: 'started', started_by: actorId[a] }),
    patch: { progress: 42 },
  },
  execution_nodes: {
    fixture: () => serviceInsert('execution_nodes', { execution_id: DEMO.runningExecution, node_id: uniq('node'), name: 'n' }),
    insert: () => ({ execution_id: DEMO.runningExecution, node_id: uniq('node'), name: 'n' }),
    patch: { logs: 'changed' },
  },
  execution_logs: {
    fixture: () => serviceInsert('execution_logs', { execution_id: DEMO.runningExecution, message: 'matrix' }),
    insert: () => ({ execution_id: DEMO.runningExecution, message: 'appended' }),
    patch: { message: 'rewritten' },
  },
  execution_state_events: {
    fixture: () => serviceInsert('execution_state_events', { execution_id: DEMO.runningExecution, new_state: 'running' }),
    insert: (a) => ({ execution_id: DEMO.runningExecution, new_state: 'paused', actor_id: actorId[a] }),
    patch: { reason: 'rewritten' },
  },
  checkpoints: {
    fixture: () => serviceInsert('checkpoints', { execution_id: DEMO.runningExecution, node_id: 'build', name: 'cp' }),
    insert: () => ({ execution_id: DEMO.runningExecution, node_id: 'build', name: 'cp2' }),
    patch: { name: 'renamed' },
  },
  artifacts: {
    fixture: () => serviceInsert('artifacts', { project_id: DEMO.project, name: 'img' }),
    insert: () => ({ project_id: DEMO.project, name: 'img2' }),
    patch: { name: 'renamed' },
  },
  approval_requests: {
    fixture: freshRequest,
    insert: (a) => ({ execution_id: approvalsRun, node_id: uniq('gate'), requested_by: actorId[a] }),
    patch: { title: 'changed' },
  },
  approval_votes: {
    fixture: async () => serviceInsert('approval_votes', { approval_request_id: (await freshRequest()).id, user_id: DEMO.users.lead, vote: 'approve' }),
    insert: async (a) => ({ approval_request_id: (await freshRequest()).id, user_id: actorId[a], vote: 'approve' }),
    patch: { comment: 'changed' },
  },
  // Admins change policies only through save_approval_policy (approval-policies.test.ts), never by writing rows.
  approval_policy_versions: {
    fixture: async () => serviceInsert('approval_policy_versions', await freshPolicyVersion()),
    insert: () => freshPolicyVersion(),
    patch: { change_reason: 'rewritten' },
  },
  approval_policy_rules: {
    fixture: async () => serviceInsert('approval_policy_rules', await freshPolicyRule()),
    insert: () => freshPolicyRule(),
    patch: { required: 5 },
  },
  deployments: {
    fixture: () => serviceInsert('deployments', { project_id: DEMO.project, environment_id: DEMO.env.dev, version: uniq('v'), deployed_by: DEMO.users.operator }),
    insert: (a) => ({ project_id: DEMO.project, environment_id: DEMO.env.dev, version: uniq('v'), deployed_by: actorId[a] }),
    patch: { reason: 'changed' },
  },
  deployment_versions: {
    fixture: () => serviceInsert('deployment_versions', { project_id: DEMO.project, environment_id: DEMO.env.dev, version_tag: uniq('v') }),
    insert: () => ({ project_id: DEMO.project, environment_id: DEMO.env.dev, version_tag: uniq('v') }),
    patch: { is_current: true },
  },
  connections: {
    fixture: () => serviceInsert('connections', { organization_id: DEMO.acme, type: 'slack', name: uniq('conn') }),
    insert: () => ({ organization_id: DEMO.acme, type: 'slack', name: uniq('conn') }),
    patch: { status: 'down' },
  },
  connection_health_events: {
    fixture: () => serviceInsert('connection_health_events', { connection_id: DEMO.connection, status: 'healthy' }),
    insert: () => ({ connection_id: DEMO.connection, status: 'down' }),
    patch: { message: 'changed' },
  },
  github_integrations: {
    fixture: () => serviceInsert('github_integrations', { project_id: DEMO.project, repository_owner: 'acme', repository_name: uniq('repo'), webhook_secret: 'whsec' }),
    insert: () => ({ project_id: DEMO.project, repository_owner: 'acme', repository_name: uniq('repo') }),
    patch: { workflow_file: '.github/workflows/other.yml' },
  },
  github_tokens: {
    fixture: () => serviceInsert('github_tokens', { user_id: DEMO.users.viewer, encrypted_token: 'ciphertext' }),
    insert: (a) => ({ user_id: own(a), encrypted_token: 'plaintext?' }),
    patch: { scopes: ['admin:org'] },
  },
  branch_mappings: {
    fixture: () => serviceInsert('branch_mappings', { project_id: DEMO.project, branch_pattern: uniq('b'), environment_id: DEMO.env.dev }),
    insert: () => ({ project_id: DEMO.project, branch_pattern: uniq('b'), environment_id: DEMO.env.dev }),
    patch: { is_deployable: false },
  },
  ai_analyses: {
    fixture: () => serviceInsert('ai_analyses', {
      organization_id: DEMO.acme, project_id: DEMO.project, execution_id: DEMO.runningExecution, analyzer: 'model', model: 'matrix', answer: 'real', requested_by: DEMO.users.viewer,
    }),
    insert: (a) => ({ organization_id: DEMO.acme, project_id: DEMO.project, execution_id: DEMO.runningExecution, analyzer: 'model', model: 'forged', answer: 'forged', requested_by: own(a) }),
    patch: { answer: 'tampered', total_tokens: 0 },
  },
  sandboxes: {
    fixture: async () => {
      const [visitor] = await sql(stack, `insert into auth.users (id, aud, role, is_anonymous) values (gen_random_uuid(), 'authenticated', 'authenticated', true) returning id`)
      const org = await serviceInsert('organizations', { name: 'Sandbox', slug: uniq('sandbox') })
      return serviceInsert('sandboxes', { organization_id: org.id, user_id: visitor.id })
    },
    insert: (a) => ({ organization_id: DEMO.acme, user_id: own(a) }),
    patch: { expires_at: '2999-01-01T00:00:00+00:00' },
    key: 'organization_id',
  },
  webhook_deliveries: {
    fixture: () => serviceInsert('webhook_deliveries', { delivery_id: uniq('d'), event: 'push', project_id: DEMO.project }),
    insert: () => ({ delivery_id: uniq('d'), event: 'push', project_id: DEMO.project }),
    patch: { status: 'failed' },
  },
  otel_ingest_tokens: {
    fixture: () => serviceInsert('otel_ingest_tokens', {
      connection_id: '50000000-0000-4000-a000-000000000005', organization_id: DEMO.acme, project_id: DEMO.project, token_hash: uniq('hash'), token_hint: 'abcd',
    }),
    insert: () => ({ connection_id: '50000000-0000-4000-a000-000000000005', organization_id: DEMO.acme, project_id: DEMO.project, token_hash: uniq('forged'), token_hint: 'zzzz' }),
    patch: { revoked_at: '2030-01-01T00:00:00+00:00' },
  },
  telemetry_signals: {
    fixture: () => serviceInsert('telemetry_signals', { project_id: DEMO.project, signal_type: 'metric' }),
    insert: () => ({ project_id: DEMO.project, signal_type: 'log' }),
    patch: { name: 'changed' },
  },
  audit_logs: {
    fixture: async () => {
      await sql(stack, `select audit.record('matrix', 'projects', $1::text, $2::uuid, $1::uuid, null, null)`, [DEMO.project, DEMO.acme])
      return (await sql(stack, 'select * from public.audit_logs order by id desc limit 1'))[0]
    },
    insert: () => ({ action: 'forged', resource_type: 'projects', hash: 'x' }),
    patch: { action: 'rewritten' },
  },
  widget_metrics: {
    fixture: () => serviceInsert('widget_metrics', { project_id: DEMO.project, widget_type: 'w', metric_name: 'm', metric_value: 1 }),
    insert: () => ({ project_id: DEMO.project, widget_type: 'w', metric_name: 'm', metric_value: 2 }),
    patch: { metric_value: 3 },
  },
  dashboard_layouts: {
    fixture: () => serviceInsert('dashboard_layouts', { user_id: DEMO.users.viewer, project_id: DEMO.project, name: uniq('layout') }),
    insert: (a) => ({ user_id: actorId[a], project_id: DEMO.project, name: uniq('layout') }),
    patch: { name: 'renamed' },
  },
  otel_export_queue: {
    fixture: async () => serviceInsert('otel_export_queue', { connection_id: await exportConnection(), signal_id: await anySignal(), organization_id: DEMO.acme }),
    insert: async () => ({ connection_id: await exportConnection(), signal_id: await anySignal(), organization_id: DEMO.acme }),
    patch: { state: 'delivered' },
    key: 'connection_id', // each fixture has its own connection
  },
  otel_export_batches: {
    fixture: async () => serviceInsert('otel_export_batches', { id: crypto.randomUUID(), connection_id: await exportConnection(), organization_id: DEMO.acme, spans: 1, attempt: 1 }),
    insert: async () => ({ id: crypto.randomUUID(), connection_id: await exportConnection(), organization_id: DEMO.acme, spans: 1, attempt: 1 }),
    patch: { outcome: 'delivered' },
  },
  notification_events: {
    fixture: () => serviceInsert('notification_events', { user_id: DEMO.users.viewer, type: 'matrix' }),
    insert: (a) => ({ user_id: own(a), type: 'forged' }),
    patch: { read_at: '2030-01-01T00:00:00+00:00' },
  },
  notification_channels: {
    fixture: () => serviceInsert('notification_channels', { organization_id: DEMO.acme, kind: 'email', name: uniq('mail') }),
    insert: () => ({ organization_id: DEMO.acme, kind: 'slack', name: uniq('slack'), url: 'https://hooks.example.test/x' }),
    patch: { name: 'renamed' },
  },
  notification_preferences: {
    fixture: async () => (await service.from('notification_preferences').select().eq('user_id', DEMO.users.viewer).maybeSingle()).data
      ?? serviceInsert('notification_preferences', { user_id: DEMO.users.viewer }),
    beforeInsert: async (a) => { await service.from('notification_preferences').delete().eq('user_id', own(a)) },
    insert: (a) => ({ user_id: own(a), muted_types: ['run_failed'] }),
    patch: { email_enabled: false, muted_types: [uniq('t')] },
    key: 'user_id',
  },
  notification_deliveries: {
    fixture: async () => serviceInsert('notification_deliveries', {
      dedup_key: uniq('matrix'), event_type: 'matrix', event_key: uniq('matrix'), organization_id: DEMO.acme, user_id: DEMO.users.viewer,
      channel_id: (await serviceInsert('notification_channels', { organization_id: DEMO.acme, kind: 'email', name: uniq('mail'), enabled: false })).id,
    }),
    insert: async () => ({
      dedup_key: uniq('forged'), event_type: 'forged', event_key: 'forged', organization_id: DEMO.acme,
      channel_id: (await serviceInsert('notification_channels', { organization_id: DEMO.acme, kind: 'email', name: uniq('mail'), enabled: false })).id,
    }),
    patch: { status: 'delivered' },
  },
  approval_link_uses: {
    fixture: async () => serviceInsert('approval_link_uses', {
      nonce: uniq('nonce-nonce-nonce'), approval_request_id: (await freshRequest()).id, project_id: DEMO.project, user_id: DEMO.users.viewer,
      decision: 'approve', outcome: 'refused',
    }),
    insert: async (a) => ({ nonce: uniq('forged-forged-forged'), approval_request_id: (await freshRequest()).id, project_id: DEMO.project,
      user_id: own(a), decision: 'approve', outcome: 'recorded' }),
    patch: { outcome: 'recorded' },
    key: 'nonce',
  },
  test_reports: { fixture: () => serviceInsert('test_reports', freshReport()), insert: freshReport, patch: { failed: 5 } },
  test_cases: {
    fixture: async () => serviceInsert('test_cases', await freshCase()),
    insert: freshCase,
    patch: { status: 'failed' },
  },
  vulnerability_scans: { fixture: () => serviceInsert('vulnerability_scans', freshScan()), insert: freshScan, patch: { critical: 9 } },
  vulnerability_findings: {
    fixture: async () => serviceInsert('vulnerability_findings', await freshFinding()),
    insert: freshFinding,
    patch: { severity: 'low' },
  },
  sboms: { fixture: () => serviceInsert('sboms', freshSbom()), insert: freshSbom, patch: { package_count: 0 } },
  sbom_packages: {
    fixture: async () => serviceInsert('sbom_packages', await freshSbomPackage()),
    insert: freshSbomPackage,
    patch: { licences: ['GPL-3.0-only'] },
  },
  step_evidence: {
    fixture: () => serviceInsert('step_evidence', { ...onNode(), kind: 'coverage', title: 'Coverage 81%' }),
    insert: () => ({ ...onNode(), kind: 'coverage', title: 'Coverage 100%' }),
    patch: { status: 'failed' },
  },
  evidence_gates: {
    fixture: async () => serviceInsert('evidence_gates', { project_id: DEMO.project, environment_id: (await freshEnv()).id, kind: 'security' }),
    insert: async () => ({ project_id: DEMO.project, environment_id: (await freshEnv()).id, kind: 'tests' }),
    patch: { max_critical: 3 },
  },
  evidence_gate_exceptions: {
    fixture: () => serviceInsert('evidence_gate_exceptions', { environment_id: DEMO.env.dev, kind: 'security', execution_id: DEMO.runningExecution, reason: 'matrix fixture', requested_by: DEMO.users.sre }),
    insert: (a) => ({ environment_id: DEMO.env.dev, kind: 'security', execution_id: DEMO.runningExecution, reason: 'matrix insert', requested_by: actorId[a] }),
    patch: { status: 'approved' },
  },
  github_commit_statuses: {
    fixture: () => serviceInsert('github_commit_statuses', freshStatus()),
    insert: freshStatus,
    patch: { state: 'success' },
  },
}

const stable = (value: unknown) => JSON.stringify(value)

async function serviceRow(table: string, id: unknown): Promise<Row | null> {
  if (table === 'audit_logs') return (await sql(stack, 'select * from public.audit_logs where id = $1', [id]))[0] ?? null
  const { data, error } = await service.from(table).select().eq(CASES[table].key ?? 'id', id).maybeSingle()
  if (error) throw new Error(`${table}: ${error.message}`)
  return data
}

async function cell(table: string, actor: Actor): Promise<string> {
  const spec = CASES[table]
  const key = spec.key ?? 'id'
  const client = clients[actor]
  let result = ''

  const seen = await spec.fixture()
  const { data: selected } = await client.from(table).select(key).eq(key, seen[key])
  result += selected?.length === 1 ? 's' : '-'

  await spec.beforeInsert?.(actor)
  const { error: insertError } = await client.from(table).insert(await spec.insert(actor))
  result += insertError ? '-' : 'i'

  const target = await spec.fixture()
  await client.from(table).update(spec.patch).eq(key, target[key])
  const after = await serviceRow(table, target[key])
  const changed = Object.keys(spec.patch).some((k) => stable(after?.[k]) !== stable(target[k]))
  result += changed ? 'u' : '-'

  const doomed = table === 'profiles' || table === 'user_roles' || table === 'user_preferences' || table === 'notification_preferences' ? target : await spec.fixture()
  await client.from(table).delete().eq(key, doomed[key])
  result += (await serviceRow(table, doomed[key])) ? '-' : 'd'
  return result
}

beforeAll(async () => {
  stack = await startProjectStack()
  service = stack.service()
  clients.anon = stack.anon()
  actorId.anon = null
  const emails = { viewer: 'viewer@opzenix.dev', operator: 'operator@opzenix.dev', admin: 'admin@opzenix.dev', other: 'globex@opzenix.dev' }
  for (const [actor, email] of Object.entries(emails) as Array<[Actor, string]>) {
    clients[actor] = await signIn(stack, email)
    actorId[actor] = (await clients[actor].auth.getUser()).data.user!.id
  }
  // Approval fixtures hang off a run started by someone else than the voters, so no vote is a self-approval.
  approvalsRun = (await serviceInsert('executions', { project_id: DEMO.project, name: 'approvals matrix', started_by: DEMO.users.sre })).id as string
}, 120_000)
afterAll(async () => { await stack?.stop() })

describe('row-level security matrix', () => {
  it('covers every table in public', async () => {
    const tables = await sql(stack, `select tablename from pg_tables where schemaname = 'public' order by 1`)
    expect(tables.map((t) => t.tablename).sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  it('gives each role exactly the access the table says', async () => {
    const actual: Record<string, string[]> = {}
    for (const table of Object.keys(EXPECTED)) {
      actual[table] = []
      for (const actor of ACTORS) actual[table].push(await cell(table, actor))
    }
    expect(actual).toEqual(EXPECTED)
  }, 300_000)

  it('shows an invitation email\'s delivery (addressed by to_email, carrying the token until sent) to its organization\'s admins only', async () => {
    const channel = await serviceInsert('notification_channels', { organization_id: DEMO.acme, kind: 'email', name: uniq('mail'), enabled: false })
    const delivery = await serviceInsert('notification_deliveries', {
      dedup_key: uniq('invite'), event_type: 'invitation', event_key: uniq('invitation'), organization_id: DEMO.acme,
      channel_id: channel.id, to_email: 'someone-new@example.test', payload: { token: 'not-for-everyone' },
    })
    const seen: Record<string, number> = {}
    for (const actor of ACTORS) seen[actor] = ((await clients[actor].from('notification_deliveries').select('to_email, payload').eq('id', delivery.id)).data ?? []).length
    expect(seen).toEqual({ anon: 0, viewer: 0, operator: 0, admin: 1, other: 0 })
    // One recipient at most: an address or an account, not both.
    const both = await service.from('notification_deliveries').insert({ dedup_key: uniq('both'), event_type: 'invitation', event_key: 'both',
      organization_id: DEMO.acme, channel_id: channel.id, to_email: 'someone-new@example.test', user_id: DEMO.users.viewer })
    expect(both.error?.code).toBe('23514')
  })

  it('shows anonymous visitors the public templates and nothing else', async () => {
    const { data: templates } = await clients.anon.from('pipeline_templates').select('name, is_public')
    expect(templates!.length).toBeGreaterThanOrEqual(5)
    expect(templates!.every((t) => t.is_public)).toBe(true)
    const { data: projects } = await clients.anon.from('projects').select('id')
    expect(projects).toEqual([])
  })

  it('keeps each organization\'s seeded rows away from the other', async () => {
    const { data: globexSees } = await clients.other.from('projects').select('name')
    expect(globexSees).toEqual([{ name: 'rocket-sled' }])
    const { data: acmeSees } = await clients.viewer.from('environments').select('key, project_id').lt('position', 100).order('position')
    expect(acmeSees!.map((e) => e.key)).toEqual(['dev', 'uat', 'staging', 'preprod', 'prod'])
    const { data: globexEnvs } = await clients.other.from('environments').select('project_id')
    expect(new Set(globexEnvs!.map((e) => e.project_id))).toEqual(new Set(['20000000-0000-4000-a000-000000000002']))
  })
})
