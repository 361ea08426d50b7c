-- cicd.pipeline.task.type for the engine's node kinds (build, test, security_scan, deploy, rollback were
-- added by the engine migrations): the kind decides first, then config.task_type, then the node's name.

create or replace function public.cicd_task_type(_kind public.node_kind, _name text, _config jsonb)
returns text
language sql immutable
set search_path = ''
as $$
  select case
    when _kind::text in ('deploy', 'rollback') then 'deploy'
    when _kind::text = 'build' then 'build'
    when _kind::text in ('test', 'security_scan') then 'test'
    when _config ->> 'task_type' in ('build', 'test', 'deploy') then _config ->> 'task_type'
    when _name ~* '(test|lint|scan|e2e|check|qa)' then 'test'
    when _name ~* '(build|compile|package|image|bundle)' then 'build'
    when _name ~* '(deploy|release|rollout|promote)' then 'deploy'
  end
$$;
