-- People: profiles, the installation-wide role and UI preferences of every auth user, created on signup.
-- Every new user is a viewer; only service_role (or SQL run by the project owner) grants anything more.

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  full_name text,
  email text,
  avatar_url text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.user_roles (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  role public.app_role not null default 'viewer',
  created_at timestamptz not null default now(),
  unique (user_id, role)
);
comment on table public.user_roles is 'Installation-wide roles. Organization roles live in organization_members.';

create table public.user_preferences (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null unique references auth.users (id) on delete cascade,
  default_mode text not null default 'simple' check (default_mode in ('simple', 'advanced')), -- which UI mode opens first
  ui_preferences jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create trigger profiles_updated_at before update on public.profiles
for each row execute function public.update_updated_at_column();
create trigger user_preferences_updated_at before update on public.user_preferences
for each row execute function public.update_updated_at_column();
create trigger user_roles_audit after insert or update or delete on public.user_roles
for each row execute function audit.log_change();

create or replace function public.handle_new_user()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.profiles (id, email, full_name, avatar_url)
  values (new.id, new.email, new.raw_user_meta_data ->> 'full_name', new.raw_user_meta_data ->> 'avatar_url')
  on conflict (id) do nothing;
  insert into public.user_preferences (user_id) values (new.id) on conflict (user_id) do nothing;
  -- Always viewer: nothing in the signup request (metadata included) can ask for more.
  insert into public.user_roles (user_id, role) values (new.id, 'viewer') on conflict (user_id, role) do nothing;
  return new;
end
$$;
revoke execute on function public.handle_new_user() from public, anon, authenticated;

create trigger on_auth_user_created after insert on auth.users
for each row execute function public.handle_new_user();

alter table public.profiles enable row level security;
alter table public.user_roles enable row level security;
alter table public.user_preferences enable row level security;

create policy "Users can read their own profile and their teammates' profiles"
on public.profiles for select to authenticated
using (id = (select auth.uid()) or (select public.shares_org_with(id)));

create policy "Users can update their own profile"
on public.profiles for update to authenticated
using (id = (select auth.uid()))
with check (id = (select auth.uid()));

create policy "Users can read their own roles, installation admins everyone's"
on public.user_roles for select to authenticated
using (user_id = (select auth.uid()) or (select public.has_role(auth.uid(), 'admin')));

create policy "Users can read their own preferences"
on public.user_preferences for select to authenticated
using (user_id = (select auth.uid()));

create policy "Users can create their own preferences"
on public.user_preferences for insert to authenticated
with check (user_id = (select auth.uid()));

create policy "Users can update their own preferences"
on public.user_preferences for update to authenticated
using (user_id = (select auth.uid()))
with check (user_id = (select auth.uid()));
