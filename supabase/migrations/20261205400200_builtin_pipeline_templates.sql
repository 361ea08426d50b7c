-- The built-in template library (issue 13): a starter per flow type, a gated release, and a starter per
-- language (java, dotnet, python, javascript, typescript, go). Built in = organization_id null and public, so
-- every organization (and the landing page) sees them. Work stages run on the simulated executor until a step is
-- pointed at a GitHub workflow; each graph passes the pipeline rules (validateGraph) against the default chain
-- dev → uat → staging → preprod → prod, and the ungated ones need nothing but a dev environment.

create function pg_temp.n(_id text, _kind text, _label text, _x int, _y int, _config jsonb default '{}')
returns jsonb language sql immutable as $$
  select jsonb_build_object('id', _id, 'type', _kind, 'position', jsonb_build_object('x', _x, 'y', _y),
    'data', jsonb_build_object('label', _label, 'config', _config))
$$;

-- A simulated work stage lasting _ms and writing _lines, plus the kind's own settings.
create function pg_temp.sim(_ms int, _lines text[], _settings jsonb default '{}')
returns jsonb language sql immutable as $$
  select _settings || jsonb_build_object('executor', jsonb_build_object('type', 'simulated', 'duration_ms', _ms,
    'outcome', 'success', 'log_lines', to_jsonb(_lines)))
$$;

-- Edges from "a>b" pairs.
create function pg_temp.e(variadic _pairs text[])
returns jsonb language sql immutable as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', split_part(p, '>', 1) || '->' || split_part(p, '>', 2),
    'source', split_part(p, '>', 1), 'target', split_part(p, '>', 2), 'data', jsonb_build_object('on', 'success'))), '[]')
  from unnest(_pairs) as p
$$;

create function pg_temp.src(_repo text) returns jsonb language sql immutable as $$
  select pg_temp.n('src', 'source', _repo, 0, 80, jsonb_build_object('repository', _repo, 'branch', 'main'))
$$;

create function pg_temp.dev(_x int) returns jsonb language sql immutable as $$
  select pg_temp.n('deploy-dev', 'deploy', 'Deploy to dev', _x, 80, '{"environment": "dev", "strategy": "rolling", "duration_ms": 1000}')
$$;

insert into public.pipeline_templates (organization_id, name, description, category, flow_type, tags, is_public, nodes, edges)
values
(null, 'Container service: build, test, scan, deploy',
  'Builds an image, runs the tests and a security scan side by side, marks a rerun point and ships to dev.',
  'Continuous delivery', 'cicd', '{docker,kubernetes,starter}', true,
  jsonb_build_array(
    pg_temp.src('acme/service'),
    pg_temp.n('build', 'build', 'Build image', 240, 80, pg_temp.sim(1500, array['docker build -t service:$GIT_SHA .', 'image 182 MB, 14 layers'])),
    pg_temp.n('test', 'test', 'Unit tests', 480, 0, pg_temp.sim(1500, array['running 412 tests', '412 passed'])),
    pg_temp.n('scan', 'security_scan', 'Security scan', 480, 160, pg_temp.sim(1500, array['scanning dependencies', '0 critical, 1 low'])),
    pg_temp.n('rc', 'checkpoint', 'Release candidate', 720, 80, '{"label": "Release candidate"}'),
    pg_temp.dev(960),
    pg_temp.n('notify', 'notify', 'Tell the team', 1200, 80, '{"channel": "in_app", "message": "The service is live on dev"}')),
  pg_temp.e('src>build', 'build>test', 'build>scan', 'test>rc', 'scan>rc', 'rc>deploy-dev', 'deploy-dev>notify')),

(null, 'Release to production with approvals',
  'Build, test and scan once, then promote the same version through staging (canary) and production (blue-green), each behind its approval gate; a failed smoke test rolls staging back.',
  'Continuous delivery', 'cicd', '{release,approvals,canary,blue-green}', true,
  jsonb_build_array(
    pg_temp.src('acme/service'),
    pg_temp.n('build', 'build', 'Build', 240, 80, pg_temp.sim(1500, array['compiling', 'artifact ready'])),
    pg_temp.n('test', 'test', 'Tests', 480, 80, pg_temp.sim(1500, array['612 passed'])),
    pg_temp.n('scan', 'security_scan', 'Security scan', 720, 80, pg_temp.sim(1500, array['no findings above low'])),
    pg_temp.n('rc', 'checkpoint', 'Release candidate', 960, 80, '{"label": "Release candidate"}'),
    pg_temp.n('approve-staging', 'approval', 'Approve staging', 1200, 80, '{"environment": "staging"}'),
    pg_temp.n('deploy-staging', 'deploy', 'Deploy to staging', 1440, 80, '{"environment": "staging", "strategy": "canary", "duration_ms": 1500}'),
    pg_temp.n('smoke', 'test', 'Smoke tests', 1680, 80, pg_temp.sim(1500, array['GET /health 200', '12 of 12 checks passed'])),
    pg_temp.n('rollback-staging', 'rollback', 'Roll staging back', 1920, 240, '{"environment": "staging"}'),
    pg_temp.n('approve-prod', 'approval', 'Approve production', 1920, 80, '{"environment": "prod"}'),
    pg_temp.n('deploy-prod', 'deploy', 'Deploy to production', 2160, 80, '{"environment": "prod", "strategy": "blue_green", "duration_ms": 2000}')),
  pg_temp.e('src>build', 'build>test', 'test>scan', 'scan>rc', 'rc>approve-staging', 'approve-staging>deploy-staging',
    'deploy-staging>smoke', 'smoke>approve-prod', 'approve-prod>deploy-prod')
    || jsonb_build_array(jsonb_build_object('id', 'smoke->rollback-staging', 'source', 'smoke', 'target', 'rollback-staging', 'data', jsonb_build_object('on', 'failure')))),

(null, 'Model training and serving',
  'Validates the training data, trains and evaluates the model, registers it when it beats the threshold, records the release on dev, serves it and watches for drift.',
  'Machine learning', 'mlops', '{training,evaluation,registry,drift,starter}', true,
  jsonb_build_array(
    pg_temp.src('acme/fraud-model'),
    pg_temp.n('validate', 'data_validation', 'Validate data', 240, 80, pg_temp.sim(1200, array['1.2M rows, 48 columns', 'null ratio 0.3% (max 1%)'], '{"dataset": "transactions-2026-12", "max_null_ratio": 0.01}')),
    pg_temp.n('train', 'train', 'Train', 480, 80, pg_temp.sim(1800, array['epoch 1/3 loss 0.412', 'epoch 3/3 loss 0.188'], '{"framework": "xgboost"}')),
    pg_temp.n('evaluate', 'evaluate', 'Evaluate', 720, 80, pg_temp.sim(1200, array['auc 0.941 on the holdout set (min 0.9)'], '{"metric": "auc", "min_score": 0.9}')),
    pg_temp.n('register', 'register_model', 'Register model', 960, 80, pg_temp.sim(800, array['fraud-detector v46 registered in staging'], '{"model_name": "fraud-detector", "stage": "staging"}')),
    pg_temp.dev(1200),
    pg_temp.n('serve', 'deploy_model', 'Deploy model', 1440, 80, pg_temp.sim(1200, array['endpoint fraud-detector-dev updated', '100% traffic on v46'], '{"endpoint": "fraud-detector-dev", "traffic_percent": 100}')),
    pg_temp.n('drift', 'monitor_drift', 'Monitor drift', 1680, 80, pg_temp.sim(1200, array['PSI 0.04 over the last hour (alert at 0.2)'], '{"metric": "psi", "threshold": 0.2}'))),
  pg_temp.e('src>validate', 'validate>train', 'train>evaluate', 'evaluate>register', 'register>deploy-dev', 'deploy-dev>serve', 'serve>drift')),

(null, 'Prompt release with evals and a canary',
  'Runs the prompt bundle against the golden set, probes the guardrails, pins the model version and sends a share of traffic to the new prompt before recording it on dev.',
  'LLM apps', 'llmops', '{prompts,evals,guardrails,canary,starter}', true,
  jsonb_build_array(
    pg_temp.src('acme/support-assistant'),
    pg_temp.n('evals', 'eval_suite', 'Golden-set evals', 240, 80, pg_temp.sim(1500, array['212 of 220 cases passed (96%, min 90%)'], '{"suite": "golden-set", "min_pass_rate": 0.9}')),
    pg_temp.n('guardrails', 'guardrail_check', 'Guardrail check', 480, 80, pg_temp.sim(1200, array['pii: 0 leaks', 'jailbreak: 0 of 60 probes succeeded'], '{"policies": ["pii", "jailbreak", "toxicity"]}')),
    pg_temp.n('pin', 'model_version_gate', 'Pin model version', 720, 80, pg_temp.sim(600, array['gpt-4o-2024-08-06 pinned'], '{"model": "gpt-4o", "pinned_version": "2024-08-06"}')),
    pg_temp.n('canary', 'canary', 'Canary 10%', 960, 80, pg_temp.sim(1500, array['10% of conversations on the new prompt', 'thumbs-up rate unchanged'], '{"traffic_percent": 10}')),
    pg_temp.dev(1200)),
  pg_temp.e('src>evals', 'evals>guardrails', 'guardrails>pin', 'pin>canary', 'canary>deploy-dev')),

(null, 'Terraform plan, policy check and apply',
  'Plans the change, checks it against the policy set, keeps a rerun point, applies the reviewed plan, records the release on dev and checks for drift.',
  'Infrastructure as code', 'infrastructure', '{terraform,opa,drift,starter}', true,
  jsonb_build_array(
    pg_temp.src('acme/platform-infra'),
    pg_temp.n('plan', 'plan', 'Plan', 240, 80, pg_temp.sim(1500, array['terraform plan -out=tfplan', 'Plan: 3 to add, 1 to change, 0 to destroy.'], '{"tool": "terraform", "workspace": "dev"}')),
    pg_temp.n('policy', 'policy_check', 'Policy check', 480, 80, pg_temp.sim(1000, array['conftest test tfplan.json', '38 policies, 0 failures'], '{"engine": "opa", "policy_set": "baseline"}')),
    pg_temp.n('reviewed', 'checkpoint', 'Reviewed plan', 720, 80, '{"label": "Reviewed plan"}'),
    pg_temp.n('apply', 'apply', 'Apply', 960, 80, pg_temp.sim(1500, array['terraform apply tfplan', 'Apply complete! Resources: 3 added, 1 changed, 0 destroyed.'], '{"tool": "terraform", "workspace": "dev"}')),
    pg_temp.dev(1200),
    pg_temp.n('drift', 'drift_check', 'Drift check', 1440, 80, pg_temp.sim(1000, array['terraform plan -detailed-exitcode', 'No changes. Infrastructure matches the configuration.'], '{"tool": "terraform", "workspace": "dev"}'))),
  pg_temp.e('src>plan', 'plan>policy', 'policy>reviewed', 'reviewed>apply', 'apply>deploy-dev', 'deploy-dev>drift')),

(null, 'Supply-chain security',
  'SAST, dependency and secrets scans in parallel, a gate on their findings, then an SBOM, an image scan and a signature before the image ships to dev.',
  'Security', 'security', '{sast,sca,secrets,sbom,sigstore,starter}', true,
  jsonb_build_array(
    pg_temp.src('acme/service'),
    pg_temp.n('sast', 'sast', 'SAST', 240, 0, pg_temp.sim(1500, array['semgrep --config auto', '0 findings above low'], '{"tool": "semgrep"}')),
    pg_temp.n('deps', 'dependency_scan', 'Dependency scan', 240, 160, pg_temp.sim(1200, array['412 packages, 0 known vulnerabilities above medium'], '{"fail_on": "high"}')),
    pg_temp.n('secrets', 'secrets_scan', 'Secrets scan', 240, 320, pg_temp.sim(800, array['gitleaks detect', 'no leaks found'], '{"tool": "gitleaks"}')),
    pg_temp.n('gate', 'security_gate', 'Security gate', 480, 160, pg_temp.sim(500, array['highest finding: low (allowed: medium)'], '{"max_severity": "medium"}')),
    pg_temp.n('sbom', 'sbom', 'SBOM', 720, 160, pg_temp.sim(800, array['CycloneDX 1.6, 412 components'], '{"format": "cyclonedx"}')),
    pg_temp.n('image-scan', 'image_scan', 'Image scan', 960, 160, pg_temp.sim(1200, array['trivy image: 0 critical'], '{"fail_on": "critical"}')),
    pg_temp.n('sign', 'image_sign', 'Sign image', 1200, 160, pg_temp.sim(600, array['cosign sign: signature pushed'], '{"signer": "cosign"}')),
    pg_temp.n('deploy-dev', 'deploy', 'Deploy to dev', 1440, 160, '{"environment": "dev", "strategy": "rolling", "duration_ms": 1000}')),
  pg_temp.e('src>sast', 'src>deps', 'src>secrets', 'sast>gate', 'deps>gate', 'secrets>gate', 'gate>sbom', 'sbom>image-scan',
    'image-scan>sign', 'sign>deploy-dev'));

-- One starter per language: the same shape (source → build → test → security scan → deploy to dev) with each
-- ecosystem's own commands in the simulated log, so the run page reads like that language's build.
insert into public.pipeline_templates (organization_id, name, description, category, flow_type, tags, is_public, nodes, edges)
select null, l.title, 'Builds, tests and scans a ' || l.title_short || ' project with ' || l.tool || ', then ships it to dev.',
  'Language starters', 'cicd', array[l.key, l.tool, 'starter'], true,
  jsonb_build_array(
    pg_temp.src('acme/' || l.key || '-service'),
    pg_temp.n('build', 'build', 'Build', 240, 80, pg_temp.sim(1500, l.build_lines)),
    pg_temp.n('test', 'test', 'Test', 480, 80, pg_temp.sim(1500, l.test_lines)),
    pg_temp.n('scan', 'security_scan', 'Dependency audit', 720, 80, pg_temp.sim(1000, l.scan_lines)),
    pg_temp.dev(960)),
  pg_temp.e('src>build', 'build>test', 'test>scan', 'scan>deploy-dev')
from (values
  ('java', 'Java service (Maven)', 'Java', 'maven',
    array['mvn -B -DskipTests package', 'BUILD SUCCESS: target/service-1.0.0.jar'], array['mvn -B test', 'Tests run: 318, Failures: 0, Errors: 0'],
    array['mvn org.owasp:dependency-check-maven:check', 'no vulnerable dependencies']),
  ('dotnet', '.NET service', '.NET', 'dotnet',
    array['dotnet restore', 'dotnet publish -c Release', 'Service -> bin/Release/net9.0/publish/'], array['dotnet test --no-build', 'Passed! Failed: 0, Passed: 204'],
    array['dotnet list package --vulnerable', 'no vulnerable packages']),
  ('python', 'Python service (pip)', 'Python', 'pip',
    array['pip install -r requirements.txt', 'python -m build', 'dist/service-1.0.0-py3-none-any.whl'], array['pytest -q', '286 passed in 41.2s'],
    array['pip-audit', 'No known vulnerabilities found']),
  ('javascript', 'JavaScript app (npm)', 'JavaScript', 'npm',
    array['npm ci', 'npm run build', 'dist/ 1.2 MB'], array['npm test', 'Tests: 188 passed, 188 total'],
    array['npm audit --audit-level=high', 'found 0 vulnerabilities']),
  ('typescript', 'TypeScript app (npm)', 'TypeScript', 'npm',
    array['npm ci', 'tsc --noEmit', 'vite build', 'dist/ 940 KB'], array['vitest run', 'Test Files 42 passed, Tests 377 passed'],
    array['npm audit --audit-level=high', 'found 0 vulnerabilities']),
  ('go', 'Go service', 'Go', 'go',
    array['go build ./...', 'bin/service 14 MB'], array['go test ./...', 'ok  	acme/service	2.41s'],
    array['govulncheck ./...', 'No vulnerabilities found.'])
) as l (key, title, title_short, tool, build_lines, test_lines, scan_lines);
