-- An environment's configuration (plain variables and references to secrets) is versioned: every change is a new,
-- append-only row of environment_config_versions saying who, when and why; restoring an earlier version is a new
-- version too. environment_configs (variables, secrets_ref) and the environment's secret_references rows become
-- the current version's projection, written only by the version trigger. Secret references name a provider and
-- a key (where the provider keeps the value), never the value. A variable whose name or value looks like a secret
-- is refused here, whoever writes (the update-environment-config function, PostgREST, the service role), with a
-- sentence saying to use a secret reference; supabase/functions/_shared/environments/secrets.ts holds the same
-- rules for the browser and the function (test/data-model/environment-admin.test.ts checks both agree).
--
-- Who may change configuration: admins everywhere; operators on development and testing tiers unless an admin
-- set environments.operators_edit_config to false there; nobody on an archived environment.

-- ---------------------------------------------------------------- secret detection (pure)

/** Shannon entropy of a string in bits per character. */
create or replace function private.shannon_entropy(_value text)
returns double precision
language sql immutable
set search_path = ''
as $$
  select coalesce(-sum((c.n::float8 / length(_value)) * ln(c.n::float8 / length(_value)) / ln(2)), 0)
  from (select count(*) as n from regexp_split_to_table(_value, '') as ch group by ch) c
$$;

/** What a string looks like when it looks like a secret ('a GitHub token', …), or null. */
create or replace function private.secret_lookalike(_value text, _entropy boolean default true)
returns text
language sql immutable
set search_path = ''
as $$
  select case
    when _value is null then null
    when _value ~ '-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----' then 'a PEM private key'
    when _value ~ 'eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.' then 'a JWT'
    when _value ~ '(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})' then 'a GitHub token'
    when _value ~ '(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}' then 'an AWS access key'
    when _value ~ 'xox[abposr]-[A-Za-z0-9-]{10,}' then 'a Slack token'
    when _value ~ '(^|[^A-Za-z0-9])(sk-[A-Za-z0-9_-]{20,}|(sk|rk)_(live|test)_[A-Za-z0-9]{10,})' then 'an API secret key'
    when _value ~ 'AIza[0-9A-Za-z_-]{35}' then 'a Google API key'
    when _value ~ '[A-Za-z][A-Za-z0-9+.-]*://[^/ :@]+:[^/ @]+@' then 'a URL with a password in it'
    when _entropy and length(_value) >= 20 and _value ~ '^[A-Za-z0-9+/=_-]+$' and _value ~ '[A-Za-z]' and _value ~ '[0-9]'
      and _value !~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
      and private.shannon_entropy(_value) >= least(4.3, 0.88 * ln(length(_value)) / ln(2)) then 'a random token (high entropy)'
  end
$$;

/** The refusal for one variable (name and JSON value), or null when it may be stored as plain configuration. */
create or replace function private.variable_refusal(_name text, _value jsonb)
returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  _looks text;
  _advice constant text := 'Use a secret reference instead: keep the value in a secret provider and reference it by provider and key.';
begin
  if _name is null or _name !~ '^[A-Za-z_][A-Za-z0-9_.-]{0,127}$' then
    return format('Variable name %s is not valid: start with a letter or _, then letters, digits, _, . or - (at most 128)', coalesce(_name, '(empty)'));
  end if;
  if jsonb_typeof(_value) not in ('string', 'number', 'boolean') then
    return format('Variable %s must be a string, a number or true/false', _name);
  end if;
  if jsonb_typeof(_value) = 'string' and length(_value #>> '{}') > 4000 then
    return format('Variable %s is longer than 4000 characters', _name);
  end if;
  if upper(_name) ~ '(^|[_.-])(KEY|TOKEN|PASSWD|PASSPHRASE|CREDENTIAL|CREDENTIALS)$' or upper(_name) ~ '(PASSWORD|SECRET)' then
    return format('Variable %s looks like a secret (its name says it holds one). %s', _name, _advice);
  end if;
  if jsonb_typeof(_value) = 'string' then
    _looks := private.secret_lookalike(_value #>> '{}');
    if _looks is not null then
      return format('Variable %s looks like a secret (the value looks like %s). %s', _name, _looks, _advice);
    end if;
  end if;
  return null;
end
$$;

/** The refusal for one secret reference, or null. A reference names where a provider keeps the value. */
create or replace function private.secret_reference_refusal(_name text, _provider text, _key text)
returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  _looks text;
begin
  if _name is null or _name !~ '^[A-Za-z_][A-Za-z0-9_.-]{0,127}$' then
    return format('Secret reference name %s is not valid: start with a letter or _, then letters, digits, _, . or - (at most 128)', coalesce(_name, '(empty)'));
  end if;
  if _provider is null or _provider not in ('supabase_vault', 'edge_function_secret', 'azure_key_vault', 'aws_secrets_manager', 'github_actions') then
    return format('Secret reference %s: provider must be one of supabase_vault, edge_function_secret, azure_key_vault, aws_secrets_manager, github_actions', _name);
  end if;
  if _key is null or length(btrim(_key)) = 0 or length(_key) > 500 then
    return format('Secret reference %s: give the key the provider keeps it under (1 to 500 characters)', _name);
  end if;
  _looks := private.secret_lookalike(_key, false);
  if _looks is not null then
    return format('Secret reference %s: the key looks like %s, not the name or path of a secret. Give where the provider keeps the value, never the value itself.', _name, _looks);
  end if;
  return null;
end
$$;

/** The first refusal for a whole configuration (variables object, secrets array), or null. */
create or replace function private.config_refusal(_variables jsonb, _secrets jsonb)
returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  _refusal text;
  _item record;
begin
  if _variables is null or jsonb_typeof(_variables) <> 'object' then
    return 'variables must be an object of name → value';
  end if;
  if (select count(*) from jsonb_object_keys(_variables)) > 500 then
    return 'an environment holds at most 500 variables';
  end if;
  for _item in select v.key, v.value from jsonb_each(_variables) v order by v.key loop
    _refusal := private.variable_refusal(_item.key, _item.value);
    if _refusal is not null then
      return _refusal;
    end if;
  end loop;
  if _secrets is null or jsonb_typeof(_secrets) <> 'array' then
    return 'secrets must be a list of {name, provider, key}';
  end if;
  if jsonb_array_length(_secrets) > 200 then
    return 'an environment holds at most 200 secret references';
  end if;
  for _item in select s.value from jsonb_array_elements(_secrets) s loop
    if jsonb_typeof(_item.value) <> 'object' or exists (select 1 from jsonb_object_keys(_item.value) k where k not in ('name', 'provider', 'key')) then
      return 'each secret reference is {name, provider, key} and nothing else (never a value)';
    end if;
    _refusal := private.secret_reference_refusal(_item.value ->> 'name', _item.value ->> 'provider', _item.value ->> 'key');
    if _refusal is not null then
      return _refusal;
    end if;
  end loop;
  if (select count(distinct s.value ->> 'name') from jsonb_array_elements(_secrets) s) < jsonb_array_length(_secrets) then
    return 'each secret reference name appears once';
  end if;
  if exists (select 1 from jsonb_array_elements(_secrets) s where _variables ? (s.value ->> 'name')) then
    return 'a name is either a variable or a secret reference, not both';
  end if;
  return null;
end
$$;

-- ---------------------------------------------------------------- who may change configuration

/** Why the caller may not change the environment's configuration (a sentence), or null when they may. */
create or replace function public.environment_config_refusal(_environment_id uuid)
returns text
language plpgsql stable security definer
set search_path = ''
as $$
declare
  _env record;
  _role public.app_role;
  _operators boolean;
begin
  select e.key, e.tier, e.archived_at, e.operators_edit_config, e.project_id, p.organization_id into _env
  from public.environments e join public.projects p on p.id = e.project_id where e.id = _environment_id;
  _role := case when found then private.member_role(_env.organization_id, auth.uid()) end;
  if _role is null or not private.can_act(_environment_id, 'view') then
    return 'There is no such environment, or you are not a member of its organization';
  end if;
  if _env.archived_at is not null then
    return format('Environment %s is archived; an admin restores it before its configuration can change', _env.key);
  end if;
  _operators := _env.tier in ('development', 'testing') and coalesce(_env.operators_edit_config, true);
  if _role = 'admin' or (_role = 'operator' and _operators) then
    return null;
  end if;
  if _role = 'operator' and _env.tier in ('development', 'testing') then
    return format('Only an admin can change the configuration of %s: an admin turned operator edits off there', _env.key);
  end if;
  if _role = 'operator' then
    return format('Only an admin can change the configuration of %s (a %s environment); operators may edit development and testing environments', _env.key, _env.tier);
  end if;
  return format('Only %s can change the configuration of %s (you are a %s)', case when _operators then 'operators and admins' else 'an admin' end, _env.key, _role);
end
$$;

-- ---------------------------------------------------------------- versions

create table public.environment_config_versions (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null, -- the environment's project, set by the trigger whatever the client sends
  environment_id uuid not null,
  version integer not null default 0 check (version >= 0), -- 1, 2, 3… per environment, assigned by the trigger
  variables jsonb not null default '{}'::jsonb check (jsonb_typeof(variables) = 'object'), -- plain settings, name → value
  secrets jsonb not null default '[]'::jsonb check (jsonb_typeof(secrets) = 'array'), -- [{name, provider, key}], sorted by name; never values
  reason text not null check (length(reason) between 5 and 500), -- why this change was made
  restored_from integer, -- set when this version restores an earlier one: its number (content copied from it)
  base_version integer, -- the version the editor started from; the insert is refused when it is no longer current
  created_by uuid default auth.uid() references auth.users (id) on delete set null, -- null: a direct database write
  created_at timestamptz not null default now(),
  unique (environment_id, version),
  foreign key (environment_id, project_id) references public.environments (id, project_id) on delete cascade
);
create index environment_config_versions_project_id_idx on public.environment_config_versions (project_id);
comment on table public.environment_config_versions is 'Append-only history of each environment''s configuration; the latest row is environment_configs.';

alter table public.environment_configs
  add column version integer not null default 0; -- the environment_config_versions.version this row reflects
comment on column public.environment_configs.version is 'The current configuration version (environment_config_versions), 0 before the first.';

-- One reference name per scope: an environment's own DATABASE_URL and another environment's may differ.
alter table public.secret_references drop constraint secret_references_project_id_ref_key_key;
alter table public.secret_references add constraint secret_references_scope_ref_key_key unique nulls not distinct (project_id, environment_id, ref_key);

/** The secret references of an environment named in _names, as version entries (provider and key, never values). */
create or replace function private.secret_entries(_environment_id uuid, _names text[])
returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('name', n.name, 'provider', coalesce(r.provider, 'edge_function_secret'),
    'key', coalesce(r.external_name, n.name)) order by n.name), '[]'::jsonb)
  from (select distinct unnest(_names) as name) n
  left join lateral (
    select s.provider, s.external_name from public.secret_references s
    where s.ref_key = n.name and (s.environment_id = _environment_id
      or (s.environment_id is null and s.project_id = (select e.project_id from public.environments e where e.id = _environment_id)))
    order by s.environment_id nulls last limit 1
  ) r on true
$$;

create or replace function public.prepare_environment_config_version()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _env public.environments;
  _current public.environment_config_versions;
  _source public.environment_config_versions;
  _refusal text;
begin
  select * into _env from public.environments e where e.id = new.environment_id;
  if not found then
    raise exception 'no such environment' using errcode = 'foreign_key_violation';
  end if;
  new.project_id := _env.project_id;
  if auth.uid() is not null then
    _refusal := public.environment_config_refusal(new.environment_id);
    if _refusal is not null then
      raise exception '%', _refusal using errcode = '42501';
    end if;
  elsif _env.archived_at is not null then
    raise exception 'environment % is archived; restore it before its configuration can change', _env.key using errcode = 'check_violation';
  end if;

  -- One change at a time per environment: numbering and the base_version check see every earlier version.
  perform pg_advisory_xact_lock(hashtextextended('environment_config:' || new.environment_id::text, 0));
  select * into _current from public.environment_config_versions v where v.environment_id = new.environment_id order by v.version desc limit 1;
  if new.base_version is not null and new.base_version <> coalesce(_current.version, 0) then
    raise exception 'the configuration of % changed meanwhile: you edited version %, the current one is %; reload and apply your change again',
      _env.key, new.base_version, coalesce(_current.version, 0) using errcode = 'PT409';
  end if;

  new.reason := btrim(coalesce(new.reason, ''));
  if length(new.reason) < 5 or length(new.reason) > 500 then
    raise exception 'reason: say why in 5 to 500 characters' using errcode = 'check_violation';
  end if;
  if new.restored_from is not null then
    select * into _source from public.environment_config_versions v where v.environment_id = new.environment_id and v.version = new.restored_from;
    if not found then
      raise exception 'version % of % does not exist', new.restored_from, _env.key using errcode = 'PT404';
    end if;
    new.variables := _source.variables;
    new.secrets := _source.secrets;
  end if;
  new.variables := coalesce(new.variables, '{}'::jsonb);
  new.secrets := coalesce(new.secrets, '[]'::jsonb);
  _refusal := private.config_refusal(new.variables, new.secrets);
  if _refusal is not null then
    raise exception '%', _refusal using errcode = 'check_violation';
  end if;
  new.secrets := (select coalesce(jsonb_agg(jsonb_build_object('name', s.value ->> 'name', 'provider', s.value ->> 'provider',
    'key', btrim(s.value ->> 'key')) order by s.value ->> 'name'), '[]'::jsonb) from jsonb_array_elements(new.secrets) s);
  if _current.id is not null and _current.variables = new.variables and _current.secrets = new.secrets then
    raise exception 'nothing changed: version % of % already has this configuration', _current.version, _env.key using errcode = 'PT409';
  end if;

  new.version := coalesce(_current.version, 0) + 1;
  new.created_by := auth.uid();
  new.created_at := now();
  return new;
end
$$;

-- The new version becomes the environment's configuration: environment_configs and its own secret references.
create or replace function public.apply_environment_config_version()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _names text[] := array(select s.value ->> 'name' from jsonb_array_elements(new.secrets) s order by 1);
begin
  perform set_config('opzenix.config_sync', 'on', true);
  insert into public.environment_configs (project_id, environment_id, variables, secrets_ref, version)
  values (new.project_id, new.environment_id, new.variables, _names, new.version)
  on conflict (environment_id) do update
    set variables = excluded.variables, secrets_ref = excluded.secrets_ref, version = excluded.version;
  delete from public.secret_references r where r.environment_id = new.environment_id and not r.ref_key = any (_names);
  insert into public.secret_references (project_id, environment_id, ref_key, provider, external_name, scope)
  select new.project_id, new.environment_id, s.value ->> 'name', s.value ->> 'provider', s.value ->> 'key', 'environment'
  from jsonb_array_elements(new.secrets) s
  on conflict (project_id, environment_id, ref_key) do update
    set provider = excluded.provider, external_name = excluded.external_name
    where (public.secret_references.provider, public.secret_references.external_name) is distinct from (excluded.provider, excluded.external_name);
  perform set_config('opzenix.config_sync', '', true);
  return null;
end
$$;

/** Refuses changing or deleting a version (restore an earlier one instead); an environment's deletion takes its versions. */
create or replace function public.keep_environment_config_versions()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' and not exists (select 1 from public.environments e where e.id = old.environment_id) then
    return old;
  end if;
  raise exception 'configuration versions are append-only: restore an earlier version instead, which adds a new one'
    using errcode = 'PT409';
end
$$;

-- A write to environment_configs that is not the version trigger's (the database owner, the service role, the
-- seed) is checked the same way and recorded as a version, so the history has every change.
create or replace function public.check_environment_config()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _refusal text;
begin
  if current_setting('opzenix.config_sync', true) = 'on' then
    return new;
  end if;
  _refusal := private.config_refusal(new.variables, '[]'::jsonb);
  if _refusal is not null then
    raise exception '%', _refusal using errcode = 'check_violation';
  end if;
  return new;
end
$$;

create or replace function public.record_environment_config()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if current_setting('opzenix.config_sync', true) = 'on'
    or (tg_op = 'UPDATE' and new.variables = old.variables and new.secrets_ref = old.secrets_ref) then
    return null;
  end if;
  insert into public.environment_config_versions (environment_id, variables, secrets, reason)
  values (new.environment_id, new.variables, private.secret_entries(new.environment_id, new.secrets_ref),
    case when tg_op = 'INSERT' then 'Initial configuration, written directly to the database'
      else 'Changed directly in the database, outside Opzenix' end);
  return null;
end
$$;

/** Secret references are checked wherever they are written: a key is a name or path, never the value. */
create or replace function public.check_secret_reference()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _refusal text := private.secret_reference_refusal(new.ref_key, new.provider, coalesce(new.external_name, new.ref_key));
begin
  if _refusal is not null then
    raise exception '%', _refusal using errcode = 'check_violation';
  end if;
  return new;
end
$$;

revoke execute on function public.prepare_environment_config_version(), public.apply_environment_config_version(),
  public.keep_environment_config_versions(), public.check_environment_config(), public.record_environment_config(),
  public.check_secret_reference() from public, anon, authenticated;

create trigger environment_config_versions_prepare before insert on public.environment_config_versions
for each row execute function public.prepare_environment_config_version();
create trigger environment_config_versions_apply after insert on public.environment_config_versions
for each row execute function public.apply_environment_config_version();
create trigger environment_config_versions_append_only before update or delete on public.environment_config_versions
for each row execute function public.keep_environment_config_versions();
create trigger environment_config_versions_audit after insert on public.environment_config_versions
for each row execute function audit.log_change();
create trigger environment_configs_check before insert or update on public.environment_configs
for each row execute function public.check_environment_config();
create trigger environment_configs_record after insert or update on public.environment_configs
for each row execute function public.record_environment_config();
create trigger secret_references_check before insert or update on public.secret_references
for each row execute function public.check_secret_reference();

-- ---------------------------------------------------------------- access

alter table public.environment_config_versions enable row level security;

create policy "Members can read configuration history"
on public.environment_config_versions for select to authenticated
using ((select private.is_project_member(project_id)) and private.can_act(environment_id, 'view'));
create policy "People who may configure an environment can add versions"
on public.environment_config_versions for insert to authenticated
with check (public.environment_config_refusal(environment_id) is null);

revoke update, delete, truncate on public.environment_config_versions from anon, authenticated, service_role;

-- The current configuration is written only by the version trigger.
drop policy "Organization admins can create environment configs" on public.environment_configs;
drop policy "Organization admins can update environment configs" on public.environment_configs;
drop policy "Organization admins can delete environment configs" on public.environment_configs;
revoke insert, update, delete on public.environment_configs from anon, authenticated;

-- An environment's own secret references follow its configuration versions; admins keep the project-wide ones.
alter policy "Organization admins can create secret references" on public.secret_references
  with check (environment_id is null and (select public.project_role_at_least(project_id, 'admin')));
alter policy "Organization admins can create secret references" on public.secret_references rename to "Organization admins can create project-wide secret references";
alter policy "Organization admins can update secret references" on public.secret_references
  using (environment_id is null and (select public.project_role_at_least(project_id, 'admin')))
  with check (environment_id is null and (select public.project_role_at_least(project_id, 'admin')));
alter policy "Organization admins can update secret references" on public.secret_references rename to "Organization admins can update project-wide secret references";
alter policy "Organization admins can delete secret references" on public.secret_references
  using (environment_id is null and (select public.project_role_at_least(project_id, 'admin')));
alter policy "Organization admins can delete secret references" on public.secret_references rename to "Organization admins can delete project-wide secret references";

revoke execute on function private.shannon_entropy(text), private.secret_lookalike(text, boolean),
  private.variable_refusal(text, jsonb), private.secret_reference_refusal(text, text, text),
  private.config_refusal(jsonb, jsonb), private.secret_entries(uuid, text[]) from public, anon, authenticated, service_role;
grant execute on function public.environment_config_refusal(uuid) to authenticated;

-- Configurations that existed before versioning become version 1.
insert into public.environment_config_versions (environment_id, variables, secrets, reason)
select c.environment_id, c.variables, private.secret_entries(c.environment_id, c.secrets_ref), 'Configuration before versioning'
from public.environment_configs c;
