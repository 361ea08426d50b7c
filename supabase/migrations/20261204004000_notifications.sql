-- Notifications (issue 11, Governance II): the people who can act hear about it, in the app and on the
-- organization's channels.
--
-- - Events are raised by triggers: an approval request opened (or moved to a level whose approvers can now
--   vote) → its eligible approvers; a run failed → its starter; a break-glass request → the organization's
--   other admins. Each event has a key (`approval_requested:<request id>`…), and every notification or delivery
--   a unique `dedup_key` (event key | recipient | channel), so raising an event twice changes nothing.
-- - In-app notifications are notification_events rows (already in the realtime publication): the bell updates
--   live. Email, Slack-compatible webhooks and signed generic webhooks are notification_deliveries rows, sent
--   by the notify-event function (scheduler or pg_cron, when notification_delivery_due()) with exponential
--   backoff; each row keeps its attempts, last status and error, next attempt and delivery time.
-- - Channels are per organization, managed by its admins; secrets are function secrets named by secret_ref,
--   never stored here. People choose per event type and for email (notification_preferences).
-- - Signed approve/reject links (approval-link) are single use: use_approval_link() records the nonce, casts the
--   vote as the link's approver (so the vote trigger decides everything) and audits every use.

create type public.notification_channel_kind as enum ('email', 'slack', 'webhook');
create type public.notification_delivery_status as enum ('pending', 'retrying', 'delivered', 'failed');

-- ---------------------------------------------------------------- in-app: dedup key on the existing inbox

alter table public.notification_events
  add column dedup_key text;
comment on column public.notification_events.dedup_key is
  'event key | recipient | in_app: one in-app notification per event and person (null on older rows)';
create unique index notification_events_dedup_key_idx on public.notification_events (dedup_key);

-- ---------------------------------------------------------------- channels

create table public.notification_channels (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  kind public.notification_channel_kind not null,
  name text not null check (length(btrim(name)) between 1 and 80),
  url text check (url ~ '^https?://'), -- slack: the incoming webhook URL (or in secret_ref); webhook: the endpoint; email: unused
  secret_ref text check (secret_ref ~ '^[A-Za-z_][A-Za-z0-9_]{0,127}$'), -- name of a function secret: slack → the webhook URL when url is null; webhook → the HMAC-SHA256 key
  event_types text[] not null default '{}', -- the event types this channel carries; empty: all of them
  enabled boolean not null default true,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (kind <> 'slack' or url is not null or secret_ref is not null),
  check (kind <> 'webhook' or (url is not null and secret_ref is not null))
);
create index notification_channels_organization_id_idx on public.notification_channels (organization_id);
comment on table public.notification_channels is
  'Where an organization''s notifications go besides the app: email (each recipient''s account address, through the mail API in function secrets), Slack-compatible incoming webhooks, signed generic webhooks';

create trigger notification_channels_updated_at before update on public.notification_channels
for each row execute function public.update_updated_at_column();
create trigger notification_channels_audit after insert or update or delete on public.notification_channels
for each row execute function audit.log_change();

alter table public.notification_channels enable row level security;
create policy "Admins can read their organization's notification channels"
on public.notification_channels for select to authenticated
using ((select public.org_role_at_least(organization_id, 'admin')));
create policy "Admins can add notification channels"
on public.notification_channels for insert to authenticated
with check ((select public.org_role_at_least(organization_id, 'admin')));
create policy "Admins can change notification channels"
on public.notification_channels for update to authenticated
using ((select public.org_role_at_least(organization_id, 'admin')))
with check ((select public.org_role_at_least(organization_id, 'admin')));
create policy "Admins can remove notification channels"
on public.notification_channels for delete to authenticated
using ((select public.org_role_at_least(organization_id, 'admin')));

-- ---------------------------------------------------------------- per-user settings

create table public.notification_preferences (
  user_id uuid primary key default auth.uid() references auth.users (id) on delete cascade,
  email_enabled boolean not null default true, -- email to the account address (when the organization has an email channel)
  muted_types text[] not null default '{}', -- event types this person hears nothing about, in the app or elsewhere
  updated_at timestamptz not null default now()
);
comment on table public.notification_preferences is 'Each person''s notification settings; no row means the defaults (everything, email on)';
create trigger notification_preferences_updated_at before update on public.notification_preferences
for each row execute function public.update_updated_at_column();

alter table public.notification_preferences enable row level security;
create policy "Users can read their notification settings"
on public.notification_preferences for select to authenticated
using (user_id = (select auth.uid()));
create policy "Users can create their notification settings"
on public.notification_preferences for insert to authenticated
with check (user_id = (select auth.uid()));
create policy "Users can change their notification settings"
on public.notification_preferences for update to authenticated
using (user_id = (select auth.uid()))
with check (user_id = (select auth.uid()));
create policy "Users can reset their notification settings"
on public.notification_preferences for delete to authenticated
using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------- deliveries

create table public.notification_deliveries (
  id uuid primary key default gen_random_uuid(),
  dedup_key text not null unique, -- event key | recipient (or 'channel') | channel id
  event_type text not null, -- approval_requested, run_failed, break_glass_requested
  event_key text not null, -- e.g. approval_requested:<request id>
  organization_id uuid not null references public.organizations (id) on delete cascade,
  project_id uuid references public.projects (id) on delete cascade,
  channel_id uuid not null references public.notification_channels (id) on delete cascade,
  user_id uuid references auth.users (id) on delete cascade, -- the recipient of an email; null for a channel-wide message
  payload jsonb not null default '{}'::jsonb, -- what the message says (title, body, links, recipients' names)
  status public.notification_delivery_status not null default 'pending',
  attempts integer not null default 0,
  last_status integer, -- HTTP status of the last attempt (null: no answer)
  last_error text,
  next_attempt_at timestamptz not null default now(), -- also the lease while an attempt is under way
  delivered_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index notification_deliveries_due_idx on public.notification_deliveries (next_attempt_at) where status in ('pending', 'retrying');
create index notification_deliveries_organization_id_idx on public.notification_deliveries (organization_id, created_at desc);
create index notification_deliveries_user_id_idx on public.notification_deliveries (user_id);
create index notification_deliveries_channel_id_idx on public.notification_deliveries (channel_id);
comment on table public.notification_deliveries is 'One message to one channel (and recipient), with every attempt''s outcome; written by triggers and notify-event';

create trigger notification_deliveries_updated_at before update on public.notification_deliveries
for each row execute function public.update_updated_at_column();

revoke insert, update, delete on public.notification_deliveries from anon, authenticated;
alter table public.notification_deliveries enable row level security;
create policy "Admins and recipients can read notification deliveries"
on public.notification_deliveries for select to authenticated
using (user_id = (select auth.uid()) or (select public.org_role_at_least(organization_id, 'admin')));

-- ---------------------------------------------------------------- signed approval links: used nonces

create table public.approval_link_uses (
  nonce text primary key check (length(nonce) between 16 and 64), -- the link's nonce: a link works once
  approval_request_id uuid not null references public.approval_requests (id) on delete cascade,
  project_id uuid not null references public.projects (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade, -- the approver the link was signed for
  decision public.approval_vote not null,
  outcome text not null check (outcome in ('recorded', 'refused')), -- refused: the vote trigger said no
  message text, -- the database's refusal
  used_at timestamptz not null default now()
);
create index approval_link_uses_request_idx on public.approval_link_uses (approval_request_id);
create index approval_link_uses_project_id_idx on public.approval_link_uses (project_id);
create index approval_link_uses_user_id_idx on public.approval_link_uses (user_id);

revoke insert, update, delete on public.approval_link_uses from anon, authenticated;
alter table public.approval_link_uses enable row level security;
create policy "Admins and the approver can read approval link uses"
on public.approval_link_uses for select to authenticated
using (user_id = (select auth.uid()) or (select public.project_role_at_least(project_id, 'admin')));

-- ---------------------------------------------------------------- routing

/** Whether the person muted this event type. */
create or replace function private.notification_muted(_user_id uuid, _event_type text)
returns boolean
language sql stable security definer
set search_path = ''
as $$
  select coalesce((select _event_type = any (p.muted_types) from public.notification_preferences p where p.user_id = _user_id), false)
$$;

/**
 * Raises one event: an in-app notification for each recipient who did not mute it, an email delivery per
 * enabled email channel for those with email on, one message per enabled Slack/webhook channel of the
 * organization that carries the type. Everything is keyed, so raising it again adds nothing.
 */
create or replace function private.raise_notification(_event_type text, _event_key text, _organization_id uuid,
  _project_id uuid, _recipients uuid[], _payload jsonb)
returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  _audience uuid[];
begin
  select coalesce(array_agg(distinct r), '{}') into _audience
  from unnest(_recipients) r where r is not null and not private.notification_muted(r, _event_type);

  insert into public.notification_events (user_id, project_id, type, target, payload, dedup_key)
  select r, _project_id, _event_type, 'in_app', _payload || jsonb_build_object('event_key', _event_key), _event_key || '|' || r || '|in_app'
  from unnest(_audience) r
  on conflict (dedup_key) do nothing;

  insert into public.notification_deliveries (dedup_key, event_type, event_key, organization_id, project_id, channel_id, user_id, payload)
  select _event_key || '|' || r || '|' || c.id, _event_type, _event_key, _organization_id, _project_id, c.id, r, _payload
  from public.notification_channels c
  cross join unnest(_audience) r
  where c.organization_id = _organization_id and c.enabled and c.kind = 'email'
    and (cardinality(c.event_types) = 0 or _event_type = any (c.event_types))
    and coalesce((select p.email_enabled from public.notification_preferences p where p.user_id = r), true)
  on conflict (dedup_key) do nothing;

  insert into public.notification_deliveries (dedup_key, event_type, event_key, organization_id, project_id, channel_id, user_id, payload)
  select _event_key || '|channel|' || c.id, _event_type, _event_key, _organization_id, _project_id, c.id, null,
    _payload || jsonb_build_object('recipients', coalesce((
      select jsonb_agg(coalesce(nullif(pr.full_name, ''), u.email) order by coalesce(nullif(pr.full_name, ''), u.email))
      from unnest(_audience) r join auth.users u on u.id = r left join public.profiles pr on pr.id = r), '[]'::jsonb))
  from public.notification_channels c
  where c.organization_id = _organization_id and c.enabled and c.kind in ('slack', 'webhook')
    and (cardinality(c.event_types) = 0 or _event_type = any (c.event_types))
  on conflict (dedup_key) do nothing;
end
$$;

/**
 * Who can act on an approval request now: members who may cast an approve vote on it. With the approval
 * policies' private.approval_vote_refusal (levels, groups, separation of duties) that function decides;
 * otherwise the vote trigger's own rules: not the starter (unless self-approval is allowed), an approve grant
 * on the environment, or a role in allowed_roles without a deny.
 */
create or replace function private.approval_recipients(_request_id uuid)
returns uuid[]
language plpgsql stable security definer
set search_path = ''
as $$
declare
  _request public.approval_requests;
  _starter uuid;
  _org uuid;
  _people uuid[];
begin
  select * into _request from public.approval_requests r where r.id = _request_id;
  if not found or _request.status <> 'pending' then
    return '{}';
  end if;
  _org := private.project_org(_request.project_id);
  if to_regprocedure('private.approval_vote_refusal(uuid, uuid, public.approval_vote, text, text, boolean)') is not null then
    execute $q$
      select coalesce(array_agg(m.user_id order by m.user_id), '{}')
      from public.organization_members m
      where m.organization_id = $1
        and not exists (select 1 from private.approval_vote_refusal($2, m.user_id, 'approve', null, null, true))
    $q$ into _people using _org, _request_id;
    return _people;
  end if;
  _starter := (select e.started_by from public.executions e where e.id = _request.execution_id);
  select coalesce(array_agg(m.user_id order by m.user_id), '{}') into _people
  from public.organization_members m
  left join lateral (
    select d.source from private.environment_decision(m.user_id, _request.environment_id, 'approve') d
    where _request.environment_id is not null
  ) g on true
  where m.organization_id = _org
    and (m.user_id is distinct from _starter or _request.allow_self_approval)
    and coalesce(g.source, '') not in ('user_deny', 'team_deny')
    and (coalesce(g.source, '') in ('user_allow', 'team_allow') or m.role = any (_request.allowed_roles));
  return _people;
end
$$;

-- A new request, or one whose policy opened its next level (current_level, when approval policies are
-- installed). Requests inserted long after they were opened (a seed, an import) page nobody.
create or replace function public.notify_approval_requested()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _run public.executions;
  _env record;
begin
  if new.status <> 'pending'
     or (tg_op = 'INSERT' and new.created_at < now() - interval '10 minutes')
     or (tg_op = 'UPDATE' and to_jsonb(new) -> 'current_level' is not distinct from to_jsonb(old) -> 'current_level') then
    return null;
  end if;
  select * into _run from public.executions e where e.id = new.execution_id;
  select e.key, e.display_name into _env from public.environments e where e.id = new.environment_id;
  perform private.raise_notification('approval_requested', 'approval_requested:' || new.id, private.project_org(new.project_id),
    new.project_id, private.approval_recipients(new.id), jsonb_build_object(
      'title', format('Approval needed: %s', coalesce(new.title, _run.name, 'a run')),
      'body', format('%s%s waits for %s approval(s)%s.', coalesce(_run.name, 'A run'),
        coalesce(' ' || _run.version, ''), new.required_approvals, coalesce(' to deploy to ' || coalesce(_env.display_name, _env.key), '')),
      'approval_request_id', new.id, 'execution_id', new.execution_id, 'environment', _env.key, 'expires_at', new.expires_at,
      'path', '/executions/' || new.execution_id));
  return null;
end
$$;

create or replace function public.notify_run_failed()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.status = 'failed' and old.status is distinct from 'failed' and new.started_by is not null
     and coalesce(new.finished_at, now()) > now() - interval '10 minutes' then
    perform private.raise_notification('run_failed', 'run_failed:' || new.id, private.project_org(new.project_id), new.project_id,
      array[new.started_by], jsonb_build_object(
        'title', format('Run failed: %s', coalesce(new.name, 'a run')),
        'body', coalesce(new.error_message, 'The run failed.'),
        'execution_id', new.id, 'path', '/executions/' || new.id));
  end if;
  return null;
end
$$;

create or replace function public.notify_break_glass_requested()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _new jsonb := to_jsonb(new);
  _requester uuid := (_new ->> 'requested_by')::uuid;
  _env record;
begin
  if _new ->> 'status' <> 'pending' then
    return null;
  end if;
  select e.key, e.display_name into _env from public.environments e where e.id = (_new ->> 'environment_id')::uuid;
  perform private.raise_notification('break_glass_requested', 'break_glass_requested:' || (_new ->> 'id'),
    (_new ->> 'organization_id')::uuid, (_new ->> 'project_id')::uuid,
    array(select m.user_id from public.organization_members m
          where m.organization_id = (_new ->> 'organization_id')::uuid and m.role = 'admin' and m.user_id <> _requester),
    jsonb_build_object(
      'title', format('Break-glass requested on %s', coalesce(_env.display_name, _env.key)),
      'body', format('%s asks to deploy through a lock or freeze: %s',
        coalesce((select nullif(p.full_name, '') from public.profiles p where p.id = _requester), (select u.email from auth.users u where u.id = _requester), 'Someone'),
        _new ->> 'reason'),
      'break_glass_request_id', _new ->> 'id', 'environment', _env.key, 'path', '/environments'));
  return null;
end
$$;
revoke execute on function public.notify_approval_requested(), public.notify_run_failed(), public.notify_break_glass_requested()
  from public, anon, authenticated;
revoke execute on function private.notification_muted(uuid, text), private.approval_recipients(uuid),
  private.raise_notification(text, text, uuid, uuid, uuid[], jsonb) from public, anon, authenticated, service_role;

-- On update too: a request whose policy opens its next level reaches that level's approvers (the dedup keys
-- leave the others alone).
create trigger approval_requests_notify after insert or update on public.approval_requests
for each row execute function public.notify_approval_requested();
create trigger executions_notify_failed after update of status on public.executions
for each row execute function public.notify_run_failed();
do $$
begin
  if to_regclass('public.break_glass_requests') is not null then
    create trigger break_glass_requests_notify after insert on public.break_glass_requests
    for each row execute function public.notify_break_glass_requested();
  end if;
end
$$;

-- ---------------------------------------------------------------- delivery (notify-event, service role)

/** Whether any delivery is due, so the scheduler (and pg_cron) wake notify-event only then. */
create or replace function public.notification_delivery_due()
returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (select 1 from public.notification_deliveries d where d.status in ('pending', 'retrying') and d.next_attempt_at <= now())
$$;

/**
 * Leases up to _limit due deliveries (for update skip locked: concurrent senders never take the same one),
 * pushing next_attempt_at out by the lease, and returns each with its channel and recipient.
 */
create or replace function public.claim_notification_deliveries(_limit integer default 50, _lease_seconds integer default 60)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  _ids uuid[];
begin
  select array_agg(d.id) into _ids from (
    select d.id from public.notification_deliveries d
    where d.status in ('pending', 'retrying') and d.next_attempt_at <= now()
    order by d.next_attempt_at
    limit greatest(1, least(_limit, 500))
    for update skip locked
  ) d;
  if _ids is null then
    return '[]'::jsonb;
  end if;
  update public.notification_deliveries d set next_attempt_at = now() + make_interval(secs => greatest(_lease_seconds, 5))
  where d.id = any (_ids);
  return (
    select coalesce(jsonb_agg(jsonb_build_object(
      'id', d.id, 'attempt', d.attempts + 1, 'event_type', d.event_type, 'event_key', d.event_key,
      'organization_id', d.organization_id, 'project_id', d.project_id, 'payload', d.payload, 'created_at', d.created_at,
      'channel', jsonb_build_object('id', c.id, 'kind', c.kind, 'name', c.name, 'url', c.url, 'secret_ref', c.secret_ref),
      'recipient', case when d.user_id is null then null else jsonb_build_object(
        'id', u.id, 'email', u.email, 'name', coalesce(nullif(p.full_name, ''), u.email)) end
    ) order by d.next_attempt_at), '[]'::jsonb)
    from public.notification_deliveries d
    join public.notification_channels c on c.id = d.channel_id
    left join auth.users u on u.id = d.user_id
    left join public.profiles p on p.id = d.user_id
    where d.id = any (_ids)
  );
end
$$;

/**
 * Records one attempt: delivered, or (retry) due again after _retry_base_ms · 2^(attempts − 1), or failed for
 * good when it was not retryable or attempts reached _max_attempts. Returns the new status.
 */
create or replace function public.finish_notification_delivery(_id uuid, _delivered boolean, _retryable boolean,
  _http_status integer, _error text, _retry_base_ms integer default 30000, _max_attempts integer default 8)
returns public.notification_delivery_status
language plpgsql security definer
set search_path = ''
as $$
declare
  _d public.notification_deliveries;
begin
  update public.notification_deliveries d set
    attempts = d.attempts + 1,
    last_status = _http_status,
    last_error = case when _delivered then null else left(_error, 1000) end,
    status = case when _delivered then 'delivered'
                  when _retryable and d.attempts + 1 < greatest(_max_attempts, 1) then 'retrying'
                  else 'failed' end::public.notification_delivery_status,
    delivered_at = case when _delivered then now() end,
    next_attempt_at = case when _delivered then d.next_attempt_at
      else now() + make_interval(secs => greatest(_retry_base_ms, 1) * power(2, d.attempts)::double precision / 1000) end
  where d.id = _id and d.status in ('pending', 'retrying')
  returning * into _d;
  if not found then
    raise exception 'no open notification delivery %', _id using errcode = 'PT404';
  end if;
  return _d.status;
end
$$;

-- ---------------------------------------------------------------- signed approval links (approval-link, service role)

/**
 * Uses a verified link once: records its nonce (a second use is refused as reused), then casts the vote as
 * the link's approver — auth.uid() is that person for the rest of the transaction, so the vote trigger
 * (status, expiry, separation of duties, roles, grants, policies) decides exactly as in the app and the
 * audit trail names them. Every outcome is audited. Returns {outcome: recorded | refused | reused, message}.
 */
create or replace function public.use_approval_link(_nonce text, _request_id uuid, _user_id uuid, _decision public.approval_vote)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  _request public.approval_requests;
  _org uuid;
  _message text;
  _vote_id uuid;
  _used public.approval_link_uses;
begin
  select * into _request from public.approval_requests r where r.id = _request_id;
  if not found then
    raise exception 'no such approval request' using errcode = 'PT404';
  end if;
  _org := private.project_org(_request.project_id);
  perform set_config('request.jwt.claims', jsonb_build_object('sub', _user_id, 'role', 'authenticated')::text, true);
  perform set_config('request.jwt.claim.sub', _user_id::text, true);

  select * into _used from public.approval_link_uses u where u.nonce = _nonce;
  if found then
    perform audit.record('approval_link.reused', 'approval_requests', _request_id::text, _org, _request.project_id, null, null,
      jsonb_build_object('decision', _decision, 'first_used_at', _used.used_at, 'via', 'approval-link'));
    return jsonb_build_object('outcome', 'reused', 'message', 'This link was already used', 'used_at', _used.used_at);
  end if;

  begin
    insert into public.approval_votes (approval_request_id, user_id, vote, comment)
    values (_request_id, _user_id, _decision, 'via a signed link')
    returning id into _vote_id;
  exception when others then
    _message := sqlerrm;
  end;

  insert into public.approval_link_uses (nonce, approval_request_id, project_id, user_id, decision, outcome, message)
  values (_nonce, _request_id, _request.project_id, _user_id, _decision, case when _vote_id is null then 'refused' else 'recorded' end, _message);
  perform audit.record(case when _vote_id is null then 'approval_link.refused' else 'approval_link.used' end,
    'approval_requests', _request_id::text, _org, _request.project_id, null, null,
    jsonb_build_object('decision', _decision, 'vote_id', _vote_id, 'refusal', _message, 'via', 'approval-link'));
  return jsonb_build_object('outcome', case when _vote_id is null then 'refused' else 'recorded' end, 'message', _message, 'vote_id', _vote_id);
end
$$;

/** Audits a link refused before it reached the database's decision (expired), naming its approver. */
create or replace function public.audit_approval_link(_request_id uuid, _user_id uuid, _decision public.approval_vote, _outcome text)
returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  _request public.approval_requests;
begin
  if _outcome not in ('expired') then
    raise exception 'unknown link outcome %', _outcome using errcode = '22023';
  end if;
  select * into _request from public.approval_requests r where r.id = _request_id;
  if not found then
    return;
  end if;
  perform set_config('request.jwt.claims', jsonb_build_object('sub', _user_id, 'role', 'authenticated')::text, true);
  perform set_config('request.jwt.claim.sub', _user_id::text, true);
  perform audit.record('approval_link.' || _outcome, 'approval_requests', _request_id::text, private.project_org(_request.project_id),
    _request.project_id, null, null, jsonb_build_object('decision', _decision, 'via', 'approval-link'));
end
$$;

revoke execute on function public.notification_delivery_due(), public.claim_notification_deliveries(integer, integer),
  public.finish_notification_delivery(uuid, boolean, boolean, integer, text, integer, integer),
  public.use_approval_link(text, uuid, uuid, public.approval_vote),
  public.audit_approval_link(uuid, uuid, public.approval_vote, text)
  from public, anon, authenticated;
grant execute on function public.notification_delivery_due(), public.claim_notification_deliveries(integer, integer),
  public.finish_notification_delivery(uuid, boolean, boolean, integer, text, integer, integer),
  public.use_approval_link(text, uuid, uuid, public.approval_vote),
  public.audit_approval_link(uuid, uuid, public.approval_vote, text)
  to service_role;
