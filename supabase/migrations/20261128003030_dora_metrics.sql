-- DORA's five current metrics for a project (optionally one environment) over a window [from, to), computed
-- from deployments under the caller's RLS (security invoker). Each row carries the definition the UI shows.
-- A deployment belongs to the window by its started_at; "finished" deployments are those whose status is
-- success, failed or rolled_back (pending, in-progress and cancelled ones are not counted). A deployment is a
-- "failed change" when it failed, was marked rolled_back, or a later deployment names it in rollback_of_id.

create or replace function public.dora_metrics(_project_id uuid, _from timestamptz, _to timestamptz, _environment_id uuid default null)
returns table (metric text, value double precision, unit text, sample_size integer, definition text)
language sql stable security invoker
set search_path = ''
as $$
  with history as (
    select d.*,
      d.status in ('failed', 'rolled_back')
        or exists (select 1 from public.deployments r where r.rollback_of_id = d.id and r.status = 'success') as failed_change
    from public.deployments d
    where d.project_id = _project_id and (_environment_id is null or d.environment_id = _environment_id)
      and d.status in ('success', 'failed', 'rolled_back')
  ),
  win as (
    select h.*,
      (select p.failed_change from history p
        where p.environment_id = h.environment_id and p.started_at < h.started_at
        order by p.started_at desc limit 1) as follows_failure
    from history h where h.started_at >= _from and h.started_at < _to
  ),
  lead as (
    select extract(epoch from w.finished_at - (
      select min(coalesce(e.started_at, e.created_at)) from public.executions e
      where e.project_id = _project_id and e.commit_sha = coalesce(
        (select v.commit_sha from public.deployment_versions v where v.deployment_id = w.id and v.commit_sha is not null limit 1),
        (select x.commit_sha from public.executions x where x.id = w.execution_id))
    )) as seconds
    from win w where w.status = 'success' and w.rollback_of_id is null and w.finished_at is not null
  ),
  recovery as (
    select extract(epoch from (
      select min(r.finished_at) from history r
      where r.environment_id = w.environment_id and r.status = 'success' and r.started_at > w.started_at
    ) - coalesce(w.finished_at, w.started_at)) as seconds
    from win w where w.failed_change
  )
  select 'deployment_frequency', count(*) filter (where w.status in ('success', 'rolled_back'))
      / (extract(epoch from _to - _from) / 86400)::double precision,
    'per_day', (count(*) filter (where w.status in ('success', 'rolled_back')))::integer,
    'Deployments that reached the environment (status success, or rolled_back: they went live before being undone) and started in the window, divided by the window''s length in days.'
  from win w
  union all
  select 'change_lead_time', percentile_cont(0.5) within group (order by l.seconds), 'seconds', count(l.seconds)::integer,
    'Median time from a commit''s first pipeline run in Opzenix (the earliest started_at, else created_at, of any execution of the project with that commit_sha) to the finish of a successful, non-rollback deployment of it that started in the window. The commit is the deployment version''s commit_sha, else its execution''s; deployments with no known commit are left out.'
  from lead l
  union all
  select 'change_fail_rate', (count(*) filter (where w.failed_change))::double precision / nullif(count(*), 0), 'ratio', count(*)::integer,
    'Finished deployments started in the window that failed, were marked rolled_back, or were later rolled back (a successful deployment names them in rollback_of_id), divided by all finished deployments started in the window.'
  from win w
  union all
  select 'failed_deployment_recovery_time', percentile_cont(0.5) within group (order by r.seconds), 'seconds', count(r.seconds)::integer,
    'Median, over the failed changes started in the window, of the time from the failed deployment''s finish (its start if it never finished) to the finish of the next successful deployment to the same environment started after it. Failed changes not yet recovered are left out.'
  from recovery r
  union all
  select 'deployment_rework_rate', (count(*) filter (where w.rollback_of_id is not null or coalesce(w.follows_failure, false)))::double precision / nullif(count(*), 0),
    'ratio', count(*)::integer,
    'Unplanned deployments — rollbacks (rollback_of_id set) and fixes (the previous finished deployment to the same environment was a failed change) — among finished deployments started in the window, divided by all finished deployments started in the window.'
  from win w
$$;
grant execute on function public.dora_metrics(uuid, timestamptz, timestamptz, uuid) to authenticated;
