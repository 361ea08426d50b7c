-- A team outside the seed can start on its own: any signed-in user creates an organization (and becomes its
-- admin through organizations_owner_membership, the one way anyone becomes admin of anything), invites
-- colleagues with a single-use, expiring link, changes roles, removes members, transfers ownership, and
-- groups members into teams (for approval policies). The owner's membership cannot be demoted or removed
-- until ownership moves. Errors use PostgREST's PTxxx codes, so callers get that HTTP status.

alter policy "Installation admins can create organizations they own" on public.organizations
  with check (owner_id = (select auth.uid()));
alter policy "Installation admins can create organizations they own" on public.organizations
  rename to "Signed-in users can create organizations they own";

-- The owner stays an admin member while they own the organization (the cascade of deleting it excepted).
create or replace function public.protect_owner_membership()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _owner uuid := (select o.owner_id from public.organizations o where o.id = old.organization_id);
begin
  -- Cascades (deleting the organization or the user) are not a demotion.
  if pg_trigger_depth() > 1 then
    return coalesce(new, old);
  end if;
  if _owner is not distinct from old.user_id and (tg_op = 'DELETE' or new.role <> 'admin' or new.user_id <> old.user_id) then
    raise exception 'the owner of an organization stays its admin: transfer ownership first' using errcode = 'PT409';
  end if;
  return coalesce(new, old);
end
$$;
create trigger organization_members_protect_owner before update or delete on public.organization_members
for each row execute function public.protect_owner_membership();

/** Makes another admin-to-be member the owner; only the current owner may. */
create or replace function public.transfer_organization(_organization_id uuid, _new_owner uuid)
returns void
language plpgsql security definer
set search_path = ''
as $$
begin
  if not exists (select 1 from public.organizations o where o.id = _organization_id and o.owner_id = auth.uid()) then
    raise exception 'only the owner can transfer an organization' using errcode = 'PT403';
  end if;
  if not exists (select 1 from public.organization_members m where m.organization_id = _organization_id and m.user_id = _new_owner) then
    raise exception 'the new owner must already be a member' using errcode = 'PT400';
  end if;
  update public.organization_members set role = 'admin' where organization_id = _organization_id and user_id = _new_owner;
  update public.organizations set owner_id = _new_owner where id = _organization_id;
end
$$;

create table public.organization_invitations (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  email text not null check (email ~ '^[^@\s]+@[^@\s]+$'),
  role public.app_role not null,
  -- sha256 (hex) of the link's 256-bit random token; the token itself is shown once, to the inviting admin
  token_hash text not null unique,
  invited_by uuid references auth.users (id) on delete set null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index organization_invitations_org_idx on public.organization_invitations (organization_id, created_at desc);
-- One open invitation per address and organization: inviting again replaces it.
create unique index organization_invitations_open_idx on public.organization_invitations (organization_id, lower(email))
  where accepted_at is null;
comment on table public.organization_invitations is 'Invitations by email: a single-use link that expires; accepted rows stay as history.';

create trigger organization_invitations_audit after insert or update or delete on public.organization_invitations
for each row execute function audit.log_change();

alter table public.organization_invitations enable row level security;
revoke all on public.organization_invitations from anon, authenticated;
grant select (id, organization_id, email, role, invited_by, expires_at, accepted_at, accepted_by, created_at),
  delete on public.organization_invitations to authenticated;

create policy "Organization admins can read their invitations"
on public.organization_invitations for select to authenticated
using ((select public.org_role_at_least(organization_id, 'admin')));
create policy "Organization admins can revoke invitations"
on public.organization_invitations for delete to authenticated
using ((select public.org_role_at_least(organization_id, 'admin')) and accepted_at is null);

/** An admin invites an address with a role; returns the invitation and its token (the link), once. */
create or replace function public.invite_member(_organization_id uuid, _email text, _role public.app_role, _valid_for interval default '7 days')
returns table (invitation_id uuid, token text, expires_at timestamptz)
language plpgsql security definer
set search_path = ''
as $$
declare
  _token text := encode(extensions.gen_random_bytes(32), 'hex');
  _address text := lower(btrim(coalesce(_email, '')));
begin
  if not public.org_role_at_least(_organization_id, 'admin') then
    raise exception 'only admins of the organization can invite' using errcode = 'PT403';
  end if;
  if _address !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
    raise exception '"%" is not an email address', _email using errcode = 'PT400';
  end if;
  if _valid_for < interval '5 minutes' or _valid_for > interval '30 days' then
    raise exception 'an invitation is valid for between 5 minutes and 30 days' using errcode = 'PT400';
  end if;
  if exists (select 1 from public.organization_members m join auth.users u on u.id = m.user_id
             where m.organization_id = _organization_id and lower(u.email) = _address) then
    raise exception '% is already a member', _address using errcode = 'PT409';
  end if;
  delete from public.organization_invitations i
  where i.organization_id = _organization_id and lower(i.email) = _address and i.accepted_at is null;
  return query
  insert into public.organization_invitations (organization_id, email, role, token_hash, invited_by, expires_at)
  values (_organization_id, _address, _role, encode(extensions.digest(_token, 'sha256'), 'hex'), auth.uid(), now() + _valid_for)
  returning id, _token, organization_invitations.expires_at;
end
$$;

/** What an invitation link offers, for the page that accepts it (signed-in users only). */
create or replace function public.invitation_preview(_token text)
returns table (organization_name text, email text, role public.app_role, expires_at timestamptz, status text)
language sql stable security definer
set search_path = ''
as $$
  select o.name, i.email, i.role, i.expires_at,
    case when i.accepted_at is not null then 'accepted' when i.expires_at <= now() then 'expired' else 'open' end
  from public.organization_invitations i join public.organizations o on o.id = i.organization_id
  where i.token_hash = encode(extensions.digest(coalesce(_token, ''), 'sha256'), 'hex')
$$;

/** The invited user accepts: membership with the invited role, once, before expiry, for the invited address. */
create or replace function public.accept_invitation(_token text)
returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  _invite public.organization_invitations;
  _address text := (select lower(u.email) from auth.users u where u.id = auth.uid());
begin
  select * into _invite from public.organization_invitations i
  where i.token_hash = encode(extensions.digest(coalesce(_token, ''), 'sha256'), 'hex')
  for update;
  if _invite.id is null then
    raise exception 'this invitation link is not valid (revoked, replaced by a newer one, or mistyped)' using errcode = 'PT404';
  end if;
  if _invite.accepted_at is not null then
    raise exception 'this invitation has already been used' using errcode = 'PT410';
  end if;
  if _invite.expires_at <= now() then
    raise exception 'this invitation expired on %; ask for a new one', to_char(_invite.expires_at, 'YYYY-MM-DD HH24:MI UTC') using errcode = 'PT410';
  end if;
  if _address is distinct from lower(_invite.email) then
    raise exception 'this invitation is for %; sign in with that address to accept it', _invite.email using errcode = 'PT403';
  end if;
  insert into public.organization_members (organization_id, user_id, role)
  values (_invite.organization_id, auth.uid(), _invite.role)
  on conflict (organization_id, user_id) do nothing;
  update public.organization_invitations set accepted_at = now(), accepted_by = auth.uid() where id = _invite.id;
  return _invite.organization_id;
end
$$;

-- Teams: named groups of an organization's members. A team member must be a member of the organization
-- (composite foreign key), and leaves every team when they leave it.
create table public.teams (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 80),
  description text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organization_id, name),
  unique (id, organization_id)
);
create table public.team_members (
  team_id uuid not null,
  organization_id uuid not null,
  user_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (team_id, user_id),
  foreign key (team_id, organization_id) references public.teams (id, organization_id) on delete cascade,
  foreign key (organization_id, user_id) references public.organization_members (organization_id, user_id) on delete cascade
);
create index team_members_org_user_idx on public.team_members (organization_id, user_id);

create trigger teams_updated_at before update on public.teams
for each row execute function public.update_updated_at_column();
create trigger teams_audit after insert or update or delete on public.teams
for each row execute function audit.log_change();
create trigger team_members_audit after insert or update or delete on public.team_members
for each row execute function audit.log_change();

alter table public.teams enable row level security;
alter table public.team_members enable row level security;

create policy "Members can read their organization's teams"
on public.teams for select to authenticated
using ((select private.is_org_member(organization_id)));
create policy "Organization admins can create teams"
on public.teams for insert to authenticated
with check ((select public.org_role_at_least(organization_id, 'admin')));
create policy "Organization admins can update teams"
on public.teams for update to authenticated
using ((select public.org_role_at_least(organization_id, 'admin')))
with check ((select public.org_role_at_least(organization_id, 'admin')));
create policy "Organization admins can delete teams"
on public.teams for delete to authenticated
using ((select public.org_role_at_least(organization_id, 'admin')));

create policy "Members can read their organization's team members"
on public.team_members for select to authenticated
using ((select private.is_org_member(organization_id)));
create policy "Organization admins can add team members"
on public.team_members for insert to authenticated
with check ((select public.org_role_at_least(organization_id, 'admin')));
create policy "Organization admins can remove team members"
on public.team_members for delete to authenticated
using ((select public.org_role_at_least(organization_id, 'admin')));

grant execute on function
  public.transfer_organization(uuid, uuid),
  public.invite_member(uuid, text, public.app_role, interval),
  public.invitation_preview(text),
  public.accept_invitation(text)
to authenticated;

-- Members pages follow role changes and removals live (invitations stay out: their rows hold the token hash).
alter publication supabase_realtime add table public.organization_members, public.teams, public.team_members;
