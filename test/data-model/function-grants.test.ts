import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, signIn, sql, startProjectStack, type Client } from './demo.ts'

// Who may execute each callable function in the schemas PostgREST exposes (config.toml [api] schemas) and in
// private. A function missing here, or granted to a role not listed, fails the test: a new migration must
// decide its grants (docs/data-model.md says why each one is here).
const BROWSER = ['authenticated', 'service_role']
const SERVER = ['service_role']
const ALLOWED: Record<string, string[]> = {
  'public.org_role_at_least': BROWSER,
  'public.project_role_at_least': BROWSER,
  'public.control_tower_kpis': BROWSER,
  'public.control_tower_runs_per_day': BROWSER,
  'public.dashboard_figures': BROWSER,
  'public.dora_metrics': BROWSER,
  'public.dora_metrics_series': BROWSER,
  'public.project_activity': BROWSER,
  'public.telemetry_facets': BROWSER,
  'public.telemetry_metric_series': BROWSER,
  'public.rollback_deployment': BROWSER,
  'public.instantiate_pipeline_template': BROWSER,
  'public.restore_flow_template_version': BROWSER,
  'public.promotion_plan': BROWSER,
  'public.environment_promotion_status': BROWSER,
  'public.release_matrix': BROWSER,
  'public.lock_environment_for_switch': BROWSER,
  'public.issue_otel_ingest_token': BROWSER,
  'public.revoke_otel_ingest_token': BROWSER,
  'public.refresh_widget_metrics': BROWSER,
  'public.verify_audit_chain': BROWSER,
  'public.transfer_organization': BROWSER,
  'public.invite_member': BROWSER,
  'public.invitation_preview': BROWSER,
  'public.accept_invitation': BROWSER,
  'public.send_test_notification': BROWSER,
  'public.environment_actions': BROWSER,
  'public.create_environment': BROWSER,
  'public.move_environment': BROWSER,
  'public.archive_environment': BROWSER,
  'public.restore_environment': BROWSER,
  'public.environment_config_refusal': BROWSER,
  'public.save_approval_policy': BROWSER,
  'public.approval_request_explain': BROWSER,
  'public.engine_apply': SERVER,
  'public.engine_create_execution': SERVER,
  'public.engine_blocked_environments': SERVER,
  'public.lift_expired_locks': SERVER,
  'public.decide_break_glass': BROWSER,
  'public.freeze_window_occurrences': BROWSER,
  'public.github_workflow_claim': SERVER,
  'public.github_workflow_record': SERVER,
  'public.github_workflow_run_event': SERVER,
  'public.github_workflow_job_event': SERVER,
  'public.claim_github_statuses': SERVER,
  'public.finish_github_status': SERVER,
  'public.ingest_otel_batch': SERVER,
  'public.otel_ingest_token_project': SERVER,
  'public.claim_otel_export_batch': SERVER,
  'public.finish_otel_export_batch': SERVER,
  'public.prune_otel_export': SERVER,
  'public.otel_export_due': SERVER,
  'public.notification_delivery_due': SERVER,
  'public.claim_notification_deliveries': SERVER,
  'public.finish_notification_delivery': SERVER,
  'public.use_approval_link': SERVER,
  'public.audit_approval_link': SERVER,
  'public.begin_ai_analysis': SERVER,
  'public.open_sandbox': BROWSER,
  'public.sandbox_cleanup_due': SERVER,
  'public.cleanup_expired_sandboxes': SERVER,
  'public.engine_effect': [],
  'public.engine_log': [],
  'public.engine_record_deployment': [],
  'public.engine_refuse': [],
  'public.engine_rollback_deployment': [],
  'public.execution_trace_id': [],
  'public.execution_run_span_id': [],
  'public.execution_task_span_id': [],
  'public.execution_node_traceparent': [],
  'public.cicd_task_type': [],
  // Policy helpers: policies run as the caller, so authenticated executes them; PostgREST cannot reach private.
  'private.has_role': ['authenticated'],
  'private.has_any_role': ['authenticated'],
  'private.member_role': ['authenticated'],
  'private.is_org_member': ['authenticated'],
  'private.project_org': ['authenticated'],
  'private.is_project_member': ['authenticated'],
  'private.shares_org_with': ['authenticated'],
  'private.can_act': ['authenticated'],
  'private.action_refusal': ['authenticated'],
  // Asked as the caller by promotion_plan (security invoker), and by the engine's deploy step.
  'private.promotion_problem': ['authenticated'],
  // Invoker helpers of create/move/archive/restore_environment, which run as the caller.
  'private.renumber_environments': ['authenticated'],
  'private.lock_chain': ['authenticated'],
  'private.require_environment_admin': ['authenticated'],
  // Internal to the permission functions above and the deploy, run and vote triggers.
  'private.environment_decision': [],
  'private.may_break_glass': [],
  'private.run_refusal': [],
  // Secret detection and secret lookups, internal to the configuration triggers.
  'private.shannon_entropy': [],
  'private.secret_lookalike': [],
  'private.variable_refusal': [],
  'private.secret_reference_refusal': [],
  'private.config_refusal': [],
  'private.secret_entries': [],
  // Internal to the deploy guard, engine_blocked_environments and the freeze-window checks.
  'private.lock_in_force': [],
  'private.freeze_window_until': [],
  'private.cron_occurrence_end': [],
  'private.cron_parse': [],
  'private.cron_field': [],
  'private.cron_fires': [],
  'private.check_recurrence': [],
  // Internal to the approval-policy vote triggers and approval_request_explain.
  'private.approval_rule_has': [],
  'private.approval_match': [],
  'private.approval_waiting_for': [],
  'private.approval_vote_refusal': [],
  // Internal to the notification triggers.
  'private.notification_muted': [],
  'private.raise_notification': [],
  'private.raise_invitation_email': [],
  'private.approval_recipients': [],
  // Internal to begin_ai_analysis.
  'private.ai_rate_limits': [],
  // The public edge functions' rate limits, called over SUPABASE_DB_URL as postgres (no API role).
  'private.hit_rate_limits': [],
  // Internal to the trigger that marks simulated deployments.
  'private.deployment_is_simulated': [],
  // The demo sandboxes: the organizations insert policy asks is_anonymous as the caller; the rest are internal.
  'private.is_anonymous': ['authenticated'],
  'private.is_sandbox': [],
  'private.client_ip': [],
  'private.demo_node': [],
  'private.demo_edge': [],
  // The log panel's window, counts and find (issue 13): membership checked once, then the node's lines by index.
  'public.node_log_count': BROWSER,
  'public.node_log_page': BROWSER,
  'public.node_log_find': BROWSER,
  'private.require_log_reader': [],
  // CI evidence gates (issue 15): the verdict runs as the caller and asks the private helpers as them; deciding an
  // exception is the second person's security definer step.
  'public.evidence_gate_verdict': BROWSER,
  'public.decide_gate_exception': BROWSER,
  'private.version_evidence_run': ['authenticated'],
  'private.execution_evidence_run': ['authenticated'],
  'private.evidence_gate_problems': ['authenticated'],
  'private.run_coverage': ['authenticated'],
}

// What anon may execute anywhere: the functions Supabase itself provides to policies and storage paths.
const ANON_ANYWHERE = [
  'auth.email', 'auth.jwt', 'auth.role', 'auth.uid', 'realtime.topic',
  'storage.extension', 'storage.filename', 'storage.foldername',
]

const API_ROLES = ['anon', 'authenticated', 'service_role']

let stack: TestStack
const clients: Record<string, Client> = {}

beforeAll(async () => {
  stack = await startProjectStack()
  clients.anon = stack.anon()
  clients.viewer = await signIn(stack, 'viewer@opzenix.dev')
  clients.admin = await signIn(stack, 'admin@opzenix.dev')
}, 120_000)
afterAll(async () => { await stack?.stop() })

// Functions not created by an extension, with the API roles that may execute them. Trigger functions are left
// out: they cannot be called, and Postgres does not check EXECUTE when a trigger fires.
async function executableBy(schemas: string[]): Promise<Record<string, string[]>> {
  const rows = await sql<{ fn: string; roles: string[] }>(stack, `
    select n.nspname || '.' || p.proname as fn,
      array(select r from unnest($2::text[]) r where has_function_privilege(r, p.oid, 'execute') order by r) as roles
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = any ($1) and p.prorettype not in ('trigger'::regtype, 'event_trigger'::regtype)
      and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
    order by 1`, [schemas, API_ROLES])
  return Object.fromEntries(rows.map((row) => [row.fn, row.roles]))
}

describe('who may execute database functions', () => {
  it('grants every function in the exposed schemas and private exactly the roles on the allow-list', async () => {
    const actual = await executableBy(['public', 'graphql_public', 'private'])
    expect(actual).toEqual(ALLOWED)
  })

  it('lets anon execute only what Supabase provides, in every schema', async () => {
    const rows = await sql<{ fn: string }>(stack, `
      select distinct n.nspname || '.' || p.proname as fn
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname not in ('pg_catalog', 'information_schema', 'extensions') and n.nspname not like 'pg_toast%'
        and has_function_privilege('anon', p.oid, 'execute')
        and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
      order by 1`)
    expect(rows.map((row) => row.fn)).toEqual(ANON_ANYWHERE)
  })

  it('pins search_path on every security definer function', async () => {
    const unpinned = await sql(stack, `
      select n.nspname || '.' || p.proname as fn
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where p.prosecdef and n.nspname not in ('pg_catalog', 'information_schema')
        and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%')`)
    expect(unpinned).toEqual([])
  })

  it('gives a function created by a later migration no EXECUTE for PUBLIC, anon or authenticated', async () => {
    await sql(stack, `create function public.later_helper() returns int language sql as 'select 1'`)
    try {
      const [row] = await sql(stack, `select
        has_function_privilege('anon', 'public.later_helper()', 'execute') as anon,
        has_function_privilege('authenticated', 'public.later_helper()', 'execute') as authenticated,
        has_function_privilege('service_role', 'public.later_helper()', 'execute') as service_role`)
      expect(row).toEqual({ anon: false, authenticated: false, service_role: true })
    } finally {
      await sql(stack, 'drop function public.later_helper()')
    }
  })
})

describe('internal helpers through the API', () => {
  const probes: Array<[string, Record<string, unknown>]> = [
    ['project_org', { _project_id: DEMO.project }],
    ['has_role', { _user_id: DEMO.users.admin, _role: 'admin' }],
    ['member_role', { _org_id: DEMO.acme, _user_id: DEMO.users.admin }],
    ['shares_org_with', { _user_id: DEMO.users.globex }],
    ['execution_trace_id', { _execution_id: DEMO.runningExecution }],
  ]

  it('answers nothing about other projects, users or runs to anon or signed-in users', async () => {
    for (const who of ['anon', 'viewer', 'admin']) {
      for (const [fn, args] of probes) {
        const { data, error } = await clients[who].rpc(fn, args)
        expect(data, `${who} ${fn}`).toBeNull()
        expect(error?.code, `${who} ${fn}`).toMatch(/^(PGRST202|42501)$/)
      }
    }
  })

  it('still answers a signed-in user about their own role, and anon not at all', async () => {
    const args = { _project_id: DEMO.project, _role: 'operator' }
    expect((await clients.admin.rpc('project_role_at_least', args)).data).toBe(true)
    expect((await clients.viewer.rpc('project_role_at_least', args)).data).toBe(false)
    expect((await clients.anon.rpc('project_role_at_least', args)).error?.code).toBe('42501')
  })

  it('keeps the policies that use the helpers working for members', async () => {
    const { data: projects } = await clients.viewer.from('projects').select('id')
    expect(projects).toEqual([{ id: DEMO.project }])
    const { data: profiles } = await clients.viewer.from('profiles').select('id').eq('id', DEMO.users.admin)
    expect(profiles).toEqual([{ id: DEMO.users.admin }])
    const { data: outsiders } = await clients.viewer.from('profiles').select('id').eq('id', DEMO.users.globex)
    expect(outsiders).toEqual([])
  })
})
