-- GitHub workflow steps (executor type 'github_workflow' on build/test/security_scan nodes). Their dispatch state
-- lives in the node's own row, under execution_nodes.output -> 'github_workflow', so members read it (and watch
-- it live) under the node's RLS:
--   {state: dispatching | dispatched | dispatch_failed | in_progress | completed, repository, workflow,
--    workflow_path | workflow_id, ref, traceparent, dispatched_at, error, run_id, run_number, run_name, html_url,
--    run_status, conclusion}
-- Status changes still go through engine_apply only; these functions write output and log lines.
-- Internal (service role): engine-tick claims and records dispatches, github-webhook matches workflow_run events.

create index execution_nodes_github_workflow_waiting_idx on public.execution_nodes
  (lower(output -> 'github_workflow' ->> 'repository'), (output -> 'github_workflow' ->> 'ref'))
  where status = 'running' and output ? 'github_workflow';

-- Takes a running workflow node for dispatching, once: of twelve concurrent ticks, one gets the context back
-- (and dispatches), the others get null. A claimed node is never dispatched again.
create or replace function public.github_workflow_claim(_execution_id uuid, _node_id text)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  _node public.execution_nodes;
  _run public.executions;
begin
  update public.execution_nodes n
  set output = coalesce(n.output, '{}'::jsonb) || jsonb_build_object('github_workflow', jsonb_build_object('state', 'dispatching', 'claimed_at', now()))
  where n.execution_id = _execution_id and n.node_id = _node_id and n.status = 'running'
    and n.config -> 'executor' ->> 'type' = 'github_workflow' and not coalesce(n.output ? 'github_workflow', false)
  returning * into _node;
  if not found then return null; end if;
  select * into _run from public.executions e where e.id = _execution_id;
  return jsonb_build_object(
    'execution_id', _run.id, 'node_id', _node.node_id, 'node_name', _node.name, 'project_id', _run.project_id,
    'organization_id', (select p.organization_id from public.projects p where p.id = _run.project_id),
    'branch', _run.branch, 'commit_sha', _run.commit_sha, 'attempt', _node.attempt, 'config', _node.config,
    'traceparent', '00-' || public.execution_trace_id(_node.execution_id) || '-' || public.execution_task_span_id(_node.id, _node.attempt) || '-01',
    'integrations', coalesce((
      select jsonb_agg(jsonb_build_object('id', i.id, 'owner', i.repository_owner, 'name', i.repository_name,
        'workflow_file', i.workflow_file, 'default_branch', i.default_branch) order by i.created_at)
      from public.github_integrations i where i.project_id = _run.project_id and i.is_active), '[]'::jsonb));
end
$$;

-- Merges _patch into the node's github_workflow state and appends log lines (while the node runs).
create or replace function public.github_workflow_record(_execution_id uuid, _node_id text, _patch jsonb,
  _lines text[] default '{}', _level public.log_level default 'info')
returns boolean
language plpgsql security definer
set search_path = ''
as $$
declare
  _node public.execution_nodes;
begin
  update public.execution_nodes n
  set output = jsonb_set(coalesce(n.output, '{}'::jsonb), '{github_workflow}', coalesce(n.output -> 'github_workflow', '{}'::jsonb) || _patch)
  where n.execution_id = _execution_id and n.node_id = _node_id and n.status = 'running' and n.output ? 'github_workflow'
  returning * into _node;
  if not found then return false; end if;
  insert into public.execution_logs (execution_id, project_id, node_id, level, message, metadata)
  select _node.execution_id, _node.project_id, _node.node_id, _level, l.line, '{"github_workflow": true}'::jsonb
  from unnest(_lines) with ordinality as l (line, ord) order by l.ord;
  return true;
end
$$;

-- A workflow_run webhook (the receiving integration's project, the repository's full name, GitHub's
-- payload.workflow_run, the action): finds the running node of that project that dispatched it and records the run on it. GitHub's dispatch API returns no run id, so a
-- run is matched by repository + workflow + head branch + created after the dispatch (5 s clock slack), among
-- workflow_dispatch runs only; a run whose name carries an execution id (run-name: inputs.opzenix_execution_id)
-- goes to that execution's node only; otherwise the oldest waiting dispatch takes it. Once bound, a run stays
-- with its node. Returns {matched, execution_id, node_id, state} or {matched: false, reason}.
create or replace function public.github_workflow_run_event(_project_id uuid, _repository text, _run jsonb, _action text)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  _node public.execution_nodes;
  _ids text[];
  _state text;
  _previous text;
  _label text;
  _line text;
  _found boolean := false;
begin
  if _run ->> 'id' is null then return jsonb_build_object('matched', false, 'reason', 'no_run'); end if;
  _ids := array(select lower(m[1]) from regexp_matches(coalesce(_run ->> 'name', '') || ' ' || coalesce(_run ->> 'display_title', ''),
    '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})', 'gi') as m);
  -- Twice: a delivery of the same run that waited for another one's lock finds the node bound the second time.
  for _try in 1..2 loop
    select n.* into _node from public.execution_nodes n
    where n.status = 'running' and n.project_id = _project_id and n.output ? 'github_workflow'
      and lower(n.output -> 'github_workflow' ->> 'repository') = lower(_repository)
      and n.output -> 'github_workflow' ->> 'run_id' = _run ->> 'id'
    limit 1 for update;
    _found := found;
    exit when _found;
    if coalesce(_run ->> 'event', '') <> 'workflow_dispatch' then
      return jsonb_build_object('matched', false, 'reason', 'not_a_dispatch', 'event', _run ->> 'event');
    end if;
    select n.* into _node from public.execution_nodes n
    where n.status = 'running' and n.project_id = _project_id and n.output ? 'github_workflow'
      and lower(n.output -> 'github_workflow' ->> 'repository') = lower(_repository)
      and n.output -> 'github_workflow' ->> 'ref' = _run ->> 'head_branch'
      and n.output -> 'github_workflow' ->> 'state' in ('dispatching', 'dispatched')
      and n.output -> 'github_workflow' ->> 'run_id' is null
      and (n.output -> 'github_workflow' ->> 'workflow_path' = _run ->> 'path'
        or n.output -> 'github_workflow' ->> 'workflow_id' = _run ->> 'workflow_id')
      and (_run ->> 'created_at')::timestamptz >= (n.output -> 'github_workflow' ->> 'dispatched_at')::timestamptz - interval '5 seconds'
      and (cardinality(_ids) = 0 or n.execution_id::text = any (_ids))
    order by (n.output -> 'github_workflow' ->> 'dispatched_at')::timestamptz, n.id
    limit 1 for update;
    _found := found;
    exit when _found;
  end loop;
  if not _found then
    return jsonb_build_object('matched', false, 'reason', 'no_waiting_node');
  end if;

  _previous := _node.output -> 'github_workflow' ->> 'state';
  _state := case when _action = 'completed' or _run ->> 'status' = 'completed' then 'completed'
    when _previous = 'completed' then 'completed' else 'in_progress' end;
  update public.execution_nodes n
  set output = jsonb_set(n.output, '{github_workflow}', (n.output -> 'github_workflow') || jsonb_strip_nulls(jsonb_build_object(
    'state', _state, 'run_id', (_run ->> 'id')::bigint, 'run_number', _run -> 'run_number', 'run_attempt', _run -> 'run_attempt',
    'run_name', _run ->> 'name', 'html_url', _run ->> 'html_url', 'run_status', _run ->> 'status',
    'conclusion', case when _state = 'completed' then _run ->> 'conclusion' end, 'updated_at', now())))
  where n.id = _node.id;
  if _state = 'in_progress' and _previous is distinct from 'in_progress' then
    _label := format('Workflow run #%s', coalesce(_run ->> 'run_number', _run ->> 'id'));
    _line := format('%s %s: %s', _label, replace(coalesce(_run ->> 'status', 'in_progress'), '_', ' '), _run ->> 'html_url');
    insert into public.execution_logs (execution_id, project_id, node_id, level, message, metadata)
    values (_node.execution_id, _node.project_id, _node.node_id, 'info', _line,
      jsonb_build_object('github_workflow', true, 'url', _run ->> 'html_url'));
  end if;
  return jsonb_build_object('matched', true, 'execution_id', _node.execution_id, 'node_id', _node.node_id, 'state', _state);
end
$$;

revoke execute on function public.github_workflow_claim(uuid, text), public.github_workflow_record(uuid, text, jsonb, text[], public.log_level),
  public.github_workflow_run_event(uuid, text, jsonb, text) from public, anon, authenticated;
grant execute on function public.github_workflow_claim(uuid, text), public.github_workflow_record(uuid, text, jsonb, text[], public.log_level),
  public.github_workflow_run_event(uuid, text, jsonb, text) to service_role;
