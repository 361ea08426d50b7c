-- Demo data for development, tests and demos (never for production). Runs once on a fresh database, as the
-- database owner. Timestamps are relative to now() so dashboards always look current.
--
-- Users (password for all: opzenix-demo):
--   admin@opzenix.dev     installation admin, admin of Acme       lead@opzenix.dev  admin of Acme
--   operator@opzenix.dev  operator of Acme                        sre@opzenix.dev   operator of Acme
--   viewer@opzenix.dev    viewer of Acme                          globex@opzenix.dev admin of Globex only
--
-- Pipelines are in the builder's stored form and pass its rules; the run history is replayed with the engine's
-- rules (see "run history" below), and the release in progress waits on its production gate (1 of 3 approvals).
-- docs/data-model.md, "Seed", describes all of it.
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

-- Graphs in the builder's stored form (supabase/functions/_shared/pipeline/stored.ts): a node is
-- {id, type: <kind>, position, data: {label, config}}, an edge {id, source, target, data: {on}}. Every seeded
-- pipeline passes validateGraph against its project's environments (test/data-model/seed-runs.test.ts).
create function pg_temp.node(_id text, _kind text, _label text, _x int, _y int, _config jsonb default '{}')
returns jsonb language sql immutable as $$
  select jsonb_build_object('id', _id, 'type', _kind, 'position', jsonb_build_object('x', _x, 'y', _y),
    'data', jsonb_build_object('label', _label, 'config', _config))
$$;

-- A simulated work stage: lasts _ms, ends in _outcome, writes _lines while it runs.
create function pg_temp.sim(_ms int, _lines text[], _outcome text default 'success')
returns jsonb language sql immutable as $$
  select jsonb_build_object('executor', jsonb_build_object('type', 'simulated', 'duration_ms', _ms, 'outcome', _outcome,
    'log_lines', to_jsonb(_lines)))
$$;

-- Edges from "a>b" pairs; "a>b!" runs b only when a failed, "a>b*" whatever a's outcome.
create function pg_temp.edges(variadic _pairs text[])
returns jsonb language sql immutable as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', split_part(p, '>', 1) || '->' || rtrim(split_part(p, '>', 2), '!*'),
    'source', split_part(p, '>', 1), 'target', rtrim(split_part(p, '>', 2), '!*'),
    'data', jsonb_build_object('on', case when p like '%!' then 'failure' when p like '%*' then 'always' else 'success' end))), '[]')
  from unnest(_pairs) as p
$$;

create temporary table demo_graphs (
  key text primary key, id uuid, project_id uuid, type public.flow_type, name text, description text, nodes jsonb, edges jsonb);

insert into demo_graphs values
('dev', '70000000-0000-4000-a000-000000000001', '20000000-0000-4000-a000-000000000001', 'cicd',
  'Payments API: build and deploy to dev', 'Every push to develop: build, test and ship to dev in about ten seconds. No gates.',
  jsonb_build_array(
    pg_temp.node('src', 'source', 'acme/payments-api@develop', 0, 80, '{"repository": "acme/payments-api", "branch": "develop"}'),
    pg_temp.node('build', 'build', 'Build image', 240, 80, pg_temp.sim(4000, array[
      'npm ci --prefer-offline: 1,284 packages in 6.1s',
      'tsc -p tsconfig.build.json: 0 errors',
      'docker build -t ghcr.io/acme/payments-api:develop .',
      'pushed ghcr.io/acme/payments-api:develop (sha256:4f1c09e2, 182 MB)'])),
    pg_temp.node('unit-tests', 'test', 'Unit tests', 480, 0, pg_temp.sim(3000, array[
      'vitest run --reporter=dot',
      'Test Files  38 passed (38)',
      'Tests  412 passed (412); coverage: statements 87.4%, branches 81.2%'])),
    pg_temp.node('lint', 'test', 'Lint and typecheck', 480, 160, pg_temp.sim(2000, array[
      'eslint . --max-warnings=0: no problems',
      'tsc --noEmit: 0 errors'])),
    pg_temp.node('deploy-dev', 'deploy', 'Deploy to dev', 720, 80, '{"environment": "dev", "strategy": "rolling", "duration_ms": 2000}'),
    pg_temp.node('notify', 'notify', 'Tell the team', 960, 80, '{"channel": "in_app", "message": "payments-api is live on dev"}')),
  pg_temp.edges('src>build', 'build>unit-tests', 'build>lint', 'unit-tests>deploy-dev', 'lint>deploy-dev', 'deploy-dev>notify')),
('release', '70000000-0000-4000-a000-000000000002', '20000000-0000-4000-a000-000000000001', 'cicd',
  'Payments API release', 'Build, test and scan main, then promote through staging (1 approval) to production (3 approvals).',
  jsonb_build_array(
    pg_temp.node('src', 'source', 'acme/payments-api@main', 0, 80, '{"repository": "acme/payments-api", "branch": "main"}'),
    pg_temp.node('build', 'build', 'Build and push image', 240, 80, pg_temp.sim(5000, array[
      'npm ci --prefer-offline: 1,284 packages in 6.4s',
      'vite build: 212 modules transformed, dist/ 1.8 MB',
      'docker buildx build --platform linux/amd64,linux/arm64 -t ghcr.io/acme/payments-api .',
      'pushed ghcr.io/acme/payments-api (sha256:9b2d7c41, 184 MB)'])),
    pg_temp.node('unit-tests', 'test', 'Unit tests', 480, 0, pg_temp.sim(4000, array[
      'vitest run --coverage',
      'Test Files  38 passed (38)',
      'Tests  412 passed (412)',
      'coverage: statements 87.6%, branches 81.4%'])),
    pg_temp.node('contract-tests', 'test', 'Contract tests (Pact)', 480, 160, pg_temp.sim(3000, array[
      'pact verify against broker: 6 consumers',
      'checkout-web, refunds-worker, ledger, payouts, mobile-ios, mobile-android: all verified'])),
    pg_temp.node('security-scan', 'security_scan', 'Trivy and Semgrep', 720, 80, pg_temp.sim(4000, array[
      'trivy image ghcr.io/acme/payments-api: 0 critical, 0 high, 3 medium (accepted)',
      'semgrep --config p/owasp-top-ten: 0 findings',
      'gitleaks: no secrets in 47 new commits'])),
    pg_temp.node('release-candidate', 'checkpoint', 'Release candidate', 960, 80, '{"label": "Release candidate"}'),
    pg_temp.node('approve-staging', 'approval', 'Approve staging', 1200, 80, '{"environment": "staging"}'),
    pg_temp.node('deploy-staging', 'deploy', 'Deploy to staging', 1440, 80, '{"environment": "staging", "strategy": "canary", "duration_ms": 3000}'),
    pg_temp.node('smoke-staging', 'test', 'Smoke tests (staging)', 1680, 80, pg_temp.sim(3000, array[
      'GET https://staging.payments.acme.example/healthz: 200 in 41 ms',
      'POST /v1/payment_intents (test card 4242): succeeded',
      'POST /v1/refunds (partial): succeeded',
      'canary 10% → 100%: error rate 0.02%, p95 184 ms'])),
    pg_temp.node('rollback-staging', 'rollback', 'Roll staging back', 1920, 220, '{"environment": "staging"}'),
    pg_temp.node('approve-prod', 'approval', 'Approve production', 1920, 80, '{"environment": "prod"}'),
    pg_temp.node('deploy-prod', 'deploy', 'Deploy to production', 2160, 80, '{"environment": "prod", "strategy": "blue_green", "duration_ms": 4000}'),
    pg_temp.node('notify', 'notify', 'Announce the release', 2400, 80, '{"channel": "in_app", "message": "payments-api release is live in production"}')),
  pg_temp.edges('src>build', 'build>unit-tests', 'build>contract-tests', 'unit-tests>security-scan', 'contract-tests>security-scan',
    'security-scan>release-candidate', 'release-candidate>approve-staging', 'approve-staging>deploy-staging',
    'deploy-staging>smoke-staging', 'smoke-staging>approve-prod', 'smoke-staging>rollback-staging!',
    'approve-prod>deploy-prod', 'deploy-prod>notify')),
('mlops', '70000000-0000-4000-a000-000000000003', '20000000-0000-4000-a000-000000000001', 'mlops',
  'Fraud model retraining', 'Retrain the card-fraud model on the last 90 days, evaluate it on the holdout set, ship it to UAT.',
  jsonb_build_array(
    pg_temp.node('src', 'source', 'acme/fraud-model@main', 0, 0, '{"repository": "acme/fraud-model", "branch": "main"}'),
    pg_temp.node('features', 'build', 'Build feature set', 240, 0, pg_temp.sim(4000, array[
      'reading 2,413,908 card transactions (last 90 days)',
      'joined merchant risk scores and chargeback labels',
      'wrote features.parquet (1.9 GB, 212 columns)'])),
    pg_temp.node('train', 'train', 'Train model (XGBoost)', 480, 0, pg_temp.sim(6000, array[
      'training on 1,931,126 rows, validating on 482,782',
      '[100] train-auc:0.9512 valid-auc:0.9318',
      '[200] train-auc:0.9581 valid-auc:0.9347',
      'early stopping at round 236; saved model.bin (41 MB)'])),
    pg_temp.node('evaluate', 'evaluate', 'Evaluate on holdout', 720, 0, pg_temp.sim(3000, array[
      'AUC 0.934 (target ≥ 0.92): pass',
      'precision at 1% review rate 0.871: pass',
      'false positives on card-present rose 0.4 pp: review before promoting'], 'warning')),
    pg_temp.node('register', 'checkpoint', 'Register model', 960, 0, '{"label": "Model registered"}'),
    pg_temp.node('approve-uat', 'approval', 'Approve UAT', 1200, 0, '{"environment": "uat"}'),
    pg_temp.node('deploy-uat', 'deploy', 'Serve in UAT', 1440, 0, '{"environment": "uat", "strategy": "canary", "duration_ms": 3000}'),
    pg_temp.node('notify', 'notify', 'Tell risk ops', 1680, 0, '{"channel": "in_app", "message": "A new fraud model is serving in UAT"}')),
  pg_temp.edges('src>features', 'features>train', 'train>evaluate', 'evaluate>register', 'register>approve-uat', 'approve-uat>deploy-uat', 'deploy-uat>notify')),
('infra', '70000000-0000-4000-a000-000000000004', '20000000-0000-4000-a000-000000000001', 'infrastructure',
  'Platform Terraform', 'Plan and policy-check the payments VPC and database changes, then apply them to pre-production (2 approvals).',
  jsonb_build_array(
    pg_temp.node('src', 'source', 'acme/platform-infra@main', 0, 0, '{"repository": "acme/platform-infra", "branch": "main"}'),
    pg_temp.node('plan', 'plan', 'terraform plan', 240, 0, pg_temp.sim(4000, array[
      'terraform init: 6 providers, backend azurerm',
      'Refreshing state... (214 resources)',
      'Plan: 3 to add, 2 to change, 0 to destroy.'])),
    pg_temp.node('policy', 'policy_check', 'Policy check (OPA, tfsec)', 480, 0, pg_temp.sim(3000, array[
      'conftest test plan.json: 38 policies, 0 failures',
      'tfsec: 0 high, 1 low (azure-network-no-public-egress, accepted)'])),
    pg_temp.node('plan-saved', 'checkpoint', 'Plan saved', 720, 0, '{"label": "Reviewed plan"}'),
    pg_temp.node('approve-preprod', 'approval', 'Approve apply to preprod', 960, 0, '{"environment": "preprod"}'),
    pg_temp.node('apply-preprod', 'deploy', 'terraform apply (preprod)', 1200, 0, '{"environment": "preprod", "strategy": "rolling", "duration_ms": 3000}'),
    pg_temp.node('settle', 'wait', 'Let it settle', 1440, 0, '{"duration_ms": 5000}'),
    pg_temp.node('drift', 'drift_check', 'Drift check', 1680, 0, pg_temp.sim(2000, array[
      'terraform plan -detailed-exitcode: no changes',
      'preprod matches the applied plan'])),
    pg_temp.node('notify', 'notify', 'Tell platform', 1920, 0, '{"channel": "in_app", "message": "Terraform applied to preprod"}')),
  pg_temp.edges('src>plan', 'plan>policy', 'policy>plan-saved', 'plan-saved>approve-preprod', 'approve-preprod>apply-preprod',
    'apply-preprod>settle', 'settle>drift', 'drift>notify')),
('llmops', '70000000-0000-4000-a000-000000000005', '20000000-0000-4000-a000-000000000001', 'llmops',
  'Support assistant prompt release', 'Evaluate prompt changes against the golden set and a red-team suite, then ship them to UAT.',
  jsonb_build_array(
    pg_temp.node('src', 'source', 'acme/support-assistant@main', 0, 0, '{"repository": "acme/support-assistant", "branch": "main"}'),
    pg_temp.node('bundle', 'build', 'Render prompt bundle', 240, 0, pg_temp.sim(2000, array[
      'rendered 14 prompts, 3 changed since the last release',
      'bundle prompts.json (38 KB)'])),
    pg_temp.node('golden', 'eval_suite', 'Golden-set eval (412 cases)', 480, 0, pg_temp.sim(4000, array[
      'answer accuracy 94.2% (was 93.8%)',
      'refusal rate on in-scope questions 0.7%'])),
    pg_temp.node('red-team', 'guardrail_check', 'Red-team suite', 720, 0, pg_temp.sim(4000, array[
      'jailbreak corpus: 0 of 260 succeeded',
      'PII leakage probes: 0 of 120 leaked'])),
    pg_temp.node('approve-uat', 'approval', 'Approve rollout', 960, 0, '{"environment": "uat"}'),
    pg_temp.node('deploy-uat', 'deploy', 'Ship prompts to UAT', 1200, 0, '{"environment": "uat", "strategy": "rolling", "duration_ms": 2000}')),
  pg_temp.edges('src>bundle', 'bundle>golden', 'golden>red-team', 'red-team>approve-uat', 'approve-uat>deploy-uat')),
('security', '70000000-0000-4000-a000-000000000006', '20000000-0000-4000-a000-000000000001', 'security',
  'Nightly security sweep', 'Static analysis, dependency audit and secret scanning every night; a clean sweep rebuilds on the patched base image for dev.',
  jsonb_build_array(
    pg_temp.node('src', 'source', 'acme/payments-api@main', 0, 120, '{"repository": "acme/payments-api", "branch": "main"}'),
    pg_temp.node('scanners', 'parallel_group', 'Scanners', 240, 120, '{}'),
    pg_temp.node('sast', 'sast', 'SAST (Semgrep)', 480, 0, pg_temp.sim(3000, array[
      'semgrep --config p/typescript --config p/owasp-top-ten',
      '1,904 files scanned: 0 findings'])),
    pg_temp.node('deps', 'dependency_scan', 'Dependency audit', 480, 120, pg_temp.sim(2000, array[
      'npm audit --omit=dev: 0 critical, 0 high',
      'osv-scanner package-lock.json: no new advisories'])),
    pg_temp.node('secrets', 'secrets_scan', 'Secret scan', 480, 240, pg_temp.sim(2000, array[
      'gitleaks detect --log-opts=--since=24.hours: no leaks'])),
    pg_temp.node('rebuild', 'build', 'Rebuild on patched base image', 720, 120, pg_temp.sim(4000, array[
      'FROM node:22-alpine (base image refreshed 6 hours ago)',
      'pushed ghcr.io/acme/payments-api:nightly'])),
    pg_temp.node('deploy-dev', 'deploy', 'Deploy patched build to dev', 960, 120, '{"environment": "dev", "strategy": "rolling", "duration_ms": 2000}'),
    pg_temp.node('page', 'notify', 'Page on-call', 720, 280, '{"channel": "in_app", "message": "Nightly sweep found a vulnerable dependency"}')),
  pg_temp.edges('src>scanners', 'scanners>sast', 'scanners>deps', 'scanners>secrets', 'sast>rebuild', 'deps>rebuild', 'secrets>rebuild',
    'rebuild>deploy-dev', 'deps>page!')),
('globex', '70000000-0000-4000-a000-000000000011', '20000000-0000-4000-a000-000000000002', 'cicd',
  'Sled firmware build', 'Cross-compile the sled firmware, run the hardware-in-the-loop suite, ship to dev, then to prod (2 approvals).',
  jsonb_build_array(
    pg_temp.node('src', 'source', 'globex/rocket-sled@main', 0, 0, '{"repository": "globex/rocket-sled", "branch": "main"}'),
    pg_temp.node('build', 'build', 'Cross-compile firmware', 240, 0, pg_temp.sim(4000, array['cargo build --release --target thumbv7em-none-eabihf', 'firmware.bin 412 KB'])),
    pg_temp.node('hil', 'test', 'Hardware-in-the-loop tests', 480, 0, pg_temp.sim(4000, array['flashing 3 bench sleds', '96 of 96 scenarios passed'])),
    pg_temp.node('deploy-dev', 'deploy', 'Deploy to dev', 720, 0, '{"environment": "dev", "strategy": "rolling", "duration_ms": 2000}'),
    pg_temp.node('approve-prod', 'approval', 'Approve production', 960, 0, '{"environment": "prod"}'),
    pg_temp.node('deploy-prod', 'deploy', 'Deploy to production', 1200, 0, '{"environment": "prod", "strategy": "blue_green", "duration_ms": 3000}')),
  pg_temp.edges('src>build', 'build>hil', 'hil>deploy-dev', 'deploy-dev>approve-prod', 'approve-prod>deploy-prod'));

insert into public.flow_templates (id, project_id, name, description, type, nodes, edges, created_by, created_at)
select g.id, g.project_id, g.name, g.description, g.type, g.nodes, g.edges,
  case when g.key = 'globex' then '00000000-0000-4000-a000-000000000004' else '00000000-0000-4000-a000-000000000002' end::uuid,
  now() - interval '28 days'
from demo_graphs g;

-- The public catalogue: one starter per flow type, and Acme's private hotfix lane.
-- Popularity is not typed in: it counts pipeline_template_uses (below, each demo pipeline made from its starter).
insert into public.pipeline_templates (organization_id, name, description, category, flow_type, nodes, edges, tags, is_public)
select null, 'Starter: ' || g.name, g.description,
  case g.type when 'cicd' then 'Continuous delivery' when 'mlops' then 'Machine learning' when 'llmops' then 'LLM apps'
    when 'infrastructure' then 'Infrastructure as code' else 'Security' end,
  g.type, g.nodes, g.edges,
  case g.type when 'cicd' then '{docker,kubernetes,canary}'::text[] when 'mlops' then '{training,evaluation}'
    when 'llmops' then '{prompts,evals}' when 'infrastructure' then '{terraform,opa}' else '{sast,sca,secrets}' end,
  true
from demo_graphs g where g.key in ('release', 'mlops', 'llmops', 'infra', 'security');

insert into public.pipeline_templates (organization_id, name, description, category, flow_type, nodes, edges, tags, is_public, created_by)
select '10000000-0000-4000-a000-000000000001', 'Acme hotfix lane', 'Internal: sev-1 fixes skip the contract tests; production still needs its approvals.',
  'Continuous delivery', 'cicd',
  (select jsonb_agg(n) from jsonb_array_elements(g.nodes) n where n ->> 'id' <> 'contract-tests'),
  (select jsonb_agg(e) from jsonb_array_elements(g.edges) e where 'contract-tests' not in (e ->> 'source', e ->> 'target')),
  '{hotfix,internal}', false, '00000000-0000-4000-a000-000000000001'
from demo_graphs g where g.key = 'release';

-- Acme's demo pipelines were made from the starters (the trigger counts each use into popularity).
insert into public.pipeline_template_uses (template_id, project_id, flow_template_id, used_by, created_at)
select t.id, g.project_id, g.id, '00000000-0000-4000-a000-000000000002', now() - interval '28 days'
from demo_graphs g join public.pipeline_templates t on t.name = 'Starter: ' || g.name and t.organization_id is null;
-- ---------------------------------------------------------------- run history, replayed by the engine's rules

-- Past runs are not typed in by hand: each is replayed here with the engine's semantics
-- (supabase/functions/_shared/pipeline/README.md) so nodes, logs, state events, approvals, deployments,
-- checkpoints and notifications agree with each other as if the scheduler had produced them: a node starts
-- when every incoming edge fires (AND join) and is skipped when one cannot; simulated stages last their
-- duration_ms plus a tick's latency; gates wait for people's votes; a cancel cancels what is unfinished.
-- A plan only says what people did (who started it, who rejected or cancelled which gate) and which stage
-- failed that day (its copied config says so, as the engine would read it).

create function pg_temp.uid(_who text) returns uuid language sql immutable as $$
  select case _who when 'admin' then '00000000-0000-4000-a000-000000000001' when 'operator' then '00000000-0000-4000-a000-000000000002'
    when 'viewer' then '00000000-0000-4000-a000-000000000003' when 'lead' then '00000000-0000-4000-a000-000000000005'
    when 'sre' then '00000000-0000-4000-a000-000000000006' end::uuid
$$;

-- A tick's latency, 100–999 ms, the same for the same run and node.
create function pg_temp.jitter(_run uuid, _node text) returns interval language sql immutable as $$
  select (100 + abs(hashtext(_run::text || _node)) % 900) * interval '1 millisecond'
$$;

create function pg_temp.fires(_on text, _status text) returns boolean language sql immutable as $$
  select case _on when 'success' then _status in ('success', 'warning') when 'failure' then _status = 'failed'
    else _status in ('success', 'warning', 'failed', 'skipped') end
$$;

-- What happened, newest last. seq 100 is the run still in progress (id 40000000-…-a000-000000000001).
create temporary table demo_plan (seq int primary key, pipeline text, ago interval, started_by text, trigger_source text,
  branch text, version text, plan jsonb not null default '{}', rerun_of int);
insert into demo_plan values
  -- releases of main, every 9 hours
  (1, 'release', '108 hours 20 minutes', 'operator', 'webhook', 'main', '1.88.0', '{}', null),
  (2, 'release', '99 hours 20 minutes', 'sre', 'webhook', 'main', '1.89.0', '{}', null),
  (3, 'release', '90 hours 20 minutes', 'operator', 'webhook', 'main', '1.90.0',
    '{"outcomes": {"unit-tests": "failure"}, "lines": {"unit-tests": ["vitest run --coverage", "FAIL src/refunds/partial-capture.test.ts > refunds a partially captured intent", "AssertionError: expected 409 to be 200", "Tests  3 failed | 409 passed (412)"]}}', null),
  (4, 'release', '81 hours 20 minutes', 'lead', 'webhook', 'main', '1.91.0', '{}', null),
  (5, 'release', '72 hours 20 minutes', 'operator', 'webhook', 'main', '1.92.0',
    '{"cancel": {"node": "approve-prod", "by": "operator", "after_minutes": 9, "reason": "Superseded by 1.93.0 (refund rounding hotfix)"}}', null),
  (6, 'release', '63 hours 20 minutes', 'operator', 'webhook', 'main', '1.93.0', '{}', null),
  (7, 'release', '54 hours 20 minutes', 'sre', 'webhook', 'main', '1.94.0',
    '{"outcomes": {"contract-tests": "warning"}, "lines": {"contract-tests": ["pact verify against broker: 6 consumers", "mobile-ios still reads card.brand, deprecated since 1.90.0 (warning)", "5 of 6 consumers verified cleanly"]}}', null),
  (8, 'release', '45 hours 20 minutes', 'operator', 'webhook', 'main', '1.95.0',
    '{"outcomes": {"smoke-staging": "failure"}, "lines": {"smoke-staging": ["GET https://staging.payments.acme.example/healthz: 200 in 44 ms", "POST /v1/refunds (partial): 502 Bad Gateway on 3 of 20 attempts", "canary halted at 10%: error rate 4.8% (budget 1%)"]}}', null),
  (9, 'release', '36 hours 20 minutes', 'lead', 'webhook', 'main', '1.96.0', '{}', null),
  (10, 'release', '27 hours 20 minutes', 'operator', 'webhook', 'main', '1.97.0', '{}', null),
  (11, 'release', '18 hours 20 minutes', 'operator', 'webhook', 'main', '1.98.0',
    '{"reject": {"node": "approve-staging", "by": "lead", "after_minutes": 6, "comment": "PSP sandbox is down; hold until it is back"}}', null),
  (12, 'release', '16 hours', 'operator', 'rerun', 'main', '1.98.0', '{"from": "release-candidate"}', 11),
  (13, 'release', '9 hours 20 minutes', 'sre', 'webhook', 'main', '1.99.0', '{}', null),
  -- builds of develop into dev
  (21, 'dev', '113 hours', 'operator', 'webhook', 'develop', '1.89.0-dev.1', '{}', null),
  (22, 'dev', '102 hours', 'sre', 'webhook', 'develop', '1.90.0-dev.1', '{}', null),
  (23, 'dev', '91 hours', 'operator', 'webhook', 'develop', '1.91.0-dev.1', '{}', null),
  (24, 'dev', '80 hours', 'operator', 'webhook', 'develop', '1.92.0-dev.1',
    '{"outcomes": {"lint": "failure"}, "lines": {"lint": ["src/refunds/ledger.ts:88:7  error  ''amount'' is possibly ''undefined''  ts(18048)", "1 error"]}}', null),
  (25, 'dev', '69 hours', 'operator', 'webhook', 'develop', '1.92.0-dev.2', '{}', null),
  (26, 'dev', '58 hours', 'sre', 'webhook', 'develop', '1.95.0-dev.1', '{}', null),
  (27, 'dev', '47 hours', 'operator', 'webhook', 'develop', '1.96.0-dev.1', '{}', null),
  (28, 'dev', '36 hours', 'lead', 'webhook', 'develop', '1.97.0-dev.1', '{}', null),
  (29, 'dev', '25 hours', 'operator', 'webhook', 'develop', '1.98.0-dev.1', '{}', null),
  (30, 'dev', '5 hours', 'sre', 'webhook', 'develop', '1.100.0-dev.1', '{}', null),
  -- nightly model retraining (the evaluation warns unless the plan says otherwise)
  (41, 'mlops', '118 hours', 'sre', 'schedule', 'main', 'fraud-v41', '{"outcomes": {"evaluate": "success"}}', null),
  (42, 'mlops', '94 hours', 'sre', 'schedule', 'main', 'fraud-v42', '{}', null),
  (43, 'mlops', '70 hours', 'sre', 'schedule', 'main', 'fraud-v43', '{"outcomes": {"evaluate": "success"}}', null),
  (44, 'mlops', '46 hours', 'sre', 'schedule', 'main', 'fraud-v44', '{}', null),
  (45, 'mlops', '22 hours', 'sre', 'schedule', 'main', 'fraud-v45', '{"outcomes": {"evaluate": "success"}}', null),
  -- infrastructure, before preprod was locked for the load test
  (51, 'infra', '100 hours', 'sre', 'manual', 'main', 'infra-2026.11.24', '{}', null),
  (52, 'infra', '76 hours', 'sre', 'manual', 'main', 'infra-2026.11.25',
    '{"outcomes": {"policy": "failure"}, "lines": {"policy": ["conftest test plan.json: 38 policies, 1 failure", "FAIL azurerm_postgresql_flexible_server.payments: geo-redundant backups must be enabled"]}}', null),
  (53, 'infra', '52 hours', 'lead', 'manual', 'main', 'infra-2026.11.26', '{}', null),
  -- prompt releases
  (61, 'llmops', '84 hours', 'operator', 'manual', 'main', 'prompts-v12', '{}', null),
  (62, 'llmops', '30 hours', 'operator', 'manual', 'main', 'prompts-v13', '{}', null),
  -- nightly sweeps
  (71, 'security', '96 hours 30 minutes', 'sre', 'schedule', 'main', 'nightly-20261124', '{}', null),
  (72, 'security', '72 hours 30 minutes', 'sre', 'schedule', 'main', 'nightly-20261125',
    '{"outcomes": {"deps": "failure"}, "lines": {"deps": ["npm audit --omit=dev: 1 critical", "fast-xml-parser <4.4.1: prototype pollution (GHSA-mpg4-rc92-vx8v), fix available"]}}', null),
  (73, 'security', '48 hours 30 minutes', 'sre', 'schedule', 'main', 'nightly-20261126', '{}', null),
  (74, 'security', '24 hours 30 minutes', 'sre', 'schedule', 'main', 'nightly-20261127', '{}', null),
  -- the release in progress: staging approved, production waiting for 3 approvals (1 so far)
  (100, 'release', '14 minutes', 'operator', 'webhook', 'main', '1.100.0',
    '{"hold": "approve-prod", "hold_votes": [{"by": "lead", "after_minutes": 2, "comment": "Staging soak clean for 6h"}]}', null);

-- Each run's graph is its pipeline's, with that day's failing stage configured to fail (the engine reads it).
create function pg_temp.run_graph(_nodes jsonb, _edges jsonb, _plan jsonb) returns jsonb language sql immutable as $$
  select jsonb_build_object('nodes', jsonb_agg(case when _plan -> 'outcomes' ? (n ->> 'id') or _plan -> 'lines' ? (n ->> 'id')
      then jsonb_set(n, '{data,config,executor}', (n #> '{data,config,executor}') || jsonb_strip_nulls(jsonb_build_object(
        'outcome', _plan -> 'outcomes' -> (n ->> 'id'), 'log_lines', _plan -> 'lines' -> (n ->> 'id'))))
      else n end order by ord), 'edges', _edges)
  from jsonb_array_elements(_nodes) with ordinality as x (n, ord)
$$;

create temporary table demo_runs as
select case when p.seq = 100 then '40000000-0000-4000-a000-000000000001'
    else ('40000000-0000-4000-b000-' || lpad(p.seq::text, 12, '0')) end::uuid as id,
  p.*, g.id as flow_template_id, g.project_id, g.type as flow_type, g.name,
  pg_temp.run_graph(g.nodes, g.edges, p.plan) as graph,
  date_trunc('second', now() - p.ago) - (p.seq * 7 % 53) * interval '1 second' as started_at, pg_temp.uid(p.started_by) as starter,
  substr(md5('acme/' || p.branch || '/' || p.version), 1, 40) as commit_sha,
  null::text as status, null::timestamptz as finished_at, null::timestamptz as cancel_at,
  (select e.id from public.environments e, jsonb_array_elements(g.nodes) with ordinality as n (node, ord)
   where n.node ->> 'type' = 'deploy' and e.project_id = g.project_id and e.key = n.node #>> '{data,config,environment}'
   order by n.ord desc limit 1) as environment_id
from demo_plan p join demo_graphs g on g.key = p.pipeline;

-- Node results of every run (the engine's execution_nodes, before they are written).
create temporary table sim (execution_id uuid, node_id text, kind text, label text, config jsonb, ord int,
  status text not null default 'pending', started_at timestamptz, finished_at timestamptz, reason text, detail text,
  attempt int not null default 1, reused_from uuid, primary key (execution_id, node_id));
create temporary table sim_edges (execution_id uuid, source text, target text, cond text);
create temporary table sim_votes (execution_id uuid, node_id text, user_id uuid, vote public.approval_vote, comment text, at timestamptz);

create function pg_temp.ancestors(_run uuid, _node text) returns setof text language sql as $$
  with recursive a (node_id) as (select _node union select e.source from sim_edges e join a on e.target = a.node_id where e.execution_id = _run)
  select node_id from a
$$;

create function pg_temp.gate_votes(_run demo_runs, _node sim, _required int, _minutes numeric) returns timestamptz
language plpgsql as $$
declare
  _pool uuid[] := array(select u from unnest(array[pg_temp.uid('lead'), pg_temp.uid('admin'), pg_temp.uid('sre'), pg_temp.uid('operator')]) u
    where u <> _run.starter);
  _comments text[] := array['Change log reviewed', 'Canary metrics look good', 'On-call is aware', 'Error budget is healthy',
    'Staging soak looks clean', 'Release notes checked'];
  _at timestamptz;
begin
  for i in 1.._required loop
    _at := _node.started_at + (_minutes * i / _required) * interval '1 minute';
    insert into sim_votes values (_run.id, _node.node_id, _pool[1 + (i + _run.seq) % cardinality(_pool)], 'approve',
      _comments[1 + (i + _run.seq) % cardinality(_comments)], _at);
  end loop;
  return _at;
end
$$;

create function pg_temp.simulate(_id uuid) returns void language plpgsql as $$
declare
  _run demo_runs;
  _n sim;
  _changed boolean;
  _preds int;
  _blocked boolean;
  _ready boolean;
  _held boolean;
  _at timestamptz;
  _t timestamptz;
  _env text;
  _required int;
  _minutes numeric;
  _decided timestamptz;
  _outcome text;
  _v jsonb;
begin
  select * into _run from demo_runs where id = _id;
  insert into sim (execution_id, node_id, kind, label, config, ord)
  select _id, n ->> 'id', n ->> 'type', n #>> '{data,label}', n #> '{data,config}', ord
  from jsonb_array_elements(_run.graph -> 'nodes') with ordinality as x (n, ord);
  insert into sim_edges select _id, e ->> 'source', e ->> 'target', e #>> '{data,on}' from jsonb_array_elements(_run.graph -> 'edges') e;

  if _run.rerun_of is not null then
    -- The checkpoint and its ancestors keep the earlier attempt's results; everything else runs again.
    update sim s set status = p.status, started_at = p.started_at, finished_at = p.finished_at, reason = p.reason,
      attempt = p.attempt, reused_from = p.execution_id
    from sim p, demo_runs o
    where o.seq = _run.rerun_of and p.execution_id = o.id and p.node_id = s.node_id and s.execution_id = _id
      and s.node_id in (select pg_temp.ancestors(_id, _run.plan ->> 'from'));
    update sim set attempt = 2 where execution_id = _id and reused_from is null;
  end if;

  loop
    _changed := false;
    for _n in select * from sim where execution_id = _id and status = 'pending' order by ord loop
      select count(*),
        coalesce(bool_or(p.status in ('success', 'warning', 'failed', 'skipped') and not pg_temp.fires(e.cond, p.status)), false),
        coalesce(bool_and(p.status in ('success', 'warning', 'failed', 'skipped') and pg_temp.fires(e.cond, p.status)), true),
        coalesce(bool_or(p.status in ('waiting', 'cancelled') or p.status = 'pending'), false),
        max(p.finished_at)
      into _preds, _blocked, _ready, _held, _at
      from sim_edges e join sim p on p.execution_id = _id and p.node_id = e.source
      where e.execution_id = _id and e.target = _n.node_id;
      if _blocked then
        update sim set status = 'skipped', finished_at = _at, reason = 'path_not_taken' where execution_id = _id and node_id = _n.node_id;
        _changed := true;
        continue;
      end if;
      if not _ready or _held then continue; end if;
      _t := greatest(_run.started_at, coalesce(_at, _run.started_at));
      _changed := true;
      case
      when _n.config ? 'executor' then -- a work stage, whatever its flow type
        _outcome := _n.config #>> '{executor,outcome}';
        update sim set status = case _outcome when 'failure' then 'failed' else _outcome end, started_at = _t,
          finished_at = _t + ((_n.config #>> '{executor,duration_ms}')::int * interval '1 millisecond') + pg_temp.jitter(_id, _n.node_id),
          reason = 'simulated_finished'
        where execution_id = _id and node_id = _n.node_id;
      when _n.kind in ('deploy', 'wait') then
        update sim set status = 'success', started_at = _t,
          finished_at = _t + (coalesce((_n.config ->> 'duration_ms')::int, 0) * interval '1 millisecond') + pg_temp.jitter(_id, _n.node_id),
          reason = case _n.kind when 'deploy' then 'deployed' else 'waited' end
        where execution_id = _id and node_id = _n.node_id;
      when _n.kind = 'approval' then
        _env := _n.config ->> 'environment';
        _required := greatest(coalesce((_n.config ->> 'required_approvals')::int, 1),
          (select e.required_approvals from public.environments e where e.project_id = _run.project_id and e.key = _env));
        _minutes := case _env when 'prod' then 22 when 'preprod' then 18 when 'uat' then 7 else 4 end + _run.seq % 5;
        update sim set status = 'waiting', started_at = _t where execution_id = _id and node_id = _n.node_id;
        select * into _n from sim where execution_id = _id and node_id = _n.node_id;
        if _run.plan ->> 'hold' = _n.node_id then
          for _v in select value from jsonb_array_elements(_run.plan -> 'hold_votes') loop
            insert into sim_votes values (_id, _n.node_id, pg_temp.uid(_v ->> 'by'), 'approve', _v ->> 'comment',
              _t + (_v ->> 'after_minutes')::numeric * interval '1 minute');
          end loop;
        elsif _run.plan #>> '{cancel,node}' = _n.node_id then
          _decided := _t + (_run.plan #>> '{cancel,after_minutes}')::numeric * interval '1 minute';
          update demo_runs set cancel_at = _decided where id = _id;
          update sim set status = 'cancelled', finished_at = _decided, reason = 'cancelled' where execution_id = _id and node_id = _n.node_id;
        elsif _run.plan #>> '{reject,node}' = _n.node_id then
          _decided := _t + (_run.plan #>> '{reject,after_minutes}')::numeric * interval '1 minute';
          insert into sim_votes values (_id, _n.node_id, pg_temp.uid(_run.plan #>> '{reject,by}'), 'reject', _run.plan #>> '{reject,comment}', _decided);
          update sim set status = 'failed', finished_at = _decided + pg_temp.jitter(_id, _n.node_id), reason = 'rejected',
            detail = _run.plan #>> '{reject,comment}'
          where execution_id = _id and node_id = _n.node_id;
        else
          _decided := pg_temp.gate_votes(_run, _n, _required, _minutes);
          update sim set status = 'success', finished_at = _decided + pg_temp.jitter(_id, _n.node_id), reason = 'approved',
            detail = (select v.comment from sim_votes v where v.execution_id = _id and v.node_id = _n.node_id order by v.at desc limit 1)
          where execution_id = _id and node_id = _n.node_id;
        end if;
      else -- source, parallel_group, checkpoint, notify, rollback: instant
        update sim set status = 'success', started_at = _t, finished_at = _t, reason = 'completed' where execution_id = _id and node_id = _n.node_id;
      end case;
    end loop;
    exit when not _changed;
  end loop;

  select * into _run from demo_runs where id = _id;
  if _run.cancel_at is not null then
    -- Cancelling cancels every unfinished node at once.
    update sim set status = 'cancelled', started_at = case when started_at < _run.cancel_at then started_at end,
      finished_at = _run.cancel_at, reason = 'cancelled'
    where execution_id = _id and (status = 'pending' or finished_at > _run.cancel_at);
  end if;
  update demo_runs r set
    status = case when r.cancel_at is not null then 'cancelled'
      when r.plan ? 'hold' then 'paused'
      when exists (select 1 from sim s where s.execution_id = _id and s.status = 'failed') then 'failed'
      when exists (select 1 from sim s where s.execution_id = _id and s.status = 'warning') then 'warning'
      else 'success' end,
    finished_at = case when r.cancel_at is not null then r.cancel_at when r.plan ? 'hold' then null
      else (select max(s.finished_at) from sim s where s.execution_id = _id) end
  where r.id = _id;
end
$$;

do $$ declare _id uuid; begin for _id in select id from demo_runs order by started_at loop perform pg_temp.simulate(_id); end loop; end $$;
-- Runs and nodes as the engine leaves them. Written finished, so the CI/CD span triggers emit their spans.
insert into public.executions (id, project_id, flow_template_id, name, flow_type, status, environment_id, progress, graph,
  trigger_source, branch, commit_sha, started_by, started_at, finished_at, error_message, version, rerun_of_id, rerun_from_node_id, created_at)
select r.id, r.project_id, r.flow_template_id, r.name, r.flow_type, r.status::public.execution_status, r.environment_id,
  (select round(100.0 * count(*) filter (where s.status in ('success', 'warning', 'failed', 'skipped', 'cancelled')) / count(*))::int
   from sim s where s.execution_id = r.id),
  r.graph, r.trigger_source, r.branch, r.commit_sha, r.starter, r.started_at, r.finished_at,
  case when r.status = 'cancelled' then 'Cancelled: ' || (r.plan #>> '{cancel,reason}')
    when r.status = 'failed' then (select format('Node "%s" failed: %s', s.label, coalesce(s.detail, s.reason))
      from sim s where s.execution_id = r.id and s.status = 'failed' order by s.finished_at limit 1) end,
  r.version, o.id, r.plan ->> 'from', r.started_at - interval '1 second'
from demo_runs r left join demo_runs o on o.seq = r.rerun_of
order by r.started_at;

insert into public.execution_nodes (execution_id, node_id, name, kind, config, status, attempt, started_at, finished_at, duration_ms,
  output, log_lines_written, created_at)
select s.execution_id, s.node_id, s.label, s.kind::public.node_kind, s.config, s.status::public.node_status, s.attempt, s.started_at,
  s.finished_at,
  case when s.started_at is not null and s.finished_at is not null and s.status <> 'skipped'
    then (extract(epoch from s.finished_at - s.started_at) * 1000)::int end,
  case when s.reused_from is not null then jsonb_build_object('reused', true, 'reused_from', s.reused_from)
    when s.detail is not null or s.status in ('failed', 'skipped') then jsonb_build_object('reason', s.reason, 'detail', s.detail) end,
  case when s.config ? 'executor' and s.status in ('success', 'warning', 'failed')
    then jsonb_array_length(s.config #> '{executor,log_lines}') + 1 else 0 end,
  r.started_at - interval '1 second'
from sim s join demo_runs r on r.id = s.execution_id
order by r.started_at, s.ord;

create temporary table demo_run_events (execution_id uuid, old_state text, new_state text, reason text, actor_id uuid, at timestamptz, prio int);

-- The run's own events: queued → running, paused while only gates wait, resumed, finished or cancelled.
create function pg_temp.run_events(_id uuid) returns void language plpgsql as $$
declare
  _run demo_runs;
  _t timestamptz;
  _now text;
  _was text := 'running';
begin
  select * into _run from demo_runs where id = _id;
  insert into demo_run_events values (_id, 'queued', 'running', 'started', null, _run.started_at, 0);
  for _t in
    select distinct x.t from sim s, lateral (values (s.started_at), (s.finished_at)) as x (t)
    where s.execution_id = _id and s.reused_from is null and x.t is not null and x.t > _run.started_at
      and (_run.finished_at is null or x.t < _run.finished_at)
    order by x.t
  loop
    _now := case
      when exists (select 1 from sim s where s.execution_id = _id and s.kind <> 'approval' and s.started_at <= _t
        and (s.finished_at is null or s.finished_at > _t)) then 'running'
      when exists (select 1 from sim s where s.execution_id = _id and s.kind = 'approval' and s.started_at <= _t
        and (s.finished_at is null or s.finished_at > _t)) then 'paused'
      else 'running' end;
    if _now <> _was then
      insert into demo_run_events values (_id, _was, _now, case _now when 'paused' then 'awaiting_approval' else 'resumed' end, null, _t, 2);
      _was := _now;
    end if;
  end loop;
  if _run.finished_at is not null then
    insert into demo_run_events values (_id, _was, _run.status,
      case when _run.status = 'cancelled' then 'cancelled: ' || (_run.plan #>> '{cancel,reason}') else 'finished' end,
      case when _run.status = 'cancelled' then pg_temp.uid(_run.plan #>> '{cancel,by}') end, _run.finished_at, 2);
  end if;
end
$$;
do $$ declare _id uuid; begin for _id in select id from demo_runs order by started_at loop perform pg_temp.run_events(_id); end loop; end $$;

-- State events as engine_apply writes them (a node's reason, then ": detail"), the run's before its nodes' when it
-- starts and after them otherwise, as the engine orders a tick's transitions.
insert into public.execution_state_events (execution_id, node_id, old_state, new_state, reason, actor_id, created_at)
select e.execution_id, e.node_id, e.old_state, e.new_state, e.reason, e.actor_id, e.at
from (
  select s.execution_id, s.node_id, 'pending' as old_state, case s.kind when 'approval' then 'waiting' else 'running' end as new_state,
    'ready' as reason, null::uuid as actor_id, s.started_at as at, 1 as prio, s.ord, 0 as step
  from sim s where s.started_at is not null and s.reused_from is null
  union all
  select s.execution_id, s.node_id,
    case when s.started_at is null then 'pending' when s.kind = 'approval' then 'waiting' else 'running' end, s.status,
    s.reason || coalesce(': ' || s.detail, ''), case when s.status = 'cancelled' then pg_temp.uid(r.plan #>> '{cancel,by}') end,
    s.finished_at, 1, s.ord, 1
  from sim s join demo_runs r on r.id = s.execution_id
  where s.finished_at is not null and s.reused_from is null
  union all
  select x.execution_id, null, x.old_state, x.new_state, x.reason, x.actor_id, x.at, x.prio, 0, 0 from demo_run_events x
) e
order by e.at, e.prio, e.ord, e.step;

-- Logs, in the engine's words: a simulated stage's banner, its lines as they fell due, its closing line.
insert into public.execution_logs (execution_id, node_id, level, message, metadata, created_at)
select l.execution_id, l.node_id, l.level::public.log_level, l.message, l.metadata, l.at
from (
  select s.execution_id, s.node_id, s.ord, 0 as i, 'info' as level,
    format('simulated executor: this %s step runs nothing real; it lasts %s ms and ends in %s', replace(s.kind, '_', ' '),
      s.config #>> '{executor,duration_ms}', s.config #>> '{executor,outcome}') as message,
    '{"simulated": true}'::jsonb as metadata, s.started_at as at
  from sim s where s.config ? 'executor' and s.started_at is not null and s.reused_from is null
  union all
  select s.execution_id, s.node_id, s.ord, line.i::int, 'info', line.text, '{"simulated": true}',
    s.started_at + ((s.config #>> '{executor,duration_ms}')::int * line.i / (jsonb_array_length(s.config #> '{executor,log_lines}') + 1))
      * interval '1 millisecond' + interval '400 milliseconds'
  from sim s, jsonb_array_elements_text(s.config #> '{executor,log_lines}') with ordinality as line (text, i)
  where s.config ? 'executor' and s.started_at is not null and s.reused_from is null
    and s.status <> 'cancelled'
  union all
  select s.execution_id, s.node_id, s.ord, 1000, case s.status when 'failed' then 'error' when 'warning' then 'warn' else 'info' end,
    format('[simulated] %s finished: %s', s.kind, s.config #>> '{executor,outcome}'), '{"simulated": true}', s.finished_at
  from sim s where s.config ? 'executor' and s.status in ('success', 'warning', 'failed') and s.reused_from is null
  union all
  select s.execution_id, s.node_id, s.ord, 0, 'info',
    format('Waiting for %s approval(s) for %s', greatest(1, e.required_approvals), e.key), null, s.started_at
  from sim s join demo_runs r on r.id = s.execution_id
  join public.environments e on e.project_id = r.project_id and e.key = s.config ->> 'environment'
  where s.kind = 'approval' and s.started_at is not null and s.reused_from is null
  union all
  select s.execution_id, s.node_id, s.ord, 1, 'error', 'rejected: ' || s.detail, null, s.finished_at
  from sim s where s.kind = 'approval' and s.status = 'failed'
  union all
  select s.execution_id, s.node_id, s.ord, 2, case s.status when 'success' then 'info' else 'warn' end,
    'Approval ' || case s.status when 'success' then 'approved' when 'failed' then 'rejected' else 'cancelled' end, null, s.finished_at
  from sim s where s.kind = 'approval' and s.started_at is not null and s.finished_at is not null and s.reused_from is null
  union all
  select s.execution_id, s.node_id, s.ord, 0, 'info', format('Deployed %s to %s (%s)', r.version, s.config ->> 'environment', s.config ->> 'strategy'),
    null, s.finished_at
  from sim s join demo_runs r on r.id = s.execution_id where s.kind = 'deploy' and s.status = 'success'
  union all
  select s.execution_id, s.node_id, s.ord, 0, 'info', 'Checkpoint saved: ' || coalesce(s.config ->> 'label', s.label), null, s.finished_at
  from sim s where s.kind = 'checkpoint' and s.status = 'success' and s.reused_from is null
  union all
  select s.execution_id, s.node_id, s.ord, 0, 'info', format('Notified (%s): %s', s.config ->> 'channel', s.config ->> 'message'), null, s.finished_at
  from sim s where s.kind = 'notify' and s.status = 'success'
) l
where l.at <= now()
order by l.at, l.ord, l.i;
-- ---------------------------------------------------------------- approvals, deployments, checkpoints, notifications

-- The runs' effects, applied in the order they happened across all runs (so each environment's versions
-- become current in time order), through the same triggers as the API: requests, real votes tallied by the
-- vote triggers, deployments through the deploy guard (locks come later in this file, as they did in life).
create temporary table demo_effects (at timestamptz, n bigserial, execution_id uuid, node_id text, type text, data jsonb);
insert into demo_effects (at, execution_id, node_id, type, data)
select s.started_at, s.execution_id, s.node_id, 'request', null from sim s
where s.kind = 'approval' and s.started_at is not null and s.reused_from is null
union all
select v.at, v.execution_id, v.node_id, 'vote', jsonb_build_object('user_id', v.user_id, 'vote', v.vote, 'comment', v.comment) from sim_votes v
union all
select s.finished_at, s.execution_id, s.node_id, 'close', null from sim s where s.kind = 'approval' and s.status = 'cancelled' and s.started_at is not null
union all
select s.finished_at, s.execution_id, s.node_id, s.kind, null from sim s
where s.kind in ('deploy', 'rollback', 'checkpoint', 'notify') and s.status = 'success' and s.reused_from is null
union all
-- 1.97.0 misbehaved in production; the lead rolled prod back to 1.96.0 by hand (rollback-deployment).
select now() - interval '25 hours 45 minutes', null, null, 'manual_rollback',
  jsonb_build_object('environment', 'prod', 'to', '1.96.0', 'by', pg_temp.uid('lead'), 'reason', 'Elevated 5xx on /v1/refunds after 1.97.0 (INC-2291)');

create function pg_temp.apply_effect(_fx demo_effects) returns void language plpgsql as $$
declare
  _run demo_runs;
  _node sim;
  _env public.environments;
  _current public.deployment_versions;
  _target public.deployment_versions;
  _request uuid;
  _deployment uuid;
  _tag text;
begin
  select * into _run from demo_runs where id = _fx.execution_id;
  select * into _node from sim where execution_id = _fx.execution_id and node_id = _fx.node_id;
  if _fx.type in ('deploy', 'rollback', 'request', 'manual_rollback') then
    select * into _env from public.environments e
    where e.project_id = coalesce(_run.project_id, '20000000-0000-4000-a000-000000000001')
      and e.key = coalesce(_node.config ->> 'environment', _fx.data ->> 'environment');
  end if;
  case _fx.type
  when 'request' then
    insert into public.approval_requests (execution_id, node_id, environment_id, title, required_approvals, requested_by, created_at, updated_at)
    values (_run.id, _node.node_id, _env.id, format('%s: %s', _run.name, _node.label), 1, _run.starter, _fx.at, _fx.at);
  when 'vote' then
    insert into public.approval_votes (approval_request_id, user_id, vote, comment, created_at)
    select r.id, (_fx.data ->> 'user_id')::uuid, (_fx.data ->> 'vote')::public.approval_vote, _fx.data ->> 'comment', _fx.at
    from public.approval_requests r where r.execution_id = _run.id and r.node_id = _node.node_id;
    update public.approval_requests r set resolved_at = _fx.at where r.execution_id = _run.id and r.node_id = _node.node_id
      and r.status <> 'pending' and r.resolved_at > _fx.at;
  when 'close' then
    update public.approval_requests r set status = 'cancelled', resolved_at = _fx.at
    where r.execution_id = _run.id and r.node_id = _node.node_id and r.status = 'pending';
  when 'deploy' then
    select r.id into _request from public.approval_requests r
    where r.execution_id = _run.id and r.environment_id = _env.id and r.status = 'approved' order by r.resolved_at desc limit 1;
    insert into public.deployments (project_id, environment_id, execution_id, approval_request_id, version, status, strategy,
      deployed_by, reason, started_at, finished_at, created_at)
    values (_run.project_id, _env.id, _run.id, _request, _run.version, 'success', (_node.config ->> 'strategy')::public.deploy_strategy,
      _run.starter, format('Deployed by run %s', _run.name), _node.started_at, _fx.at, _fx.at)
    returning id into _deployment;
    insert into public.deployment_versions (project_id, environment_id, deployment_id, version_tag, commit_sha, is_current, created_at)
    values (_run.project_id, _env.id, _deployment, _run.version, _run.commit_sha, true, _fx.at);
  when 'rollback' then
    -- As engine_rollback_deployment: back to the newest earlier version with another tag.
    select * into _current from public.deployment_versions v where v.environment_id = _env.id and v.is_current;
    select v.version_tag into _tag from public.deployment_versions v
    where v.environment_id = _env.id and not v.is_current and v.version_tag <> _current.version_tag order by v.created_at desc limit 1;
    insert into public.deployments (project_id, environment_id, execution_id, version, status, deployed_by, reason, rollback_of_id,
      started_at, finished_at, created_at)
    values (_run.project_id, _env.id, _run.id, _tag, 'success', _run.starter, format('Rolled back by run %s', _run.name),
      _current.deployment_id, _fx.at, _fx.at, _fx.at)
    returning id into _deployment;
    update public.deployments d set status = 'rolled_back' where d.id = _current.deployment_id;
    insert into public.deployment_versions (project_id, environment_id, deployment_id, version_tag, is_current, created_at)
    values (_run.project_id, _env.id, _deployment, _tag, true, _fx.at);
    insert into public.execution_logs (execution_id, node_id, level, message, created_at)
    values (_run.id, _node.node_id, 'info', format('Rolled %s back from %s to %s', _env.key, _current.version_tag, _tag), _fx.at);
  when 'manual_rollback' then
    -- As public.rollback_deployment: a new deployment undoing the current one, a new version row restoring the old.
    select * into _current from public.deployment_versions v where v.environment_id = _env.id and v.is_current;
    select * into _target from public.deployment_versions v
    where v.environment_id = _env.id and v.version_tag = _fx.data ->> 'to' order by v.created_at desc limit 1;
    insert into public.deployments (project_id, environment_id, version, status, strategy, deployed_by, reason, rollback_of_id,
      started_at, finished_at, created_at)
    values (_env.project_id, _env.id, _target.version_tag, 'success', _env.deploy_strategy, (_fx.data ->> 'by')::uuid, _fx.data ->> 'reason',
      _current.deployment_id, _fx.at, _fx.at, _fx.at)
    returning id into _deployment;
    update public.deployments d set status = 'rolled_back' where d.id = _current.deployment_id;
    insert into public.deployment_versions (project_id, environment_id, deployment_id, artifact_id, version_tag, commit_sha, is_current,
      restored_from_id, created_at)
    values (_env.project_id, _env.id, _deployment, _target.artifact_id, _target.version_tag, _target.commit_sha, true, _target.id, _fx.at);
  when 'checkpoint' then
    insert into public.checkpoints (execution_id, node_id, name, state, created_by, created_at)
    select _run.id, _node.node_id, coalesce(_node.config ->> 'label', _node.label),
      jsonb_build_object('version', _run.version, 'at', _fx.at, 'nodes',
        jsonb_object_agg(s.node_id, jsonb_build_object('status', s.status, 'output', null))),
      _run.starter, _fx.at
    from sim s where s.execution_id = _run.id and s.finished_at <= _fx.at and s.status in ('success', 'warning', 'skipped');
  when 'notify' then
    insert into public.notification_events (user_id, project_id, type, target, payload, read_at, created_at)
    values (_run.starter, _run.project_id, 'pipeline_notify', _node.config ->> 'channel',
      jsonb_build_object('execution_id', _run.id, 'execution_name', _run.name, 'node_id', _node.node_id, 'message', _node.config ->> 'message'),
      case when _fx.at < now() - interval '12 hours' then _fx.at + interval '25 minutes' end, _fx.at);
  end case;
end
$$;

do $$ declare _fx demo_effects; begin for _fx in select * from demo_effects order by at, n loop perform pg_temp.apply_effect(_fx); end loop; end $$;

-- The vote trigger stamps decisions with the time of the insert; put them back at the deciding vote.
update public.approval_requests r set resolved_at = v.at
from (select v.approval_request_id, max(v.created_at) as at from public.approval_votes v group by 1) v
where v.approval_request_id = r.id and r.status in ('approved', 'rejected');

-- Images the builds pushed.
insert into public.artifacts (project_id, execution_id, name, image_digest, registry_url, size_bytes, metadata, created_at)
select r.project_id, r.id, 'payments-api:' || r.version, 'sha256:' || encode(extensions.digest(r.id::text, 'sha256'), 'hex'),
  'ghcr.io/acme/payments-api', 184000000 + r.seq * 7919, jsonb_build_object('commit_sha', r.commit_sha, 'branch', r.branch), s.finished_at
from demo_runs r join sim s on s.execution_id = r.id and s.node_id = 'build' and s.status = 'success' and s.reused_from is null
where r.pipeline in ('dev', 'release');
-- ---------------------------------------------------------------- locks and freeze windows

insert into public.environment_locks (project_id, environment_id, is_locked, required_role, lock_reason, locked_by, locked_at)
select e.project_id, e.id, e.key in ('preprod', 'prod'), 'admin',
  case e.key when 'preprod' then 'Load test in progress' when 'prod' then 'Production changes need an admin' end,
  case when e.key in ('preprod', 'prod') then '00000000-0000-4000-a000-000000000001'::uuid end,
  case e.key when 'preprod' then now() - interval '20 hours' when 'prod' then now() - interval '2 hours' end
from public.environments e where e.project_id = '20000000-0000-4000-a000-000000000001';

insert into public.freeze_windows (project_id, environment_id, starts_at, ends_at, reason, created_by) values
  ('20000000-0000-4000-a000-000000000001', '30000000-0000-4000-a000-000000000005',
   date_trunc('day', now()) + interval '4 days 18 hours', date_trunc('day', now()) + interval '7 days 6 hours',
   'Quarter-end settlement freeze', '00000000-0000-4000-a000-000000000001'),
  ('20000000-0000-4000-a000-000000000001', null, now() - interval '20 days', now() - interval '17 days',
   'Payment network maintenance', '00000000-0000-4000-a000-000000000001');

-- ---------------------------------------------------------------- integrations

insert into public.connections (id, organization_id, type, name, status, config, secret_ref, validated, last_validated_at, created_by) values
  ('50000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', 'github', 'GitHub (acme)', 'unknown',
   '{"api_url": "https://api.github.com", "org": "acme"}', 'GITHUB_APP_PRIVATE_KEY', false, null, '00000000-0000-4000-a000-000000000001'),
  ('50000000-0000-4000-a000-000000000002', '10000000-0000-4000-a000-000000000001', 'container_registry', 'GHCR', 'unknown',
   '{"registry_url": "ghcr.io/acme"}', 'GHCR_TOKEN', false, null, '00000000-0000-4000-a000-000000000001'),
  ('50000000-0000-4000-a000-000000000003', '10000000-0000-4000-a000-000000000001', 'kubernetes', 'AKS prod-westeurope', 'unknown',
   '{"api_server": "https://aks-prod-we.acme.example:443", "namespace": "payments"}', 'AKS_PROD_KUBECONFIG', false, null, '00000000-0000-4000-a000-000000000001'),
  ('50000000-0000-4000-a000-000000000004', '10000000-0000-4000-a000-000000000001', 'slack', 'Slack #payments', 'unknown',
   '{"channel": "#payments"}', 'SLACK_WEBHOOK_URL', false, null, '00000000-0000-4000-a000-000000000001'),
  ('50000000-0000-4000-a000-000000000005', '10000000-0000-4000-a000-000000000001', 'otel', 'OTLP collector', 'unknown',
   '{"endpoint": "https://otel.acme.example:4318"}', null, false, null, '00000000-0000-4000-a000-000000000001'),
  ('50000000-0000-4000-a000-000000000011', '10000000-0000-4000-a000-000000000002', 'github', 'GitHub (globex)', 'unknown',
   '{"org": "globex"}', 'GITHUB_APP_PRIVATE_KEY', false, null, '00000000-0000-4000-a000-000000000004');

-- No health history: connections start 'unknown' until a check (Check now, or the scheduler) records a real one.

insert into public.github_integrations (id, project_id, repository_owner, repository_name, workflow_file, installation_id, webhook_secret, created_by) values
  ('60000000-0000-4000-a000-000000000001', '20000000-0000-4000-a000-000000000001', 'acme', 'payments-api',
   '.github/workflows/build.yml', 4242001, 'whsec_demo_acme_payments_0f9d2c', '00000000-0000-4000-a000-000000000001'),
  ('60000000-0000-4000-a000-000000000002', '20000000-0000-4000-a000-000000000002', 'globex', 'rocket-sled',
   '.github/workflows/ci.yml', 4242002, 'whsec_demo_globex_sled_77ab10', '00000000-0000-4000-a000-000000000004');

-- Ciphertext as the github-token function stores it (AES-GCM, base64); demo values, not real tokens.
insert into public.github_tokens (user_id, encrypted_token, token_hint, scopes, expires_at) values
  ('00000000-0000-4000-a000-000000000001', 'v1:gcm:3q2+7w==:ZGVtby1jaXBoZXJ0ZXh0LWFkbWlu', 'x9Qa', '{repo,workflow}', now() + interval '80 days'),
  ('00000000-0000-4000-a000-000000000002', 'v1:gcm:AAECAw==:ZGVtby1jaXBoZXJ0ZXh0LW9wZXJhdG9y', 'k2Lm', '{repo}', now() + interval '30 days');

-- First match wins (position): develop builds go to dev, main and release branches run the release.
insert into public.branch_mappings (project_id, github_integration_id, branch_pattern, environment_id, flow_template_id, is_deployable, position)
select '20000000-0000-4000-a000-000000000001', '60000000-0000-4000-a000-000000000001', m.pattern, m.environment_id, m.flow_template_id,
  m.deployable, m.position
from (values
  ('develop', '30000000-0000-4000-a000-000000000001'::uuid, '70000000-0000-4000-a000-000000000001'::uuid, true, 0),
  ('main', '30000000-0000-4000-a000-000000000005'::uuid, '70000000-0000-4000-a000-000000000002'::uuid, true, 1),
  ('release/*', '30000000-0000-4000-a000-000000000005'::uuid, '70000000-0000-4000-a000-000000000002'::uuid, true, 2),
  ('feature/*', '30000000-0000-4000-a000-000000000001'::uuid, '70000000-0000-4000-a000-000000000001'::uuid, false, 3)
) as m (pattern, environment_id, flow_template_id, deployable, position);

-- The pushes that started the webhook-triggered runs.
insert into public.webhook_deliveries (provider, delivery_id, event, project_id, github_integration_id, status, payload, result, attempts,
  received_at, processed_at)
select 'github', md5('delivery/' || r.id)::uuid::text, 'push', '20000000-0000-4000-a000-000000000001', '60000000-0000-4000-a000-000000000001',
  'processed',
  jsonb_build_object('ref', 'refs/heads/' || r.branch, 'after', r.commit_sha, 'repository', jsonb_build_object('full_name', 'acme/payments-api'),
    'pusher', jsonb_build_object('name', 'otto-operator')),
  jsonb_build_object('action', 'started', 'execution_id', r.id, 'flow_template_id', r.flow_template_id, 'branch', r.branch),
  1, r.started_at - interval '2 seconds', r.started_at - interval '1 second'
from demo_runs r where r.trigger_source = 'webhook';

-- ---------------------------------------------------------------- telemetry, dashboards, notifications

-- Runs and nodes wrote their CI/CD spans through the triggers above; OTLP metrics from the service itself:
insert into public.telemetry_signals (project_id, signal_type, name, kind, started_at, ended_at, service_name, attributes,
  resource_attributes, payload, observed_at)
select '20000000-0000-4000-a000-000000000001', 'metric', 'http.server.duration', 'histogram',
  now() - (h + 1) * interval '15 minutes', now() - h * interval '15 minutes', 'payments-api',
  jsonb_build_object('http.route', '/v1/payments', 'deployment.environment', 'prod'),
  jsonb_build_object('service.name', 'payments-api', 'deployment.environment', 'prod'),
  jsonb_build_object('p95_ms', 120 + (h * 53) % 90, 'environment', 'prod', 'route', '/v1/payments'), now() - h * interval '15 minutes'
from generate_series(0, 95) as h;

-- Dashboard snapshots: one real snapshot of the replayed history, taken as the scheduler would (service role);
-- no invented figures.
select set_config('request.jwt.claims', '{"role": "service_role"}', false);
select public.refresh_widget_metrics('20000000-0000-4000-a000-000000000001');
select set_config('request.jwt.claims', '', false);

insert into public.dashboard_layouts (user_id, project_id, name, layout, is_default)
select u.id, '20000000-0000-4000-a000-000000000001', 'Release overview',
  '[{"i": "deploy_frequency", "x": 0, "y": 0, "w": 6, "h": 4}, {"i": "change_failure_rate", "x": 6, "y": 0, "w": 6, "h": 4},
    {"i": "executions", "x": 0, "y": 4, "w": 12, "h": 6}]'::jsonb, true
from auth.users u where u.email in ('admin@opzenix.dev', 'operator@opzenix.dev', 'viewer@opzenix.dev');

insert into public.notification_events (user_id, project_id, type, target, payload, read_at, created_at)
select u.id, '20000000-0000-4000-a000-000000000001', n.type, 'in_app', n.payload, n.read_at, now() - n.ago
from auth.users u
cross join (values
  ('approval_requested', '{"title": "Payments API release: Approve production", "version": "1.100.0", "execution_id": "40000000-0000-4000-a000-000000000001"}'::jsonb,
   null::timestamptz, interval '5 minutes'),
  ('deployment_rolled_back', '{"environment": "prod", "version": "1.97.0", "restored": "1.96.0", "reason": "Elevated 5xx on /v1/refunds after 1.97.0 (INC-2291)"}'::jsonb,
   now() - interval '24 hours', interval '25 hours 45 minutes'),
  ('execution_failed', '{"execution_name": "Payments API release", "version": "1.98.0", "execution_id": "40000000-0000-4000-b000-000000000011"}'::jsonb,
   null, interval '18 hours')
) as n (type, payload, read_at, ago)
where u.email in ('admin@opzenix.dev', 'operator@opzenix.dev', 'viewer@opzenix.dev', 'lead@opzenix.dev');
