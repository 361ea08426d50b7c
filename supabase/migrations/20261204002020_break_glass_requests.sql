-- Break-glass takes two admins. Deploying through a lock or a freeze window used to need only the lock's
-- role: an admin went through silently. Now the deployer first asks (a break_glass_requests row: a reason from
-- a fixed list plus words), a second admin approves it (decide_break_glass; never the requester), and the
-- deploy guard (…002030) lets exactly one deploy of that person into that environment through while the
-- approval is fresh, marks the request used and audits it. Per-environment break_glass grants still decide
-- who may ask (private.environment_decision through private.can_act and the guard).

create type public.break_glass_reason as enum ('incident', 'security_fix', 'customer_escalation', 'other');
create type public.break_glass_status as enum ('pending', 'approved', 'rejected', 'used');

create table public.break_glass_requests (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null, -- the environment's organization, set by a trigger
  project_id uuid not null, -- the environment's project, set by the same trigger
  environment_id uuid not null,
  requested_by uuid not null default auth.uid() references auth.users (id) on delete cascade, -- who will deploy
  reason_category public.break_glass_reason not null,
  reason text not null check (length(btrim(reason)) between 3 and 500), -- the requester's own words
  status public.break_glass_status not null default 'pending',
  decided_by uuid references auth.users (id) on delete set null, -- the second admin who approved or rejected
  decided_at timestamptz,
  decision_comment text check (length(decision_comment) <= 500),
  expires_at timestamptz not null default now() + interval '1 hour', -- unused after this, the request is void
  used_at timestamptz, -- when the deploy it allowed happened (single use)
  deployment_id uuid, -- that deploy
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (decided_by is null or decided_by <> requested_by),
  check ((status = 'used') = (used_at is not null)),
  foreign key (environment_id, project_id) references public.environments (id, project_id) on delete cascade,
  -- The guard links the deployment before the deployment row exists (it runs before its insert).
  foreign key (deployment_id) references public.deployments (id) on delete set null deferrable initially deferred
);
create index break_glass_requests_environment_idx on public.break_glass_requests (environment_id, requested_by, status);
create index break_glass_requests_project_idx on public.break_glass_requests (project_id, created_at desc);
comment on table public.break_glass_requests is 'A request to deploy through a lock or freeze: asked by one admin, approved by another, used once';

-- Whatever the client sends, a new request is pending, undecided, unused, and expires within a day.
create or replace function public.prepare_break_glass_request()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  select e.project_id, p.organization_id into new.project_id, new.organization_id
  from public.environments e join public.projects p on p.id = e.project_id where e.id = new.environment_id;
  new.reason := btrim(new.reason);
  new.status := 'pending';
  new.decided_by := null;
  new.decided_at := null;
  new.decision_comment := null;
  new.used_at := null;
  new.deployment_id := null;
  new.created_at := now();
  if new.expires_at <= now() then
    raise exception 'a break-glass request must expire in the future' using errcode = 'check_violation';
  end if;
  new.expires_at := least(new.expires_at, now() + interval '24 hours');
  return new;
end
$$;
revoke execute on function public.prepare_break_glass_request() from public, anon, authenticated;

create trigger break_glass_requests_prepare before insert on public.break_glass_requests
for each row execute function public.prepare_break_glass_request();
create trigger break_glass_requests_updated_at before update on public.break_glass_requests
for each row execute function public.update_updated_at_column();
create trigger break_glass_requests_audit after insert or update or delete on public.break_glass_requests
for each row execute function audit.log_change();

alter table public.break_glass_requests enable row level security;

create policy "Members can read break-glass requests of environments they see"
on public.break_glass_requests for select to authenticated
using ((select private.is_project_member(project_id)) and private.can_act(environment_id, 'view'));
create policy "People who may break glass can ask to, as themselves"
on public.break_glass_requests for insert to authenticated
with check (requested_by = (select auth.uid()) and private.can_act(environment_id, 'break_glass'));
-- No update or delete policy: deciding goes through decide_break_glass, using through the deploy guard.

-- A second admin approves or rejects a pending request. Returns the request as it is now.
create or replace function public.decide_break_glass(_request_id uuid, _approve boolean, _comment text default null)
returns public.break_glass_requests
language plpgsql security definer
set search_path = ''
as $$
declare
  _r public.break_glass_requests;
begin
  select * into _r from public.break_glass_requests r where r.id = _request_id for update;
  if not found or not private.is_project_member(_r.project_id) then
    raise exception 'no such break-glass request' using errcode = 'PT404';
  end if;
  if not public.project_role_at_least(_r.project_id, 'admin') then
    raise exception 'only an admin of this organization can approve break-glass' using errcode = '42501';
  end if;
  if _r.requested_by = auth.uid() then
    raise exception 'break-glass needs a second admin: you cannot approve your own request' using errcode = '42501';
  end if;
  if _r.status <> 'pending' then
    raise exception 'this request is already %', _r.status using errcode = 'PT409';
  end if;
  if _r.expires_at <= now() then
    raise exception 'this request expired at %', _r.expires_at using errcode = 'PT409';
  end if;
  update public.break_glass_requests r set status = case when _approve then 'approved' else 'rejected' end::public.break_glass_status,
    decided_by = auth.uid(), decided_at = now(), decision_comment = nullif(btrim(_comment), '')
  where r.id = _request_id returning * into _r;
  return _r;
end
$$;
revoke execute on function public.decide_break_glass(uuid, boolean, text) from public, anon;
grant execute on function public.decide_break_glass(uuid, boolean, text) to authenticated;

alter publication supabase_realtime add table public.break_glass_requests;
