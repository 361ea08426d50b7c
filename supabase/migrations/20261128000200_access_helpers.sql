-- Functions that row-level security policies call. They are security definer so a policy on one table can
-- read memberships without recursing into that table's own policies, and they pin search_path to ''.
-- Written in plpgsql so they can be created before the tables they read.

create or replace function public.update_updated_at_column()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

-- Installation-wide role (user_roles), independent of any organization.
create or replace function public.has_role(_user_id uuid, _role public.app_role)
returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return exists (select 1 from public.user_roles r where r.user_id = _user_id and r.role = _role);
end
$$;

create or replace function public.has_any_role(_user_id uuid)
returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return exists (select 1 from public.user_roles r where r.user_id = _user_id);
end
$$;

-- The role a user holds in an organization, or null.
create or replace function public.member_role(_org_id uuid, _user_id uuid)
returns public.app_role
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return (select m.role from public.organization_members m where m.organization_id = _org_id and m.user_id = _user_id);
end
$$;

create or replace function public.is_org_member(_org_id uuid)
returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return exists (select 1 from public.organization_members m where m.organization_id = _org_id and m.user_id = auth.uid());
end
$$;

-- True when the caller's role in the organization is _role or stronger (admin > operator > viewer).
create or replace function public.org_role_at_least(_org_id uuid, _role public.app_role)
returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return exists (
    select 1 from public.organization_members m
    where m.organization_id = _org_id and m.user_id = auth.uid() and m.role <= _role
  );
end
$$;

create or replace function public.project_org(_project_id uuid)
returns uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return (select p.organization_id from public.projects p where p.id = _project_id);
end
$$;

create or replace function public.is_project_member(_project_id uuid)
returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return public.is_org_member(public.project_org(_project_id));
end
$$;

create or replace function public.project_role_at_least(_project_id uuid, _role public.app_role)
returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return public.org_role_at_least(public.project_org(_project_id), _role);
end
$$;

-- True when the caller shares at least one organization with _user_id (to see teammates' profiles).
create or replace function public.shares_org_with(_user_id uuid)
returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return exists (
    select 1 from public.organization_members mine
    join public.organization_members theirs on theirs.organization_id = mine.organization_id
    where mine.user_id = auth.uid() and theirs.user_id = _user_id
  );
end
$$;

revoke execute on function public.update_updated_at_column() from public, anon, authenticated;
