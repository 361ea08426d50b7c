-- Version history of pipelines (issue 13): every save of a flow_templates row is a version, with its author, time and
-- an optional message, written by triggers on flow_templates itself, so no save path (the builder, the code view,
-- an import, instantiate_pipeline_template, the service role, the seed) can skip it. Versions are append-only and
-- audited; members read them, nobody writes them directly. Restoring an earlier version
-- (restore_flow_template_version) saves that graph again, which makes a new version that says what it restored.
--
-- The message travels with the save itself: the client sets flow_templates.save_message in the same insert or
-- update; the trigger moves it onto the version and the column does not keep it (only an insert's
-- `returning` still echoes it).
--
-- flow_templates.version (the builder's optimistic lock: update … set version = v + 1 where version = v) is also
-- the version's number. It never goes down, and a change of the graph that did not bump it is bumped here, so
-- numbers are unique per pipeline whoever writes.

alter table public.flow_templates
  add column save_message text check (save_message is null or length(save_message) <= 500);
comment on column public.flow_templates.save_message is
  'Write-only: what the save being made is about. The history trigger moves it onto the new flow_template_versions row; it reads null once saved.';

create table public.flow_template_versions (
  id uuid primary key default gen_random_uuid(),
  flow_template_id uuid not null references public.flow_templates (id) on delete cascade,
  project_id uuid not null, -- the pipeline's project when saved (policies filter on it), copied by the trigger
  version integer not null, -- the flow_templates.version this save produced
  name text not null,
  type public.flow_type not null,
  nodes jsonb not null check (jsonb_typeof(nodes) = 'array'),
  edges jsonb not null check (jsonb_typeof(edges) = 'array'),
  message text, -- what the author said about this save; null when they said nothing
  restored_from integer, -- set when this version restores an earlier one: that version's number (graph copied from it)
  created_by uuid references auth.users (id) on delete set null, -- the author; null: a write outside the API (seed, database owner)
  created_at timestamptz not null default now(),
  unique (flow_template_id, version)
);
create index flow_template_versions_project_id_idx on public.flow_template_versions (project_id);
comment on table public.flow_template_versions is 'Append-only history of each pipeline: one row per save of flow_templates'' name, type, nodes or edges.';

-- ---------------------------------------------------------------- triggers

/** Writes the version a save makes (before update: the pipeline row exists) and keeps version numbers rising. */
create or replace function public.record_flow_template_update()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _restored integer := nullif(current_setting('opzenix.restored_from', true), '')::integer;
begin
  new.version := greatest(new.version, old.version);
  if (new.name, new.type, new.nodes, new.edges) is not distinct from (old.name, old.type, old.nodes, old.edges) then
    new.save_message := null;
    return new;
  end if;
  if new.version = old.version then
    new.version := old.version + 1;
  end if;
  -- Set by restore_flow_template_version for the one update it makes.
  perform set_config('opzenix.restored_from', '', true);
  if _restored is not null and not exists (
    select 1 from public.flow_template_versions v where v.flow_template_id = new.id and v.version = _restored
  ) then
    _restored := null;
  end if;
  insert into public.flow_template_versions (flow_template_id, project_id, version, name, type, nodes, edges, message, restored_from, created_by)
  values (new.id, new.project_id, new.version, new.name, new.type, new.nodes, new.edges,
    nullif(btrim(coalesce(new.save_message, '')), ''), _restored, auth.uid());
  new.save_message := null;
  return new;
end
$$;

/** A new pipeline's first version (after insert: the version references the row). */
create or replace function public.record_flow_template_insert()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.flow_template_versions (flow_template_id, project_id, version, name, type, nodes, edges, message, created_by, created_at)
  values (new.id, new.project_id, new.version, new.name, new.type, new.nodes, new.edges,
    nullif(btrim(coalesce(new.save_message, '')), ''),
    coalesce(auth.uid(), new.created_by),
    case when auth.uid() is null then least(new.created_at, now()) else now() end);
  if new.save_message is not null then
    -- The message belongs to the version; the update trigger clears the column (nothing else changes).
    update public.flow_templates f set save_message = null where f.id = new.id;
  end if;
  return null;
end
$$;

/** Refuses changing or deleting a version (restore an earlier one instead); deleting the pipeline takes its history. */
create or replace function public.keep_flow_template_versions()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' and not exists (select 1 from public.flow_templates f where f.id = old.flow_template_id) then
    return old;
  end if;
  raise exception 'pipeline versions are append-only: restore an earlier version instead, which adds a new one'
    using errcode = 'PT409';
end
$$;

revoke execute on function public.record_flow_template_update(), public.record_flow_template_insert(),
  public.keep_flow_template_versions() from public, anon, authenticated;

-- Named to run before flow_templates_updated_at (triggers fire in name order).
create trigger flow_templates_history before update on public.flow_templates
for each row execute function public.record_flow_template_update();
create trigger flow_templates_history_first after insert on public.flow_templates
for each row execute function public.record_flow_template_insert();
create trigger flow_template_versions_append_only before update or delete on public.flow_template_versions
for each row execute function public.keep_flow_template_versions();

-- Pipelines saved before history began: their current graph is their first known version (not audited: nobody
-- saved anything now).
insert into public.flow_template_versions (flow_template_id, project_id, version, name, type, nodes, edges, message, created_by, created_at)
select f.id, f.project_id, f.version, f.name, f.type, f.nodes, f.edges, 'Saved before version history', f.created_by, f.updated_at
from public.flow_templates f;

create trigger flow_template_versions_audit after insert on public.flow_template_versions
for each row execute function audit.log_change();

-- ---------------------------------------------------------------- restore

/**
 * Saves version _version of a pipeline again as its newest version (message: _message, or "Restored version N").
 * As the caller, under RLS: operators and admins of the project (42501 otherwise). _expected_version is the
 * version the caller is looking at: PT409 when someone saved since, or when the pipeline already has that graph;
 * PT404 for a pipeline or version the caller cannot see. Returns the pipeline as saved.
 */
create or replace function public.restore_flow_template_version(_flow_template_id uuid, _version integer,
  _expected_version integer default null, _message text default null)
returns public.flow_templates
language plpgsql
set search_path = ''
as $$
declare
  _pipeline public.flow_templates;
  _source public.flow_template_versions;
begin
  select * into _pipeline from public.flow_templates f where f.id = _flow_template_id;
  if not found then
    raise exception 'no such pipeline, or you are not a member of its project' using errcode = 'PT404';
  end if;
  if not public.project_role_at_least(_pipeline.project_id, 'operator') then
    raise exception 'Only operators and admins can restore a version of this pipeline' using errcode = '42501';
  end if;
  select * into _source from public.flow_template_versions v where v.flow_template_id = _flow_template_id and v.version = _version;
  if not found then
    raise exception 'Version % of "%" does not exist', _version, _pipeline.name using errcode = 'PT404';
  end if;
  if _expected_version is not null and _pipeline.version <> _expected_version then
    raise exception 'Someone else saved "%" since you opened it (it is at version %, you have version %). Reload to see their version.',
      _pipeline.name, _pipeline.version, _expected_version using errcode = 'PT409';
  end if;
  if (_source.name, _source.type, _source.nodes, _source.edges) is not distinct from (_pipeline.name, _pipeline.type, _pipeline.nodes, _pipeline.edges) then
    raise exception 'Nothing to restore: "%" already is as version % left it', _pipeline.name, _version using errcode = 'PT409';
  end if;

  perform set_config('opzenix.restored_from', _version::text, true);
  update public.flow_templates f
  set name = _source.name, type = _source.type, nodes = _source.nodes, edges = _source.edges, version = f.version + 1,
    save_message = coalesce(nullif(btrim(coalesce(_message, '')), ''), format('Restored version %s', _version))
  where f.id = _flow_template_id and f.version = _pipeline.version
  returning * into _pipeline;
  if not found then
    raise exception 'Someone else saved this pipeline meanwhile. Reload to see their version.' using errcode = 'PT409';
  end if;
  return _pipeline;
exception when unique_violation then
  raise exception 'A pipeline named "%" already exists in this project: rename it before restoring version %', _source.name, _version
    using errcode = '23505';
end
$$;

revoke execute on function public.restore_flow_template_version(uuid, integer, integer, text) from public, anon;
grant execute on function public.restore_flow_template_version(uuid, integer, integer, text) to authenticated;

-- ---------------------------------------------------------------- access

alter table public.flow_template_versions enable row level security;

create policy "Members can read their projects' pipeline history"
on public.flow_template_versions for select to authenticated
using ((select private.is_project_member(project_id)));

revoke insert, update, delete, truncate on public.flow_template_versions from anon, authenticated, service_role;
