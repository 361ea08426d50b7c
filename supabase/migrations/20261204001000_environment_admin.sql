-- Environments as admins shape them: added anywhere along the promotion chain (the later ones shift), moved,
-- archived and restored, with history kept. An environment that has deployments or runs is never deleted: it is
-- archived, stays readable with everything it ran, and takes no new deployments or runs until an admin restores
-- it. create_environment, move_environment, archive_environment and restore_environment are the one way to
-- change the chain's order (create-environment's routes call them as the caller, so RLS applies as well);
-- positions are kept contiguous: active environments 0..n-1 in chain order, archived ones after them.

alter table public.environments
  add column archived_at timestamptz,
  add column archived_by uuid references auth.users (id) on delete set null,
  add column archive_reason text check (length(archive_reason) <= 500),
  -- Whether operators may change this environment's configuration: null follows the tier (yes on development
  -- and testing, no above), false turns it off, true is only allowed on development and testing.
  add column operators_edit_config boolean,
  add constraint environments_operator_config_tier check (not coalesce(operators_edit_config, false) or tier in ('development', 'testing')),
  add constraint environments_display_name_length check (length(btrim(display_name)) between 1 and 100);
comment on column public.environments.archived_at is 'Set by archive_environment: history stays, new deployments and runs are refused until restore_environment.';
comment on column public.environments.operators_edit_config is 'null: operators edit configuration on development and testing tiers only; false: admins only; true: operators too (development and testing only).';

-- Who archived it is whoever set archived_at, whatever the client sends; restoring clears all three.
create or replace function public.stamp_environment_archive()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.archived_at is distinct from old.archived_at then
    if new.archived_at is null then
      new.archived_by := null;
      new.archive_reason := null;
    else
      new.archived_at := now();
      new.archived_by := auth.uid();
      new.archive_reason := nullif(btrim(new.archive_reason), '');
    end if;
  else
    new.archived_by := old.archived_by;
    new.archive_reason := old.archive_reason;
  end if;
  return new;
end
$$;
revoke execute on function public.stamp_environment_archive() from public, anon, authenticated;
create trigger environments_archive_stamp before update on public.environments
for each row execute function public.stamp_environment_archive();

/** Refuses deleting an environment that has deployments or runs (archive it instead); a deleted project takes its environments with it. */
create or replace function public.keep_environment_history()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  -- Deleting the project (or its organization) deletes everything under it on purpose.
  if not exists (select 1 from public.projects p where p.id = old.project_id) then
    return old;
  end if;
  if exists (select 1 from public.deployments d where d.environment_id = old.id)
    or exists (select 1 from public.executions x where x.environment_id = old.id) then
    raise exception 'environment % has deployments or runs, so it is archived, never deleted: archive it to keep its history', old.key
      using errcode = 'PT409', hint = 'archive_environment keeps every deployment, version and run readable';
  end if;
  return old;
end
$$;
revoke execute on function public.keep_environment_history() from public, anon, authenticated;
create trigger environments_keep_history before delete on public.environments
for each row execute function public.keep_environment_history();

/** Refuses new deployments and runs into an archived environment, with the sentence the engine and the UI show. */
create or replace function public.refuse_archived_environment()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _env record;
begin
  if new.environment_id is null then
    return new;
  end if;
  select e.key, e.archived_at into _env from public.environments e where e.id = new.environment_id;
  if _env.archived_at is not null then
    raise exception 'environment % is archived, so it takes no new deployments or runs; an admin can restore it on the Environments page', _env.key
      using errcode = 'check_violation';
  end if;
  return new;
end
$$;
revoke execute on function public.refuse_archived_environment() from public, anon, authenticated;
create trigger deployments_refuse_archived_environment before insert on public.deployments
for each row execute function public.refuse_archived_environment();
create trigger executions_refuse_archived_environment before insert on public.executions
for each row execute function public.refuse_archived_environment();

-- Renumbers a project's environments 0..n-1: the active ones in the order given, then the archived ones in
-- their old order. The caller holds the project's environment rows locked; the unique (project_id, position)
-- constraint is deferred, so the intermediate states do not collide.
create or replace function private.renumber_environments(_project_id uuid, _active uuid[])
returns void
language plpgsql security invoker
set search_path = ''
as $$
begin
  update public.environments e set position = o.n - 1
  from unnest(_active || coalesce((
    select array_agg(a.id order by a.position, a.created_at) from public.environments a
    where a.project_id = _project_id and a.archived_at is not null and not a.id = any (_active)
  ), '{}')) with ordinality as o (id, n)
  where e.id = o.id and e.position is distinct from (o.n - 1)::int;
end
$$;

-- The project's active environments in chain order, locked for the change the caller is about to make.
create or replace function private.lock_chain(_project_id uuid)
returns uuid[]
language plpgsql security invoker
set search_path = ''
as $$
declare
  _ids uuid[];
begin
  perform 1 from public.environments e where e.project_id = _project_id for update;
  select coalesce(array_agg(e.id order by e.position, e.created_at), '{}') into _ids
  from public.environments e where e.project_id = _project_id and e.archived_at is null;
  return _ids;
end
$$;

-- Refuses (with the sentence the function and the UI show) anyone who is not an admin of the project.
create or replace function private.require_environment_admin(_project_id uuid, _what text)
returns void
language plpgsql stable security invoker
set search_path = ''
as $$
begin
  if _project_id is null or not private.is_project_member(_project_id) then
    raise exception 'no such project or environment, or you are not a member of its organization' using errcode = 'PT404';
  end if;
  if not public.project_role_at_least(_project_id, 'admin') then
    raise exception 'only an admin of this project can %', _what using errcode = '42501';
  end if;
end
$$;

/**
 * Adds an environment at _position of the project's promotion chain (0 first; null or the chain's length
 * appends); the environments from there on move one place later.
 */
create or replace function public.create_environment(
  _project_id uuid, _key text, _display_name text, _tier public.environment_tier, _position integer default null,
  _required_approvals integer default 0, _deploy_strategy public.deploy_strategy default 'rolling',
  _operators_edit_config boolean default null
)
returns public.environments
language plpgsql security invoker
set search_path = ''
as $$
declare
  _chain uuid[];
  _project record;
  _env public.environments;
begin
  perform private.require_environment_admin(_project_id, 'add environments');
  select p.name, p.archived_at into _project from public.projects p where p.id = _project_id;
  if _project.archived_at is not null then
    raise exception 'project % is archived; restore it before adding environments', _project.name using errcode = 'check_violation';
  end if;
  if _key is null or _key !~ '^[a-z][a-z0-9_-]{0,39}$' then
    raise exception 'key must start with a lowercase letter and use only a-z, 0-9, - and _ (at most 40 characters)' using errcode = '22023';
  end if;
  if exists (select 1 from public.environments e where e.project_id = _project_id and e.key = _key) then
    raise exception 'project % already has an environment "%" (archived ones keep their key)', _project.name, _key using errcode = 'PT409';
  end if;
  _chain := private.lock_chain(_project_id);
  if _position is null then
    _position := cardinality(_chain);
  end if;
  if _position < 0 or _position > cardinality(_chain) then
    raise exception 'position % does not exist: % has % environments, so choose 0 to %', _position, _project.name, cardinality(_chain), cardinality(_chain)
      using errcode = '22023';
  end if;
  insert into public.environments (project_id, key, display_name, tier, position, required_approvals, deploy_strategy, operators_edit_config)
  values (_project_id, _key, btrim(_display_name), _tier,
    1 + coalesce((select max(e.position) from public.environments e where e.project_id = _project_id), -1),
    _required_approvals, _deploy_strategy, _operators_edit_config)
  returning * into _env;
  perform private.renumber_environments(_project_id, _chain[1:_position] || _env.id || _chain[_position + 1:]);
  select * into _env from public.environments e where e.id = _env.id;
  return _env;
end
$$;

/** Moves an active environment to _position of its project's chain (0 first); the others close up around it. */
create or replace function public.move_environment(_environment_id uuid, _position integer)
returns public.environments
language plpgsql security invoker
set search_path = ''
as $$
declare
  _env public.environments;
  _chain uuid[];
begin
  select * into _env from public.environments e where e.id = _environment_id;
  perform private.require_environment_admin(_env.project_id, 'reorder environments');
  _chain := private.lock_chain(_env.project_id);
  if _env.archived_at is not null then
    raise exception 'environment % is archived, so it has no place in the chain; restore it first', _env.key using errcode = 'PT409';
  end if;
  if _position is null or _position < 0 or _position >= cardinality(_chain) then
    raise exception 'position % does not exist: the chain has % environments, so choose 0 to %', _position, cardinality(_chain), cardinality(_chain) - 1
      using errcode = '22023';
  end if;
  _chain := array_remove(_chain, _env.id);
  perform private.renumber_environments(_env.project_id, _chain[1:_position] || _env.id || _chain[_position + 1:]);
  select * into _env from public.environments e where e.id = _environment_id;
  return _env;
end
$$;

/** Archives an environment: it leaves the chain (placed after the active ones) and keeps all its history. */
create or replace function public.archive_environment(_environment_id uuid, _reason text default null)
returns public.environments
language plpgsql security invoker
set search_path = ''
as $$
declare
  _env public.environments;
  _chain uuid[];
begin
  select * into _env from public.environments e where e.id = _environment_id;
  perform private.require_environment_admin(_env.project_id, 'archive environments');
  _chain := private.lock_chain(_env.project_id);
  if _env.archived_at is not null then
    raise exception 'environment % is already archived', _env.key using errcode = 'PT409';
  end if;
  update public.environments e set archived_at = now(), archive_reason = _reason where e.id = _environment_id;
  perform private.renumber_environments(_env.project_id, array_remove(_chain, _env.id));
  select * into _env from public.environments e where e.id = _environment_id;
  return _env;
end
$$;

/** Brings an archived environment back at the end of the chain; it takes deployments and runs again. */
create or replace function public.restore_environment(_environment_id uuid)
returns public.environments
language plpgsql security invoker
set search_path = ''
as $$
declare
  _env public.environments;
  _chain uuid[];
begin
  select * into _env from public.environments e where e.id = _environment_id;
  perform private.require_environment_admin(_env.project_id, 'restore environments');
  _chain := private.lock_chain(_env.project_id);
  if _env.archived_at is null then
    raise exception 'environment % is not archived', _env.key using errcode = 'PT409';
  end if;
  update public.environments e set archived_at = null where e.id = _environment_id;
  perform private.renumber_environments(_env.project_id, _chain || _env.id);
  select * into _env from public.environments e where e.id = _environment_id;
  return _env;
end
$$;

revoke execute on function private.renumber_environments(uuid, uuid[]), private.lock_chain(uuid),
  private.require_environment_admin(uuid, text) from public, anon, service_role;
grant execute on function private.renumber_environments(uuid, uuid[]), private.lock_chain(uuid),
  private.require_environment_admin(uuid, text) to authenticated;
grant execute on function
  public.create_environment(uuid, text, text, public.environment_tier, integer, integer, public.deploy_strategy, boolean),
  public.move_environment(uuid, integer),
  public.archive_environment(uuid, text),
  public.restore_environment(uuid)
to authenticated;

create index environments_active_idx on public.environments (project_id, position) where archived_at is null;
