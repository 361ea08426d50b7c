-- workflow_job progress on the waiting step (issue 15). A github_workflow node waits for its workflow run; each
-- workflow_job delivery of that run (matched by repository and run id, in the receiving integration's project)
-- records the job on the node (output.github_workflow.jobs.<job id>: name, status, conclusion, times, URL) and
-- writes a log line when the job starts and when it finishes, so the step's log says which job is running
-- and which one failed. Jobs of runs no node waits for are only recorded on the delivery, as before.

/** Records a workflow_job event on the github_workflow node waiting for its run; returns what it matched. */
create or replace function public.github_workflow_job_event(_project_id uuid, _repository text, _job jsonb, _action text)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  _node public.execution_nodes;
  _key text := _job ->> 'id';
  _before jsonb;
  _status text := coalesce(_job ->> 'status', _action);
  _line text;
begin
  if _key is null or _job ->> 'run_id' is null then return jsonb_build_object('matched', false, 'reason', 'no_job'); end if;
  select n.* into _node from public.execution_nodes n
  where n.status = 'running' and n.project_id = _project_id and n.output ? 'github_workflow'
    and lower(n.output -> 'github_workflow' ->> 'repository') = lower(_repository)
    and n.output -> 'github_workflow' ->> 'run_id' = _job ->> 'run_id'
  limit 1 for update;
  if not found then return jsonb_build_object('matched', false, 'reason', 'no_waiting_node'); end if;

  _before := _node.output -> 'github_workflow' -> 'jobs' -> _key;
  update public.execution_nodes n
  set output = jsonb_set(n.output, '{github_workflow,jobs}', coalesce(n.output -> 'github_workflow' -> 'jobs', '{}'::jsonb)
    || jsonb_build_object(_key, jsonb_strip_nulls(jsonb_build_object(
      'name', _job ->> 'name', 'status', _status, 'conclusion', _job ->> 'conclusion', 'started_at', _job ->> 'started_at',
      'completed_at', _job ->> 'completed_at', 'html_url', _job ->> 'html_url', 'runner', _job ->> 'runner_name'))))
  where n.id = _node.id;

  -- One line when a job starts and one when it ends (a redelivery or an out-of-order event adds none).
  if _status = 'completed' and _before ->> 'status' is distinct from 'completed' then
    _line := format('Job %s finished: %s — %s', _job ->> 'name', coalesce(_job ->> 'conclusion', 'unknown'), _job ->> 'html_url');
  elsif _status = 'in_progress' and coalesce(_before ->> 'status', 'queued') = 'queued' then
    _line := format('Job %s started%s — %s', _job ->> 'name', coalesce(' on ' || (_job ->> 'runner_name'), ''), _job ->> 'html_url');
  end if;
  if _line is not null then
    insert into public.execution_logs (execution_id, project_id, node_id, level, message, metadata)
    values (_node.execution_id, _node.project_id, _node.node_id,
      case when _status = 'completed' and _job ->> 'conclusion' = 'failure' then 'error' else 'info' end::public.log_level, _line,
      jsonb_build_object('github_workflow', true, 'job_id', (_key)::bigint, 'url', _job ->> 'html_url'));
  end if;
  return jsonb_build_object('matched', true, 'execution_id', _node.execution_id, 'node_id', _node.node_id, 'job_status', _status);
end
$$;
revoke execute on function public.github_workflow_job_event(uuid, text, jsonb, text) from public, anon, authenticated;
grant execute on function public.github_workflow_job_event(uuid, text, jsonb, text) to service_role;
