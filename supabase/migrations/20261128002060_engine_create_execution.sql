-- A run and its nodes are created in one transaction: created one after the other, a scheduler tick could read
-- the queued run between the two inserts, see no nodes, and finish it as a success with nothing done.

create or replace function public.engine_create_execution(_execution jsonb, _nodes jsonb)
returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  _id uuid;
begin
  insert into public.executions (id, project_id, flow_template_id, name, flow_type, status, environment_id, graph,
    trigger_source, branch, commit_sha, started_by, version)
  select coalesce(x.id, gen_random_uuid()), x.project_id, x.flow_template_id, x.name, coalesce(x.flow_type, 'cicd'), 'queued',
    x.environment_id, x.graph, coalesce(x.trigger_source, 'manual'), x.branch, x.commit_sha, x.started_by, x.version
  from jsonb_to_record(_execution) as x (id uuid, project_id uuid, flow_template_id uuid, name text, flow_type public.flow_type,
    environment_id uuid, graph jsonb, trigger_source text, branch text, commit_sha text, started_by uuid, version text)
  returning id into _id;

  insert into public.execution_nodes (execution_id, node_id, name, kind, config, status, attempt, started_at, finished_at, duration_ms, output)
  select _id, n.node_id, n.name, n.kind, coalesce(n.config, '{}'::jsonb), coalesce(n.status, 'pending'), coalesce(n.attempt, 1),
    n.started_at, n.finished_at,
    case when n.started_at is not null and n.finished_at is not null
      then greatest(0, (extract(epoch from n.finished_at - n.started_at) * 1000)::integer) end,
    n.output
  from jsonb_to_recordset(_nodes) as n (node_id text, name text, kind public.node_kind, config jsonb, status public.node_status,
    attempt integer, started_at timestamptz, finished_at timestamptz, output jsonb);
  return _id;
end
$$;

revoke execute on function public.engine_create_execution(jsonb, jsonb) from public, anon, authenticated;
grant execute on function public.engine_create_execution(jsonb, jsonb) to service_role;
