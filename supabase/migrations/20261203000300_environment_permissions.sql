-- Permissions per environment and action, on top of the three organization roles. Each role keeps a default
-- (viewer: view; operator: view, run, approve, deploy, rollback; admin: everything, including lock and
-- break-glass), which is what the database allowed before this migration. Organization admins refine it per
-- environment with grants in environment_permissions: a deny (to a member or to a team) takes an action away,
-- an allow gives one. An explicit deny for the user or one of their teams wins, then an explicit allow, then
-- the role default. The decision, with a sentence saying why, comes from one function
-- (private.environment_decision); policies call private.can_act, the browser calls environment_actions, and the
-- functions that act (…000310, …000320) refuse with the same sentence.

create type public.environment_action as enum ('view', 'run', 'approve', 'deploy', 'rollback', 'lock', 'break_glass');
create type public.permission_effect as enum ('allow', 'deny');

create table public.environment_permissions (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null, -- the environment's organization, set by a trigger whatever the client sends
  project_id uuid not null, -- the environment's project, set by the same trigger
  environment_id uuid not null,
  user_id uuid, -- the member the grant applies to, or
  team_id uuid, -- the team whose members it applies to (exactly one of the two)
  action public.environment_action not null,
  effect public.permission_effect not null,
  reason text check (length(reason) <= 300), -- why, shown to the person it applies to
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (num_nonnulls(user_id, team_id) = 1),
  foreign key (environment_id, project_id) references public.environments (id, project_id) on delete cascade,
  -- A member's grants go when they leave the organization, a team's when the team is deleted.
  foreign key (organization_id, user_id) references public.organization_members (organization_id, user_id) on delete cascade,
  foreign key (team_id, organization_id) references public.teams (id, organization_id) on delete cascade
);
-- One grant per subject, action and environment: changing allow to deny is an update.
create unique index environment_permissions_subject_idx
  on public.environment_permissions (environment_id, action, coalesce(user_id, team_id));
create index environment_permissions_org_idx on public.environment_permissions (organization_id);
create index environment_permissions_user_idx on public.environment_permissions (user_id) where user_id is not null;
create index environment_permissions_team_idx on public.environment_permissions (team_id) where team_id is not null;
comment on table public.environment_permissions is 'Per-environment allow/deny of an action for a member or a team; admins write, members read.';

create or replace function public.prepare_environment_permission()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  select e.project_id, p.organization_id into new.project_id, new.organization_id
  from public.environments e join public.projects p on p.id = e.project_id
  where e.id = new.environment_id;
  new.reason := nullif(btrim(new.reason), '');
  return new;
end
$$;
revoke execute on function public.prepare_environment_permission() from public, anon, authenticated;

create trigger environment_permissions_prepare before insert or update on public.environment_permissions
for each row execute function public.prepare_environment_permission();
create trigger environment_permissions_updated_at before update on public.environment_permissions
for each row execute function public.update_updated_at_column();
create trigger environment_permissions_audit after insert or update or delete on public.environment_permissions
for each row execute function audit.log_change();

alter table public.environment_permissions enable row level security;

create policy "Members can read their organization's environment permissions"
on public.environment_permissions for select to authenticated
using ((select private.is_org_member(organization_id)));
create policy "Organization admins can grant environment permissions"
on public.environment_permissions for insert to authenticated
with check ((select public.org_role_at_least(organization_id, 'admin')));
create policy "Organization admins can change environment permissions"
on public.environment_permissions for update to authenticated
using ((select public.org_role_at_least(organization_id, 'admin')))
with check ((select public.org_role_at_least(organization_id, 'admin')));
create policy "Organization admins can remove environment permissions"
on public.environment_permissions for delete to authenticated
using ((select public.org_role_at_least(organization_id, 'admin')));

-- Whether _user_id may do _action on the environment, where the answer comes from (user_deny, team_deny,
-- user_allow, team_allow, role, not_member) and a sentence for them. Call sites whose own policy sets the
-- role default (an approval request's allowed_roles, a lock's required_role) use `source` to apply it.
create or replace function private.environment_decision(_user_id uuid, _environment_id uuid, _action public.environment_action)
returns table (allowed boolean, source text, reason text)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  _env record;
  _role public.app_role;
  _grant record;
  _what text;
  _needs public.app_role := case when _action = 'view' then 'viewer' when _action in ('lock', 'break_glass') then 'admin' else 'operator' end;
  _note text;
begin
  select e.key, p.organization_id into _env
  from public.environments e join public.projects p on p.id = e.project_id where e.id = _environment_id;
  if not found then
    return query select false, 'not_member', 'There is no such environment';
    return;
  end if;
  _what := format('%s on %s', replace(_action::text, '_', '-'), _env.key);
  _role := (select m.role from public.organization_members m where m.organization_id = _env.organization_id and m.user_id = _user_id);
  if _role is null then
    return query select false, 'not_member', format('You don''t have %s: you are not a member of its organization', _what);
    return;
  end if;
  -- Admins manage the environment, so hiding it from them would only hide the grants they can change.
  if _action = 'view' and _role = 'admin' then
    return query select true, 'role', 'Admins always see their organization''s environments';
    return;
  end if;

  select p.effect, p.user_id is not null as personal, t.name as team, p.reason as note into _grant
  from public.environment_permissions p left join public.teams t on t.id = p.team_id
  where p.environment_id = _environment_id and p.action = _action
    and (p.user_id = _user_id or p.team_id in (select tm.team_id from public.team_members tm where tm.user_id = _user_id))
  order by p.effect = 'deny' desc, p.user_id is not null desc, t.name
  limit 1;
  if found then
    _note := coalesce(' (' || _grant.note || ')', '');
    return query select _grant.effect = 'allow',
      case when _grant.personal then 'user_' else 'team_' end || _grant.effect::text,
      case
        when _grant.effect = 'deny' and _grant.personal then format('You don''t have %s: an admin denied it to you%s', _what, _note)
        when _grant.effect = 'deny' then format('You don''t have %s: an admin denied it to your team %s%s', _what, _grant.team, _note)
        when _grant.personal then format('An admin granted you %s%s', _what, _note)
        else format('An admin granted %s to your team %s%s', _what, _grant.team, _note)
      end;
    return;
  end if;
  if _role <= _needs then
    return query select true, 'role', format('Your role (%s) includes %s', _role, _what);
  else
    return query select false, 'role', format('You don''t have %s: it needs the %s role (you are %s) or an admin''s grant', _what, _needs, _role);
  end if;
end
$$;

/** The caller's refusal for _action on the environment (the sentence), or null when they may. */
create or replace function private.action_refusal(_environment_id uuid, _action text)
returns text
language sql stable security definer
set search_path = ''
as $$
  select case when d.allowed then null else d.reason end
  from private.environment_decision(auth.uid(), _environment_id, _action::public.environment_action) d
$$;

/** Whether the caller may do _action on the environment; for policies. */
create or replace function private.can_act(_environment_id uuid, _action text)
returns boolean
language sql stable security definer
set search_path = ''
as $$
  select d.allowed from private.environment_decision(auth.uid(), _environment_id, _action::public.environment_action) d
$$;

/** Every action with whether the caller may do it on the environment and why; nothing for non-members. */
create or replace function public.environment_actions(_environment_id uuid)
returns table (action public.environment_action, allowed boolean, source text, reason text)
language sql stable security definer
set search_path = ''
as $$
  select a.action, d.allowed, d.source, d.reason
  from unnest(enum_range(null::public.environment_action)) with ordinality as a (action, n)
  cross join lateral private.environment_decision(auth.uid(), _environment_id, a.action) d
  where exists (
    select 1 from public.environments e
    where e.id = _environment_id and private.is_project_member(e.project_id)
  )
  order by a.n
$$;

revoke execute on function private.environment_decision(uuid, uuid, public.environment_action) from public, anon, authenticated, service_role;
revoke execute on function private.action_refusal(uuid, text), private.can_act(uuid, text) from public, anon, service_role;
grant execute on function private.action_refusal(uuid, text), private.can_act(uuid, text) to authenticated;
grant execute on function public.environment_actions(uuid) to authenticated;

-- Environment pages follow grant changes live (RLS decides who receives a row).
alter publication supabase_realtime add table public.environment_permissions;
