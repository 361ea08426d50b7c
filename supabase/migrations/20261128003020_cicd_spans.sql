-- CI/CD spans out: when an execution or one of its nodes reaches a final status, a span following the
-- OpenTelemetry CI/CD semantic conventions (https://opentelemetry.io/docs/specs/semconv/cicd/cicd-spans/)
-- is written to telemetry_signals (source 'opzenix'). A run is one trace whose id is derived from the
-- execution id, so its pipeline-run span (kind SERVER) and task spans (kind INTERNAL, children of the run
-- span) share a trace, and a GitHub workflow given TRACEPARENT = 00-<trace id>-<task span id>-01 joins it.

/** The OTel trace id of an execution's run: the execution's uuid as 32 hex digits. */
create or replace function public.execution_trace_id(_execution_id uuid)
returns text
language sql immutable
set search_path = ''
as $$ select replace(_execution_id::text, '-', '') $$;

/** The span id of an execution's pipeline-run span. */
create or replace function public.execution_run_span_id(_execution_id uuid)
returns text
language sql immutable
set search_path = ''
as $$ select left(md5('run:' || _execution_id::text), 16) $$;

/** The span id of one attempt of an execution node's task span. */
create or replace function public.execution_task_span_id(_execution_node_id uuid, _attempt integer)
returns text
language sql immutable
set search_path = ''
as $$ select left(md5('task:' || _execution_node_id::text || ':' || _attempt::text), 16) $$;

/** The W3C traceparent a node's external work (a GitHub workflow) should carry to join the run's trace. */
create or replace function public.execution_node_traceparent(_execution_node_id uuid)
returns text
language sql stable
set search_path = ''
as $$
  select '00-' || public.execution_trace_id(n.execution_id) || '-' || public.execution_task_span_id(n.id, n.attempt) || '-01'
  from public.execution_nodes n where n.id = _execution_node_id
$$;

/** cicd.pipeline.task.type for a node: deploy nodes deploy; otherwise config.task_type, else guessed from the name. */
create or replace function public.cicd_task_type(_kind public.node_kind, _name text, _config jsonb)
returns text
language sql immutable
set search_path = ''
as $$
  select case
    when _kind = 'deploy' then 'deploy'
    when _config ->> 'task_type' in ('build', 'test', 'deploy') then _config ->> 'task_type'
    when _name ~* '(test|lint|scan|e2e|check|qa)' then 'test'
    when _name ~* '(build|compile|package|image|bundle)' then 'build'
    when _name ~* '(deploy|release|rollout|promote)' then 'deploy'
  end
$$;

create or replace function public.emit_execution_run_span()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _pipeline text;
  _result text;
begin
  if new.status not in ('success', 'warning', 'failed', 'cancelled') then return new; end if;
  if tg_op = 'UPDATE' and old.status = new.status then return new; end if;
  _pipeline := coalesce((select f.name from public.flow_templates f where f.id = new.flow_template_id),
    regexp_replace(new.name, '\s*#\d+$', ''));
  _result := case new.status
    when 'cancelled' then 'cancellation'
    when 'failed' then case when new.error_message ~* 'time(d)?[ -]?out' then 'timeout' else 'failure' end
    else 'success' end;
  insert into public.telemetry_signals (project_id, execution_id, signal_type, source, name, otel_trace_id, otel_span_id,
    kind, status, started_at, ended_at, observed_at, service_name, attributes, resource_attributes, payload)
  values (new.project_id, new.id, 'trace', 'opzenix', 'RUN ' || _pipeline, public.execution_trace_id(new.id),
    public.execution_run_span_id(new.id), 'server', case when _result in ('failure', 'timeout') then 'error' else 'unset' end,
    coalesce(new.started_at, new.created_at), coalesce(new.finished_at, now()), coalesce(new.finished_at, now()), 'opzenix',
    jsonb_strip_nulls(jsonb_build_object(
      'cicd.pipeline.name', _pipeline,
      'cicd.pipeline.run.id', new.id::text,
      'cicd.pipeline.action.name', 'RUN',
      'cicd.pipeline.result', _result,
      'error.type', case _result when 'failure' then 'failure' when 'timeout' then 'timeout' end,
      'vcs.ref.head.name', new.branch,
      'vcs.ref.head.revision', new.commit_sha,
      'opzenix.execution.status', new.status::text,
      'opzenix.flow_type', new.flow_type::text,
      'opzenix.trigger_source', new.trigger_source)),
    jsonb_build_object('service.name', 'opzenix', 'cicd.pipeline.name', _pipeline, 'cicd.pipeline.run.id', new.id::text),
    jsonb_strip_nulls(jsonb_build_object('status_message', new.error_message, 'environment_id', new.environment_id)));
  return new;
end
$$;

create or replace function public.emit_execution_task_span()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _run public.executions;
  _pipeline text;
  _result text;
begin
  if new.status not in ('success', 'warning', 'failed', 'skipped', 'cancelled') then return new; end if;
  if tg_op = 'UPDATE' and old.status = new.status and old.attempt = new.attempt then return new; end if;
  select * into _run from public.executions e where e.id = new.execution_id;
  _pipeline := coalesce((select f.name from public.flow_templates f where f.id = _run.flow_template_id),
    regexp_replace(_run.name, '\s*#\d+$', ''));
  _result := case new.status
    when 'failed' then case when coalesce(new.output ->> 'error', new.logs, '') ~* 'time(d)?[ -]?out' then 'timeout' else 'failure' end
    when 'skipped' then 'skip'
    when 'cancelled' then 'cancellation'
    else 'success' end;
  insert into public.telemetry_signals (project_id, execution_id, signal_type, source, name, otel_trace_id, otel_span_id,
    parent_span_id, kind, status, started_at, ended_at, observed_at, service_name, attributes, resource_attributes, payload)
  values (new.project_id, new.execution_id, 'trace', 'opzenix', new.name, public.execution_trace_id(new.execution_id),
    public.execution_task_span_id(new.id, new.attempt), public.execution_run_span_id(new.execution_id), 'internal',
    case when _result in ('failure', 'timeout') then 'error' else 'unset' end,
    coalesce(new.started_at, new.finished_at, now()), coalesce(new.finished_at, now()), coalesce(new.finished_at, now()), 'opzenix',
    jsonb_strip_nulls(jsonb_build_object(
      'cicd.pipeline.task.name', new.name,
      'cicd.pipeline.task.run.id', new.id::text || case when new.attempt > 1 then '/' || new.attempt::text else '' end,
      'cicd.pipeline.task.type', public.cicd_task_type(new.kind, new.name, new.config),
      'cicd.pipeline.task.run.result', _result,
      'cicd.pipeline.name', _pipeline,
      'cicd.pipeline.run.id', new.execution_id::text,
      'error.type', case _result when 'failure' then 'failure' when 'timeout' then 'timeout' end,
      'opzenix.node.id', new.node_id,
      'opzenix.node.kind', new.kind::text,
      'opzenix.node.attempt', new.attempt)),
    jsonb_build_object('service.name', 'opzenix', 'cicd.pipeline.name', _pipeline, 'cicd.pipeline.run.id', new.execution_id::text),
    jsonb_build_object('duration_ms', new.duration_ms));
  return new;
end
$$;
revoke execute on function public.emit_execution_run_span(), public.emit_execution_task_span() from public, anon, authenticated;

create trigger executions_cicd_span after insert or update of status on public.executions
for each row execute function public.emit_execution_run_span();
create trigger execution_nodes_cicd_span after insert or update of status, attempt on public.execution_nodes
for each row execute function public.emit_execution_task_span();
