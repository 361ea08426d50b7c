-- Internal helpers are not an API. Postgres grants EXECUTE on every new function to PUBLIC and PostgREST
-- exposes every function in public, so the anon key alone could ask project_org, has_role or member_role
-- about any project or user. From here on:
-- 1. The helpers policies call move to schema private, which PostgREST does not expose. Policies keep
--    working (they hold functions by oid), and authenticated keeps EXECUTE because policies run as the caller.
-- 2. Function bodies that name a moved helper are re-created naming private.* (plpgsql bodies are text).
-- 3. Nothing in public is executable by PUBLIC or anon; authenticated gets exactly the functions the browser
--    and the user-scoped edge function clients call; pure internal derivations are executable by no API role.
-- 4. New functions start with no EXECUTE for PUBLIC, anon or authenticated: a migration grants what it exposes.
-- docs/data-model.md lists who may call what; test/data-model/function-grants.test.ts holds the allow-list.

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated;

alter function public.has_role(uuid, public.app_role) set schema private;
alter function public.has_any_role(uuid) set schema private;
alter function public.member_role(uuid, uuid) set schema private;
alter function public.is_org_member(uuid) set schema private;
alter function public.project_org(uuid) set schema private;
alter function public.is_project_member(uuid) set schema private;
alter function public.shares_org_with(uuid) set schema private;

do $$
declare
  _moved constant text := 'public\.(has_role|has_any_role|member_role|is_org_member|project_org|is_project_member|shares_org_with)\(';
  _fn record;
begin
  for _fn in
    select p.oid from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname in ('public', 'private', 'audit') and p.prosqlbody is null and p.prosrc ~ _moved
  loop
    execute regexp_replace(pg_get_functiondef(_fn.oid), _moved, 'private.\1(', 'g');
  end loop;
end
$$;

revoke execute on all functions in schema private from public, anon, service_role;
grant execute on all functions in schema private to authenticated;

revoke execute on all functions in schema public from public, anon, authenticated;

-- What the browser and the user-scoped edge function clients call. Invoker functions run under the caller's
-- RLS; definer ones check the caller's role themselves.
grant execute on function
  public.org_role_at_least(uuid, public.app_role),
  public.project_role_at_least(uuid, public.app_role),
  public.control_tower_kpis(uuid),
  public.control_tower_runs_per_day(uuid, integer, text),
  public.dashboard_figures(uuid, integer, text),
  public.dora_metrics(uuid, timestamptz, timestamptz, uuid),
  public.dora_metrics_series(uuid, timestamptz, timestamptz, text, uuid),
  public.project_activity(uuid, integer, timestamptz, text),
  public.telemetry_facets(uuid, timestamptz),
  public.telemetry_metric_series(uuid, text, timestamptz, timestamptz, integer),
  public.rollback_deployment(uuid, uuid, text),
  public.lock_environment_for_switch(uuid),
  public.issue_otel_ingest_token(uuid, uuid),
  public.revoke_otel_ingest_token(uuid),
  public.refresh_widget_metrics(uuid),
  public.verify_audit_chain()
to authenticated;

-- Derivations used only inside triggers and definer functions (they run as the owner).
revoke execute on function
  public.execution_trace_id(uuid),
  public.execution_run_span_id(uuid),
  public.execution_task_span_id(uuid, integer),
  public.execution_node_traceparent(uuid),
  public.cicd_task_type(public.node_kind, text, jsonb)
from service_role;

alter default privileges for role postgres revoke execute on functions from public;
alter default privileges for role postgres in schema public revoke execute on functions from anon, authenticated;
