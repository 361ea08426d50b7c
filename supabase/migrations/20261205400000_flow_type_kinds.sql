-- The flow types' own stages (issue 13): MLOps, LLMOps, infrastructure and security pipelines get node kinds
-- of their own (supabase/functions/_shared/pipeline/kinds.ts FLOW_WORK_KINDS). They are work stages: the engine
-- runs them through an executor like build and test. In their own migration because a new enum value cannot be
-- used in the transaction that adds it.

alter type public.node_kind add value if not exists 'data_validation';
alter type public.node_kind add value if not exists 'train';
alter type public.node_kind add value if not exists 'evaluate';
alter type public.node_kind add value if not exists 'register_model';
alter type public.node_kind add value if not exists 'deploy_model';
alter type public.node_kind add value if not exists 'monitor_drift';
alter type public.node_kind add value if not exists 'eval_suite';
alter type public.node_kind add value if not exists 'guardrail_check';
alter type public.node_kind add value if not exists 'model_version_gate';
alter type public.node_kind add value if not exists 'canary';
alter type public.node_kind add value if not exists 'plan';
alter type public.node_kind add value if not exists 'policy_check';
alter type public.node_kind add value if not exists 'apply';
alter type public.node_kind add value if not exists 'drift_check';
alter type public.node_kind add value if not exists 'sast';
alter type public.node_kind add value if not exists 'dependency_scan';
alter type public.node_kind add value if not exists 'secrets_scan';
alter type public.node_kind add value if not exists 'sbom';
alter type public.node_kind add value if not exists 'image_sign';
alter type public.node_kind add value if not exists 'image_scan';
alter type public.node_kind add value if not exists 'security_gate';

-- cicd.pipeline.task.type for the new kinds: what they make is a build, what they check is a test, what
-- ships is a deploy (OpenTelemetry's CI/CD conventions know only these three).
create or replace function public.cicd_task_type(_kind public.node_kind, _name text, _config jsonb)
returns text
language sql immutable
set search_path = ''
as $$
  select case
    when _kind::text in ('deploy', 'rollback', 'deploy_model', 'canary', 'apply') then 'deploy'
    when _kind::text in ('build', 'train', 'register_model', 'plan', 'sbom', 'image_sign') then 'build'
    when _kind::text in ('test', 'security_scan', 'data_validation', 'evaluate', 'monitor_drift', 'eval_suite',
      'guardrail_check', 'model_version_gate', 'policy_check', 'drift_check', 'sast', 'dependency_scan',
      'secrets_scan', 'image_scan', 'security_gate') then 'test'
    when _config ->> 'task_type' in ('build', 'test', 'deploy') then _config ->> 'task_type'
    when _name ~* '(test|lint|scan|e2e|check|qa)' then 'test'
    when _name ~* '(build|compile|package|image|bundle)' then 'build'
    when _name ~* '(deploy|release|rollout|promote)' then 'deploy'
  end
$$;
