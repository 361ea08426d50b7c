-- Approval gates: a request per gate carries its own policy (how many approvals, which organization roles may
-- vote, whether the run's starter may approve, when it expires). Votes are approve/reject, one per user per
-- request. Triggers own the outcome: approval_count and status are derived from the votes, under a row lock,
-- so the status flips exactly once even when votes arrive together.

create table public.approval_requests (
  id uuid primary key default gen_random_uuid(),
  execution_id uuid not null references public.executions (id) on delete cascade,
  project_id uuid not null,
  node_id text not null, -- the approval node in the execution's graph
  environment_id uuid, -- the environment the gated deploy targets
  title text,
  status public.approval_status not null default 'pending',
  required_approvals integer not null default 1 check (required_approvals between 1 and 50),
  approval_count integer not null default 0, -- approve votes so far; written only by the vote trigger
  allowed_roles public.app_role[] not null default '{admin,operator}', -- organization roles that may vote
  allow_self_approval boolean not null default false, -- may the run's starter approve it
  expires_at timestamptz,
  requested_by uuid default auth.uid() references auth.users (id) on delete set null,
  resolved_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (execution_id, node_id),
  foreign key (environment_id, project_id) references public.environments (id, project_id)
);
create index approval_requests_project_id_idx on public.approval_requests (project_id, status);
create index approval_requests_environment_id_idx on public.approval_requests (environment_id);

create table public.approval_votes (
  id uuid primary key default gen_random_uuid(),
  approval_request_id uuid not null references public.approval_requests (id) on delete cascade,
  project_id uuid not null,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  vote public.approval_vote not null,
  comment text,
  created_at timestamptz not null default now(),
  unique (approval_request_id, user_id)
);
create index approval_votes_project_id_idx on public.approval_votes (project_id);
create index approval_votes_user_id_idx on public.approval_votes (user_id);

-- A request starts pending and empty, inherits its project from the run, and asks for at least what its
-- environment requires.
create or replace function public.prepare_approval_request()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  new.project_id := (select e.project_id from public.executions e where e.id = new.execution_id);
  new.status := 'pending';
  new.approval_count := 0;
  new.resolved_at := null;
  if new.environment_id is not null then
    new.required_approvals := greatest(new.required_approvals,
      (select env.required_approvals from public.environments env where env.id = new.environment_id));
  end if;
  return new;
end
$$;

create or replace function public.check_approval_vote()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _request public.approval_requests;
  _starter uuid;
  _role public.app_role;
begin
  select * into _request from public.approval_requests r where r.id = new.approval_request_id for update;
  if not found then
    raise exception 'approval request % does not exist', new.approval_request_id using errcode = 'foreign_key_violation';
  end if;
  new.project_id := _request.project_id;
  if _request.status <> 'pending' then
    raise exception 'approval request is already %', _request.status using errcode = 'check_violation';
  end if;
  if _request.expires_at is not null and _request.expires_at <= now() then
    raise exception 'approval request expired at %', _request.expires_at using errcode = 'check_violation';
  end if;
  _starter := (select e.started_by from public.executions e where e.id = _request.execution_id);
  if new.vote = 'approve' and new.user_id = _starter and not _request.allow_self_approval then
    raise exception 'the run''s starter cannot approve their own request' using errcode = 'insufficient_privilege';
  end if;
  _role := public.member_role(public.project_org(_request.project_id), new.user_id);
  if _role is null or not (_role = any (_request.allowed_roles)) then
    raise exception 'role % may not vote on this request', coalesce(_role::text, 'non-member') using errcode = 'insufficient_privilege';
  end if;
  return new;
end
$$;

-- Runs after the vote is in, still holding the request's row lock taken by check_approval_vote.
create or replace function public.tally_approval_votes()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _approvals integer;
  _required integer;
begin
  _approvals := (select count(*) from public.approval_votes v where v.approval_request_id = new.approval_request_id and v.vote = 'approve');
  _required := (select r.required_approvals from public.approval_requests r where r.id = new.approval_request_id);
  update public.approval_requests r set
    approval_count = _approvals,
    status = case when new.vote = 'reject' then 'rejected'
                  when _approvals >= _required then 'approved'
                  else 'pending' end::public.approval_status,
    resolved_at = case when new.vote = 'reject' or _approvals >= _required then now() end
  where r.id = new.approval_request_id and r.status = 'pending';
  return null;
end
$$;
revoke execute on function public.prepare_approval_request(), public.check_approval_vote(), public.tally_approval_votes()
  from public, anon, authenticated;

create trigger approval_requests_prepare before insert on public.approval_requests
for each row execute function public.prepare_approval_request();
create trigger approval_requests_updated_at before update on public.approval_requests
for each row execute function public.update_updated_at_column();
create trigger approval_votes_check before insert on public.approval_votes
for each row execute function public.check_approval_vote();
create trigger approval_votes_tally after insert on public.approval_votes
for each row execute function public.tally_approval_votes();
create trigger approval_requests_audit after insert or update or delete on public.approval_requests
for each row execute function audit.log_change();
create trigger approval_votes_audit after insert or update or delete on public.approval_votes
for each row execute function audit.log_change();

alter table public.approval_requests enable row level security;
alter table public.approval_votes enable row level security;

-- Status and count change only through votes (and the engine's expiry, as service_role).
revoke update on public.approval_requests from anon, authenticated;
revoke update on public.approval_votes from anon, authenticated;

create policy "Members can read approval requests"
on public.approval_requests for select to authenticated
using ((select public.is_project_member(project_id)));
create policy "Operators can request approvals"
on public.approval_requests for insert to authenticated
with check (requested_by = (select auth.uid()) and (select public.project_role_at_least(project_id, 'operator')));

create policy "Members can read approval votes"
on public.approval_votes for select to authenticated
using ((select public.is_project_member(project_id)));
create policy "Members can cast their own vote"
on public.approval_votes for insert to authenticated
with check (user_id = (select auth.uid()) and (select public.is_project_member(project_id)));
