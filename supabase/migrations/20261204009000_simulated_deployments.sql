-- Simulated deployments: a deployment recorded by a run whose deploy step has no real executor (every deploy step
-- today: the engine records the deployment and its version, nothing is shipped anywhere) says so, so the board,
-- the version history, the home page and DORA can mark it instead of calling it "Live" unqualified (issue 20).
--
-- The flag is set by a trigger on insert, whoever inserts (engine, rollback, seed), so no path can forget it:
-- - a deployment by a run is simulated unless one of the run's deploy steps names an executor other than
--   'simulated';
-- - a rollback without a run restores a version, so it is as simulated as the deployment that first recorded that
--   version in the environment;
-- - anything else (a deployment recorded by hand through the API) keeps what it was given (default false).

alter table public.deployments add column simulated boolean not null default false;
comment on column public.deployments.simulated is
  'True when nothing real was deployed: recorded by a run whose deploy step has no real executor, or a rollback to such a version';

create or replace function private.deployment_is_simulated(_deployment public.deployments)
returns boolean
language sql stable security definer
set search_path = ''
as $$
  select case
    when _deployment.execution_id is not null then not exists (
      select 1 from public.execution_nodes n
      where n.execution_id = _deployment.execution_id and n.kind = 'deploy'
        and coalesce(n.config -> 'executor' ->> 'type', 'simulated') <> 'simulated')
    when _deployment.rollback_of_id is not null then coalesce((
      select d.simulated from public.deployment_versions v join public.deployments d on d.id = v.deployment_id
      where v.environment_id = _deployment.environment_id and v.version_tag = _deployment.version
      order by v.created_at desc limit 1), _deployment.simulated)
    else _deployment.simulated
  end
$$;

create or replace function private.deployments_mark_simulated()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  new.simulated := private.deployment_is_simulated(new);
  return new;
end
$$;

create trigger deployments_mark_simulated before insert on public.deployments
  for each row execute function private.deployments_mark_simulated();

-- Rows recorded before this migration.
update public.deployments d set simulated = private.deployment_is_simulated(d) where d.execution_id is not null;
update public.deployments d set simulated = private.deployment_is_simulated(d) where d.execution_id is null and d.rollback_of_id is not null;

-- Only the trigger calls these (as their owner).
revoke execute on function private.deployment_is_simulated(public.deployments) from public, anon, authenticated, service_role;
revoke execute on function private.deployments_mark_simulated() from public, anon, authenticated, service_role;
