-- Demo data for development, tests and demos (never for production). Runs once on a fresh database, as the
-- database owner. Timestamps are relative to now() so dashboards always look current.
--
-- Users (password for all: opzenix-demo):
--   admin@opzenix.dev     installation admin, admin of Acme       lead@opzenix.dev  admin of Acme
--   operator@opzenix.dev  operator of Acme                        sre@opzenix.dev   operator of Acme
--   viewer@opzenix.dev    viewer of Acme                          globex@opzenix.dev admin of Globex only
--
-- On a real Supabase project there are no demo users: sign up, then make the first admin in the SQL editor
-- (see docs/data-model.md, "The first admin").

-- ---------------------------------------------------------------- users (GoTrue-compatible rows)

insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, created_at, updated_at,
  raw_app_meta_data, raw_user_meta_data, confirmation_token, recovery_token, email_change_token_new,
  email_change, email_change_token_current, phone_change, phone_change_token, reauthentication_token
)
select '00000000-0000-0000-0000-000000000000', u.id, 'authenticated', 'authenticated', u.email,
  extensions.crypt('opzenix-demo', extensions.gen_salt('bf', 10)), now() - interval '30 days',
  now() - interval '30 days', now() - interval '30 days',
  '{"provider":"email","providers":["email"]}'::jsonb, jsonb_build_object('full_name', u.full_name),
  '', '', '', '', '', '', '', ''
from (values
  ('00000000-0000-4000-a000-000000000001'::uuid, 'admin@opzenix.dev', 'Ada Admin'),
  ('00000000-0000-4000-a000-000000000002'::uuid, 'operator@opzenix.dev', 'Otto Operator'),
  ('00000000-0000-4000-a000-000000000003'::uuid, 'viewer@opzenix.dev', 'Vera Viewer'),
  ('00000000-0000-4000-a000-000000000004'::uuid, 'globex@opzenix.dev', 'Gus Globex'),
  ('00000000-0000-4000-a000-000000000005'::uuid, 'lead@opzenix.dev', 'Lena Lead'),
  ('00000000-0000-4000-a000-000000000006'::uuid, 'sre@opzenix.dev', 'Sam Reliability')
) as u (id, email, full_name);

insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select u.id::text, u.id, jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true, 'phone_verified', false),
  'email', now() - interval '1 day', u.created_at, u.created_at
from auth.users u where u.email like '%@opzenix.dev';

-- handle_new_user made everyone a viewer; the installation's first admin is made explicitly.
insert into public.user_roles (user_id, role) values
  ('00000000-0000-4000-a000-000000000001', 'admin'),
  ('00000000-0000-4000-a000-000000000002', 'operator');

-- ---------------------------------------------------------------- organizations and projects

insert into public.organizations (id, name, slug, owner_id, created_at) values
  ('10000000-0000-4000-a000-000000000001', 'Acme', 'acme', '00000000-0000-4000-a000-000000000001', now() - interval '30 days'),
  ('10000000-0000-4000-a000-000000000002', 'Globex', 'globex', '00000000-0000-4000-a000-000000000004', now() - interval '30 days');

-- Owners became admins through the organizations trigger.
insert into public.organization_members (organization_id, user_id, role) values
  ('10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000002', 'operator'),
  ('10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000003', 'viewer'),
  ('10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000005', 'admin'),
  ('10000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000006', 'operator');

insert into public.projects (id, organization_id, name, description, github_repo_url, created_by, created_at) values
  ('20000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', 'payments-api',
   'Card payments, refunds and payouts service', 'https://github.com/acme/payments-api',
   '00000000-0000-4000-a000-000000000001', now() - interval '30 days'),
  ('20000000-0000-4000-a000-000000000002', '10000000-0000-4000-a000-000000000002', 'rocket-sled',
   'Globex propulsion telemetry', 'https://github.com/globex/rocket-sled',
   '00000000-0000-4000-a000-000000000004', now() - interval '30 days');

-- ---------------------------------------------------------------- environments

insert into public.environments (id, project_id, key, display_name, tier, position, required_approvals, deploy_strategy) values
  ('30000000-0000-4000-a000-000000000001', '20000000-0000-4000-a000-000000000001', 'dev', 'Development', 'development', 0, 0, 'rolling'),
  ('30000000-0000-4000-a000-000000000002', '20000000-0000-4000-a000-000000000001', 'uat', 'User acceptance', 'testing', 1, 1, 'rolling'),
  ('30000000-0000-4000-a000-000000000003', '20000000-0000-4000-a000-000000000001', 'staging', 'Staging', 'staging', 2, 1, 'canary'),
  ('30000000-0000-4000-a000-000000000004', '20000000-0000-4000-a000-000000000001', 'preprod', 'Pre-production', 'preproduction', 3, 2, 'canary'),
  ('30000000-0000-4000-a000-000000000005', '20000000-0000-4000-a000-000000000001', 'prod', 'Production', 'production', 4, 3, 'blue_green'),
  ('30000000-0000-4000-a000-000000000011', '20000000-0000-4000-a000-000000000002', 'dev', 'Development', 'development', 0, 0, 'rolling'),
  ('30000000-0000-4000-a000-000000000015', '20000000-0000-4000-a000-000000000002', 'prod', 'Production', 'production', 1, 2, 'blue_green');

insert into public.secret_references (project_id, environment_id, ref_key, provider, external_name, scope, description)
select e.project_id, e.id, s.ref_key || '_' || upper(e.key), s.provider, 'payments-api/' || e.key || '/' || lower(s.ref_key), 'environment', s.description
from public.environments e
cross join (values
  ('DATABASE_URL', 'supabase_vault', 'Postgres connection string'),
  ('STRIPE_API_KEY', 'azure_key_vault', 'Card processor API key')
) as s (ref_key, provider, description)
where e.project_id = '20000000-0000-4000-a000-000000000001';

insert into public.environment_configs (project_id, environment_id, variables, secrets_ref)
select e.project_id, e.id,
  jsonb_build_object(
    'LOG_LEVEL', case when e.tier = 'production' then 'warn' else 'debug' end,
    'REPLICAS', (array[1, 2, 2, 3, 6])[e.position + 1],
    'API_BASE_URL', format('https://%s.payments.acme.example', e.key),
    'FEATURE_INSTANT_PAYOUTS', e.position >= 2
  ),
  array['DATABASE_URL_' || upper(e.key), 'STRIPE_API_KEY_' || upper(e.key)]
from public.environments e where e.project_id = '20000000-0000-4000-a000-000000000001';

-- ---------------------------------------------------------------- pipelines and templates

-- A graph node as the editor stores it: xyflow type, position, and data {label, kind, config}.
create function pg_temp.node(_id text, _label text, _kind text, _x int, _y int, _config jsonb default '{}')
returns jsonb language sql immutable as $$
  select jsonb_build_object('id', _id,
    'type', case _kind when 'simulated' then 'stage' when 'github_workflow' then 'stage' else _kind end,
    'position', jsonb_build_object('x', _x, 'y', _y),
    'data', jsonb_build_object('label', _label, 'kind', _kind, 'config', _config))
$$;

-- Edges from "a>b" pairs; "a>b!" runs b only when a failed.
create function pg_temp.edges(variadic _pairs text[])
returns jsonb language sql immutable as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', 'e-' || split_part(p, '>', 1) || '-' || rtrim(split_part(p, '>', 2), '!'),
    'source', split_part(p, '>', 1), 'target', rtrim(split_part(p, '>', 2), '!'),
    'data', jsonb_build_object('condition', case when p like '%!' then 'on_failure' else 'on_success' end))), '[]')
  from unnest(_pairs) as p
$$;

create temporary table demo_graphs (type public.flow_type primary key, name text, description text, nodes jsonb, edges jsonb);
insert into demo_graphs values
('cicd', 'Payments API release', 'Build, test and scan every merge to main, then promote through staging to production.',
  jsonb_build_array(
    pg_temp.node('checkout', 'Checkout', 'simulated', 0, 100, '{"duration_ms": 4000}'),
    pg_temp.node('build', 'Build image', 'github_workflow', 220, 100, '{"workflow": ".github/workflows/build.yml", "ref": "main"}'),
    pg_temp.node('unit-tests', 'Unit tests', 'simulated', 440, 0, '{"duration_ms": 90000}'),
    pg_temp.node('security-scan', 'Security scan', 'simulated', 440, 200, '{"duration_ms": 60000, "tool": "trivy"}'),
    pg_temp.node('approve-staging', 'Approve staging', 'approval', 660, 100, '{"environment": "staging"}'),
    pg_temp.node('deploy-staging', 'Deploy to staging', 'deploy', 880, 100, '{"environment": "staging"}'),
    pg_temp.node('smoke-tests', 'Smoke tests', 'simulated', 1100, 100, '{"duration_ms": 30000}'),
    pg_temp.node('approve-prod', 'Approve production', 'approval', 1320, 100, '{"environment": "prod"}'),
    pg_temp.node('deploy-prod', 'Deploy to production', 'deploy', 1540, 100, '{"environment": "prod"}'),
    pg_temp.node('notify', 'Notify #payments', 'notify', 1760, 100, '{"channel": "slack:#payments"}')),
  pg_temp.edges('checkout>build', 'build>unit-tests', 'build>security-scan', 'unit-tests>approve-staging',
    'security-scan>approve-staging', 'approve-staging>deploy-staging', 'deploy-staging>smoke-tests',
    'smoke-tests>approve-prod', 'approve-prod>deploy-prod', 'deploy-prod>notify')),
('mlops', 'Fraud model retraining', 'Retrain the fraud model weekly, gate on evaluation metrics, ship to UAT.',
  jsonb_build_array(
    pg_temp.node('ingest', 'Ingest transactions', 'simulated', 0, 0, '{"duration_ms": 120000}'),
    pg_temp.node('validate-data', 'Validate data', 'simulated', 220, 0, '{"duration_ms": 30000}'),
    pg_temp.node('train', 'Train model', 'github_workflow', 440, 0, '{"workflow": ".github/workflows/train.yml"}'),
    pg_temp.node('evaluate', 'Evaluate (AUC >= 0.92)', 'simulated', 660, 0, '{"duration_ms": 45000}'),
    pg_temp.node('register', 'Register model', 'checkpoint', 880, 0, '{}'),
    pg_temp.node('approve-uat', 'Approve UAT', 'approval', 1100, 0, '{"environment": "uat"}'),
    pg_temp.node('deploy-uat', 'Deploy to UAT', 'deploy', 1320, 0, '{"environment": "uat"}')),
  pg_temp.edges('ingest>validate-data', 'validate-data>train', 'train>evaluate', 'evaluate>register', 'register>approve-uat', 'approve-uat>deploy-uat')),
('llmops', 'Support assistant prompt release', 'Evaluate prompt changes against the golden set and a red-team suite.',
  jsonb_build_array(
    pg_temp.node('prompt-diff', 'Prompt diff', 'simulated', 0, 0, '{"duration_ms": 2000}'),
    pg_temp.node('eval-golden', 'Golden-set eval', 'simulated', 220, 0, '{"duration_ms": 180000}'),
    pg_temp.node('red-team', 'Red-team suite', 'simulated', 440, 0, '{"duration_ms": 240000}'),
    pg_temp.node('approve', 'Approve rollout', 'approval', 660, 0, '{"environment": "staging"}'),
    pg_temp.node('deploy', 'Deploy prompt', 'deploy', 880, 0, '{"environment": "staging"}')),
  pg_temp.edges('prompt-diff>eval-golden', 'eval-golden>red-team', 'red-team>approve', 'approve>deploy')),
('infrastructure', 'Platform Terraform', 'Plan, policy-check and apply the payments VPC and database changes.',
  jsonb_build_array(
    pg_temp.node('plan', 'terraform plan', 'github_workflow', 0, 0, '{"workflow": ".github/workflows/terraform-plan.yml"}'),
    pg_temp.node('policy', 'Policy check (OPA)', 'simulated', 220, 0, '{"duration_ms": 15000}'),
    pg_temp.node('approve', 'Approve apply', 'approval', 440, 0, '{"environment": "dev"}'),
    pg_temp.node('apply', 'terraform apply', 'github_workflow', 660, 0, '{"workflow": ".github/workflows/terraform-apply.yml"}'),
    pg_temp.node('wait', 'Settle 5 min', 'wait', 880, 0, '{"seconds": 300}'),
    pg_temp.node('drift', 'Drift check', 'simulated', 1100, 0, '{"duration_ms": 20000}')),
  pg_temp.edges('plan>policy', 'policy>approve', 'approve>apply', 'apply>wait', 'wait>drift')),
('security', 'Nightly security sweep', 'Static analysis, dependency audit, image and secret scanning every night.',
  jsonb_build_array(
    pg_temp.node('sast', 'SAST (semgrep)', 'simulated', 0, 0, '{"duration_ms": 60000}'),
    pg_temp.node('deps', 'Dependency audit', 'simulated', 0, 150, '{"duration_ms": 30000}'),
    pg_temp.node('image-scan', 'Container scan', 'simulated', 220, 75, '{"duration_ms": 45000}'),
    pg_temp.node('secrets', 'Secret scan', 'simulated', 440, 75, '{"duration_ms": 20000}'),
    pg_temp.node('report', 'Report to #security', 'notify', 660, 75, '{"channel": "slack:#security"}'),
    pg_temp.node('page', 'Page on-call', 'notify', 660, 225, '{"channel": "pagerduty"}')),
  pg_temp.edges('sast>image-scan', 'deps>image-scan', 'image-scan>secrets', 'secrets>report', 'secrets>page!'));

insert into public.flow_templates (project_id, name, description, type, nodes, edges, created_by, created_at)
select '20000000-0000-4000-a000-000000000001', g.name, g.description, g.type, g.nodes, g.edges,
  '00000000-0000-4000-a000-000000000002', now() - interval '28 days'
from demo_graphs g;

insert into public.flow_templates (project_id, name, type, nodes, edges, created_by)
select '20000000-0000-4000-a000-000000000002', 'Sled firmware build', 'cicd', g.nodes, g.edges, '00000000-0000-4000-a000-000000000004'
from demo_graphs g where g.type = 'cicd';

insert into public.pipeline_templates (organization_id, name, description, category, flow_type, nodes, edges, popularity, tags, is_public)
select null, 'Starter: ' || g.name, g.description,
  case g.type when 'cicd' then 'Continuous delivery' when 'mlops' then 'Machine learning' when 'llmops' then 'LLM apps'
    when 'infrastructure' then 'Infrastructure as code' else 'Security' end,
  g.type, g.nodes, g.edges, (array[980, 420, 310, 540, 660])[row_number() over (order by g.type)],
  case g.type when 'cicd' then '{docker,kubernetes,canary}'::text[] when 'mlops' then '{training,evaluation}'
    when 'llmops' then '{prompts,evals}' when 'infrastructure' then '{terraform,opa}' else '{sast,sca,trivy}' end,
  true
from demo_graphs g;

insert into public.pipeline_templates (organization_id, name, description, category, flow_type, nodes, edges, popularity, tags, is_public, created_by)
select '10000000-0000-4000-a000-000000000001', 'Acme hotfix lane', 'Internal: skip UAT for sev-1 fixes, two approvals for prod.',
  'Continuous delivery', 'cicd', g.nodes, g.edges, 12, '{hotfix,internal}', false, '00000000-0000-4000-a000-000000000001'
from demo_graphs g where g.type = 'cicd';

-- ---------------------------------------------------------------- finished executions

-- Past runs: cicd every 9 hours, the others daily. A few failed, warned or were cancelled.
create temporary table demo_runs as
select gen_random_uuid() as id, f.id as flow_template_id, f.type, f.name, f.nodes, f.edges, r.n,
  now() - (r.n * case when f.type = 'cicd' then interval '9 hours' else interval '1 day' end) - interval '20 minutes' as started_at,
  case when r.n % 7 = 3 then 'failed' when r.n % 5 = 4 then 'warning' when r.n % 11 = 8 then 'cancelled' else 'success' end::public.execution_status as status,
  case when f.type = 'cicd' then '00000000-0000-4000-a000-000000000002' else '00000000-0000-4000-a000-000000000006' end::uuid as started_by
from public.flow_templates f
cross join generate_series(1, 12) as r (n)
where f.project_id = '20000000-0000-4000-a000-000000000001' and (f.type = 'cicd' or r.n <= 6);

insert into public.executions (id, project_id, flow_template_id, name, flow_type, status, environment_id, progress, graph,
  trigger_source, branch, commit_sha, started_by, started_at, finished_at, error_message, created_at)
select r.id, '20000000-0000-4000-a000-000000000001', r.flow_template_id, r.name || ' #' || (100 - r.n), r.type, r.status,
  case r.type when 'cicd' then '30000000-0000-4000-a000-000000000005' when 'mlops' then '30000000-0000-4000-a000-000000000002'
    when 'llmops' then '30000000-0000-4000-a000-000000000003' when 'infrastructure' then '30000000-0000-4000-a000-000000000001' end::uuid,
  case when r.status in ('success', 'warning') then 100 else 40 end,
  jsonb_build_object('nodes', r.nodes, 'edges', r.edges),
  case when r.type = 'cicd' then 'webhook' when r.type = 'security' then 'schedule' else 'manual' end,
  'main', substr(md5(r.id::text), 1, 40), r.started_by, r.started_at, r.started_at + interval '18 minutes',
  case r.status when 'failed' then 'Node failed: see its logs' when 'cancelled' then 'Cancelled by operator' end,
  r.started_at - interval '5 seconds'
from demo_runs r;

-- Nodes in graph order; a failed run fails at its third node and skips the rest; a cancelled run stops there.
create temporary table demo_nodes as
select r.id as execution_id, r.status as run_status, r.started_at as run_started_at, n.node, n.ord,
  case
    when r.status in ('success', 'warning') then case when r.status = 'warning' and n.ord = 3 then 'warning' else 'success' end
    when n.ord < 3 then 'success'
    when n.ord = 3 then case r.status when 'failed' then 'failed' else 'cancelled' end
    else 'skipped'
  end::public.node_status as status
from demo_runs r
cross join lateral jsonb_array_elements(r.nodes) with ordinality as n (node, ord);

insert into public.execution_nodes (execution_id, project_id, node_id, name, kind, config, status, started_at, finished_at, duration_ms, logs)
select d.execution_id, '20000000-0000-4000-a000-000000000001', d.node ->> 'id', d.node -> 'data' ->> 'label',
  (d.node -> 'data' ->> 'kind')::public.node_kind, d.node -> 'data' -> 'config', d.status,
  case when d.status <> 'skipped' then d.run_started_at + (d.ord * interval '90 seconds') end,
  case when d.status <> 'skipped' then d.run_started_at + (d.ord * interval '90 seconds') + interval '75 seconds' end,
  case when d.status <> 'skipped' then 60000 + (d.ord * 7919) % 30000 end,
  case d.status when 'failed' then 'exit code 1' when 'warning' then 'completed with 2 warnings' when 'skipped' then null else 'ok' end
from demo_nodes d;

insert into public.execution_logs (execution_id, project_id, node_id, level, message, created_at)
select d.execution_id, '20000000-0000-4000-a000-000000000001', d.node ->> 'id', l.level::public.log_level,
  format(l.message, d.node -> 'data' ->> 'label'), d.run_started_at + (d.ord * interval '90 seconds') + l.at
from demo_nodes d
cross join lateral (values
  ('info', 'Starting %s', interval '1 second'),
  ('debug', '%s: resolved configuration and credentials references', interval '3 seconds'),
  (case d.status when 'failed' then 'error' when 'warning' then 'warn' else 'info' end,
   case d.status when 'failed' then '%s failed: 3 of 412 tests failed (PaymentIntentTest.refundsPartialCapture)'
     when 'warning' then '%s finished with 2 warnings (deprecated API usage)' else '%s finished' end, interval '75 seconds')
) as l (level, message, at)
where d.status <> 'skipped';

insert into public.execution_state_events (execution_id, project_id, node_id, old_state, new_state, reason, actor_id, created_at)
select r.id, '20000000-0000-4000-a000-000000000001', null, s.old_state, s.new_state, s.reason, r.started_by, r.started_at + s.at
from demo_runs r
cross join lateral (values
  (null, 'queued', 'triggered', interval '-5 seconds'),
  ('queued', 'running', 'picked up by the engine', interval '0 seconds'),
  ('running', r.status::text, case r.status when 'failed' then 'a node failed' when 'cancelled' then 'cancelled by operator' else 'all nodes finished' end, interval '18 minutes')
) as s (old_state, new_state, reason, at);

insert into public.execution_state_events (execution_id, project_id, node_id, old_state, new_state, reason, created_at)
select d.execution_id, '20000000-0000-4000-a000-000000000001', d.node ->> 'id', 'running', d.status::text, null,
  d.run_started_at + (d.ord * interval '90 seconds') + interval '75 seconds'
from demo_nodes d where d.status <> 'skipped';

insert into public.checkpoints (execution_id, project_id, node_id, name, state, created_by, created_at)
select d.execution_id, '20000000-0000-4000-a000-000000000001', d.node ->> 'id', 'After ' || (d.node -> 'data' ->> 'label'),
  jsonb_build_object('model_uri', 's3://acme-models/fraud/' || left(d.execution_id::text, 8), 'auc', 0.93),
  '00000000-0000-4000-a000-000000000006', d.run_started_at + interval '10 minutes'
from demo_nodes d where d.node -> 'data' ->> 'kind' = 'checkpoint' and d.status = 'success';

insert into public.artifacts (project_id, execution_id, name, image_digest, registry_url, size_bytes, created_at)
select '20000000-0000-4000-a000-000000000001', r.id, 'payments-api:1.' || (100 - r.n) || '.0',
  'sha256:' || encode(extensions.digest(r.id::text, 'sha256'), 'hex'), 'ghcr.io/acme/payments-api',
  180000000 + r.n * 1000, r.started_at + interval '4 minutes'
from demo_runs r where r.type = 'cicd' and r.status <> 'cancelled';

-- ---------------------------------------------------------------- approvals and deployment history

-- Approval requests of successful release runs, decided by real votes (the triggers tally them).
insert into public.approval_requests (execution_id, project_id, node_id, environment_id, title, required_approvals, requested_by, created_at)
select r.id, '20000000-0000-4000-a000-000000000001', g.node_id, g.environment_id, g.title, 1, r.started_by, r.started_at + interval '6 minutes'
from demo_runs r
cross join (values
  ('approve-staging', '30000000-0000-4000-a000-000000000003'::uuid, 'Promote to staging'),
  ('approve-prod', '30000000-0000-4000-a000-000000000005'::uuid, 'Promote to production')
) as g (node_id, environment_id, title)
where r.type = 'cicd' and r.status in ('success', 'warning');

insert into public.approval_votes (approval_request_id, project_id, user_id, vote, comment, created_at)
select a.id, a.project_id, v.user_id, 'approve', v.comment, a.created_at + interval '3 minutes'
from public.approval_requests a
cross join (values
  ('00000000-0000-4000-a000-000000000001'::uuid, 'Change log reviewed'),
  ('00000000-0000-4000-a000-000000000005'::uuid, 'Canary metrics look good'),
  ('00000000-0000-4000-a000-000000000006'::uuid, 'On-call aware')
) as v (user_id, comment)
where a.project_id = '20000000-0000-4000-a000-000000000001'
  and (a.node_id = 'approve-prod' or v.user_id = '00000000-0000-4000-a000-000000000001');

-- The history is imported, not re-enacted: the guard trigger would judge past deploys by today's locks.
alter table public.deployments disable trigger deployments_guard;

create temporary table demo_deploys as
select gen_random_uuid() as id, r.id as execution_id, r.n, r.started_at + x.offset_at as at, x.environment_id,
  '1.' || (100 - r.n) || '.0' as version, r.status, substr(md5(r.id::text), 1, 40) as commit_sha,
  (select a.id from public.approval_requests a where a.execution_id = r.id and a.environment_id = x.environment_id) as approval_request_id
from demo_runs r
cross join (values
  ('30000000-0000-4000-a000-000000000001'::uuid, interval '5 minutes'),
  ('30000000-0000-4000-a000-000000000002'::uuid, interval '7 minutes'),
  ('30000000-0000-4000-a000-000000000003'::uuid, interval '10 minutes'),
  ('30000000-0000-4000-a000-000000000004'::uuid, interval '13 minutes'),
  ('30000000-0000-4000-a000-000000000005'::uuid, interval '16 minutes')
) as x (environment_id, offset_at)
where r.type = 'cicd' and r.status in ('success', 'warning')
  and (x.environment_id <> '30000000-0000-4000-a000-000000000004'::uuid or r.n % 2 = 0);

insert into public.deployments (id, project_id, environment_id, execution_id, approval_request_id, version, status, strategy,
  deployed_by, reason, is_pinned, started_at, finished_at, created_at)
select d.id, '20000000-0000-4000-a000-000000000001', d.environment_id, d.execution_id, d.approval_request_id, d.version,
  case when d.n = 2 and d.environment_id = '30000000-0000-4000-a000-000000000005' then 'rolled_back' else 'success' end::public.deployment_status,
  e.deploy_strategy, '00000000-0000-4000-a000-000000000002', 'Release ' || d.version, d.n = 9, d.at, d.at + interval '2 minutes', d.at
from demo_deploys d join public.environments e on e.id = d.environment_id;

-- A production rollback after the newest-but-one release misbehaved.
insert into public.deployments (project_id, environment_id, version, status, strategy, deployed_by, reason, rollback_of_id, started_at, finished_at)
select '20000000-0000-4000-a000-000000000001', d.environment_id, p.version, 'success', 'blue_green', '00000000-0000-4000-a000-000000000001',
  'Elevated 5xx on /refunds after ' || d.version, d.id, d.at + interval '30 minutes', d.at + interval '32 minutes'
from demo_deploys d
cross join lateral (select p.version from demo_deploys p where p.environment_id = d.environment_id and p.n > d.n order by p.n limit 1) p
where d.n = 2 and d.environment_id = '30000000-0000-4000-a000-000000000005';

alter table public.deployments enable trigger deployments_guard;

-- Versions in time order; each insert retires the previous current one for its environment.
insert into public.deployment_versions (project_id, environment_id, deployment_id, version_tag, commit_sha, is_current, created_at)
select d.project_id, d.environment_id, d.id, d.version, coalesce(r.commit_sha, substr(md5(d.version), 1, 40)), true, d.finished_at
from public.deployments d
left join public.executions r on r.id = d.execution_id
where d.status in ('success', 'rolled_back')
order by d.finished_at;

-- ---------------------------------------------------------------- a run in progress, waiting for production approval

insert into public.executions (id, project_id, flow_template_id, name, flow_type, status, environment_id, progress, graph,
  trigger_source, branch, commit_sha, started_by, started_at, created_at)
select '40000000-0000-4000-a000-000000000001', f.project_id, f.id, f.name || ' #100', 'cicd', 'running',
  '30000000-0000-4000-a000-000000000005', 70, jsonb_build_object('nodes', f.nodes, 'edges', f.edges),
  'webhook', 'main', 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', '00000000-0000-4000-a000-000000000002',
  now() - interval '12 minutes', now() - interval '12 minutes'
from public.flow_templates f where f.project_id = '20000000-0000-4000-a000-000000000001' and f.type = 'cicd';

insert into public.execution_nodes (execution_id, project_id, node_id, name, kind, config, status, started_at, finished_at, duration_ms)
select '40000000-0000-4000-a000-000000000001', '20000000-0000-4000-a000-000000000001', n.node ->> 'id', n.node -> 'data' ->> 'label',
  (n.node -> 'data' ->> 'kind')::public.node_kind, n.node -> 'data' -> 'config',
  case when n.ord <= 7 then 'success' when n.ord = 8 then 'waiting' else 'pending' end::public.node_status,
  case when n.ord <= 8 then now() - interval '12 minutes' + n.ord * interval '80 seconds' end,
  case when n.ord <= 7 then now() - interval '12 minutes' + n.ord * interval '80 seconds' + interval '70 seconds' end,
  case when n.ord <= 7 then 70000 end
from public.flow_templates f
cross join lateral jsonb_array_elements(f.nodes) with ordinality as n (node, ord)
where f.project_id = '20000000-0000-4000-a000-000000000001' and f.type = 'cicd';

insert into public.approval_requests (execution_id, project_id, node_id, environment_id, title, required_approvals, expires_at, requested_by)
values ('40000000-0000-4000-a000-000000000001', '20000000-0000-4000-a000-000000000001', 'approve-prod',
  '30000000-0000-4000-a000-000000000005', 'Promote 1.100.0 to production', 3, now() + interval '1 day', '00000000-0000-4000-a000-000000000002');

insert into public.approval_votes (approval_request_id, project_id, user_id, vote, comment)
select a.id, a.project_id, '00000000-0000-4000-a000-000000000005', 'approve', 'Staging soak clean for 6h'
from public.approval_requests a where a.execution_id = '40000000-0000-4000-a000-000000000001';

-- ---------------------------------------------------------------- locks and freeze windows

insert into public.environment_locks (project_id, environment_id, is_locked, required_role, lock_reason, locked_by, locked_at)
select e.project_id, e.id, e.key in ('preprod', 'prod'), 'admin',
  case e.key when 'preprod' then 'Load test in progress' when 'prod' then 'Production changes need an admin' end,
  case when e.key in ('preprod', 'prod') then '00000000-0000-4000-a000-000000000001'::uuid end,
  case when e.key in ('preprod', 'prod') then now() - interval '2 days' end
from public.environments e where e.project_id = '20000000-0000-4000-a000-000000000001';

insert into public.freeze_windows (project_id, environment_id, starts_at, ends_at, reason, created_by) values
  ('20000000-0000-4000-a000-000000000001', '30000000-0000-4000-a000-000000000005',
   date_trunc('day', now()) + interval '4 days 18 hours', date_trunc('day', now()) + interval '7 days 6 hours',
   'Quarter-end settlement freeze', '00000000-0000-4000-a000-000000000001'),
  ('20000000-0000-4000-a000-000000000001', null, now() - interval '20 days', now() - interval '17 days',
   'Payment network maintenance', '00000000-0000-4000-a000-000000000001');

-- ---------------------------------------------------------------- integrations

insert into public.connections (id, organization_id, type, name, status, config, secret_ref, validated, last_validated_at, created_by) values
  ('50000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', 'github', 'GitHub (acme)', 'healthy',
   '{"api_url": "https://api.github.com", "org": "acme"}', 'GITHUB_APP_PRIVATE_KEY', true, now() - interval '5 minutes', '00000000-0000-4000-a000-000000000001'),
  ('50000000-0000-4000-a000-000000000002', '10000000-0000-4000-a000-000000000001', 'container_registry', 'GHCR', 'healthy',
   '{"registry_url": "ghcr.io/acme"}', 'GHCR_TOKEN', true, now() - interval '5 minutes', '00000000-0000-4000-a000-000000000001'),
  ('50000000-0000-4000-a000-000000000003', '10000000-0000-4000-a000-000000000001', 'kubernetes', 'AKS prod-westeurope', 'degraded',
   '{"api_server": "https://aks-prod-we.acme.example:443", "namespace": "payments"}', 'AKS_PROD_KUBECONFIG', true, now() - interval '5 minutes', '00000000-0000-4000-a000-000000000001'),
  ('50000000-0000-4000-a000-000000000004', '10000000-0000-4000-a000-000000000001', 'slack', 'Slack #payments', 'healthy',
   '{"channel": "#payments"}', 'SLACK_WEBHOOK_URL', true, now() - interval '1 hour', '00000000-0000-4000-a000-000000000001'),
  ('50000000-0000-4000-a000-000000000005', '10000000-0000-4000-a000-000000000001', 'otel', 'OTLP collector', 'unknown',
   '{"endpoint": "https://otel.acme.example:4318"}', null, false, null, '00000000-0000-4000-a000-000000000001'),
  ('50000000-0000-4000-a000-000000000011', '10000000-0000-4000-a000-000000000002', 'github', 'GitHub (globex)', 'healthy',
   '{"org": "globex"}', 'GITHUB_APP_PRIVATE_KEY', true, now(), '00000000-0000-4000-a000-000000000004');

insert into public.connection_health_events (connection_id, organization_id, status, response_time_ms, message, checked_at)
select c.id, c.organization_id,
  case when c.type = 'kubernetes' and h % 6 = 0 then 'degraded' else 'healthy' end::public.connection_status,
  40 + (h * 37 + length(c.name) * 11) % 180 + case when c.type = 'kubernetes' then 250 else 0 end,
  case when c.type = 'kubernetes' and h % 6 = 0 then 'API server p95 above 1s' end,
  now() - h * interval '1 hour'
from public.connections c cross join generate_series(0, 23) as h
where c.validated;

insert into public.github_integrations (id, project_id, repository_owner, repository_name, workflow_file, installation_id, webhook_secret, created_by) values
  ('60000000-0000-4000-a000-000000000001', '20000000-0000-4000-a000-000000000001', 'acme', 'payments-api',
   '.github/workflows/build.yml', 4242001, 'whsec_demo_acme_payments_0f9d2c', '00000000-0000-4000-a000-000000000001'),
  ('60000000-0000-4000-a000-000000000002', '20000000-0000-4000-a000-000000000002', 'globex', 'rocket-sled',
   '.github/workflows/ci.yml', 4242002, 'whsec_demo_globex_sled_77ab10', '00000000-0000-4000-a000-000000000004');

-- Ciphertext as the github-token function stores it (AES-GCM, base64); demo values, not real tokens.
insert into public.github_tokens (user_id, encrypted_token, token_hint, scopes, expires_at) values
  ('00000000-0000-4000-a000-000000000001', 'v1:gcm:3q2+7w==:ZGVtby1jaXBoZXJ0ZXh0LWFkbWlu', 'x9Qa', '{repo,workflow}', now() + interval '80 days'),
  ('00000000-0000-4000-a000-000000000002', 'v1:gcm:AAECAw==:ZGVtby1jaXBoZXJ0ZXh0LW9wZXJhdG9y', 'k2Lm', '{repo}', now() + interval '30 days');

insert into public.branch_mappings (project_id, github_integration_id, branch_pattern, environment_id, flow_template_id, is_deployable)
select '20000000-0000-4000-a000-000000000001', '60000000-0000-4000-a000-000000000001', m.pattern, m.environment_id,
  (select f.id from public.flow_templates f where f.project_id = '20000000-0000-4000-a000-000000000001' and f.type = 'cicd'), m.deployable
from (values
  ('feature/*', '30000000-0000-4000-a000-000000000001'::uuid, false),
  ('develop', '30000000-0000-4000-a000-000000000001'::uuid, true),
  ('release/*', '30000000-0000-4000-a000-000000000004'::uuid, true),
  ('main', '30000000-0000-4000-a000-000000000003'::uuid, true)
) as m (pattern, environment_id, deployable);

insert into public.webhook_deliveries (provider, delivery_id, event, project_id, github_integration_id, status, payload, received_at, processed_at)
select 'github', gen_random_uuid()::text, case when r.n % 2 = 0 then 'push' else 'workflow_run' end,
  '20000000-0000-4000-a000-000000000001', '60000000-0000-4000-a000-000000000001', 'processed',
  jsonb_build_object('ref', 'refs/heads/main', 'after', substr(md5(r.id::text), 1, 40), 'repository', jsonb_build_object('full_name', 'acme/payments-api')),
  r.started_at - interval '10 seconds', r.started_at - interval '6 seconds'
from demo_runs r where r.type = 'cicd';

-- ---------------------------------------------------------------- telemetry, dashboards, notifications

insert into public.telemetry_signals (project_id, execution_id, signal_type, name, otel_trace_id, otel_span_id, payload, observed_at)
select '20000000-0000-4000-a000-000000000001', d.execution_id, 'trace', 'pipeline.node ' || (d.node ->> 'id'),
  substr(md5(d.execution_id::text) || md5(d.execution_id::text), 1, 32), substr(md5(d.execution_id::text || (d.node ->> 'id')), 1, 16),
  jsonb_build_object('status', d.status, 'service.name', 'opzenix-engine'), d.run_started_at + d.ord * interval '90 seconds'
from demo_nodes d where d.status <> 'skipped';

insert into public.telemetry_signals (project_id, signal_type, name, payload, observed_at)
select '20000000-0000-4000-a000-000000000001', 'metric', 'http.server.duration',
  jsonb_build_object('p95_ms', 120 + (h * 53) % 90, 'environment', 'prod', 'route', '/v1/payments'), now() - h * interval '15 minutes'
from generate_series(0, 95) as h;

insert into public.widget_metrics (project_id, widget_type, metric_name, metric_value, labels, recorded_at)
select '20000000-0000-4000-a000-000000000001', m.widget_type, m.metric_name, m.base + (d * 17 % 7) * m.step,
  jsonb_build_object('environment', 'prod'), date_trunc('day', now()) - d * interval '1 day'
from generate_series(0, 13) as d
cross join (values
  ('deploy_frequency', 'deploys_per_day', 2.0, 0.5),
  ('lead_time', 'lead_time_hours', 5.0, 1.5),
  ('change_failure_rate', 'change_failure_percent', 6.0, 2.0),
  ('mttr', 'time_to_restore_minutes', 34.0, 9.0)
) as m (widget_type, metric_name, base, step);

insert into public.dashboard_layouts (user_id, project_id, name, layout, is_default)
select u.id, '20000000-0000-4000-a000-000000000001', 'Release overview',
  '[{"i": "deploy_frequency", "x": 0, "y": 0, "w": 6, "h": 4}, {"i": "change_failure_rate", "x": 6, "y": 0, "w": 6, "h": 4},
    {"i": "executions", "x": 0, "y": 4, "w": 12, "h": 6}]'::jsonb, true
from auth.users u where u.email in ('admin@opzenix.dev', 'operator@opzenix.dev', 'viewer@opzenix.dev');

insert into public.notification_events (user_id, project_id, type, target, payload, read_at, created_at)
select u.id, '20000000-0000-4000-a000-000000000001', n.type, 'in_app', n.payload, n.read_at, now() - n.ago
from auth.users u
cross join (values
  ('approval_requested', '{"title": "Promote 1.100.0 to production", "execution_id": "40000000-0000-4000-a000-000000000001"}'::jsonb, null::timestamptz, interval '3 minutes'),
  ('deployment_rolled_back', '{"environment": "prod", "version": "1.98.0"}'::jsonb, now() - interval '1 day', interval '2 days'),
  ('execution_failed', '{"execution": "Payments API release #97"}'::jsonb, null, interval '27 hours')
) as n (type, payload, read_at, ago)
where u.email in ('admin@opzenix.dev', 'operator@opzenix.dev', 'viewer@opzenix.dev', 'lead@opzenix.dev');
