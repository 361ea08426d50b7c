-- Invitations by email, and the notification channels' admin screen (issues 11 and 12).
--
-- - A new invitation is also emailed to the invited address through each enabled email channel of the
--   organization that carries the `invitation` event type (an empty event_types carries everything). The
--   invited person may have no account yet, so a delivery can name its recipient by address (to_email)
--   instead of by user_id; claim_notification_deliveries returns that address as the recipient.
-- - The link needs the raw token, which the invitation itself never stores (only its hash). The token rides
--   in the delivery's payload only while the delivery may still be sent: when it is delivered, fails for good
--   or is cancelled, a trigger removes it, so the database keeps no usable link once nobody needs to send one.
--   While pending, only the organization's admins can read it (RLS on notification_deliveries), and they can
--   invite or revoke anyway; accept_invitation still requires the invited address.
-- - Revoking or replacing an invitation (or its acceptance) before the email went out cancels the delivery.
-- - send_test_notification: an admin's "Send a test message", a real delivery that notify-event sends.
-- - notification_deliveries joins the realtime publication: channel and invitation pages follow each attempt.

alter type public.notification_delivery_status add value if not exists 'cancelled';

alter table public.notification_deliveries
  add column to_email text check (to_email ~ '^[^@\s]+@[^@\s]+$'),
  add constraint notification_deliveries_one_recipient check (user_id is null or to_email is null);
comment on column public.notification_deliveries.to_email is
  'the recipient''s address when they have no account here (an invitation); null when user_id names the recipient or for a channel-wide message';
create index notification_deliveries_event_key_idx on public.notification_deliveries (event_key);

-- ---------------------------------------------------------------- the token leaves with the last attempt

create or replace function private.forget_delivery_token()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status::text in ('delivered', 'failed', 'cancelled') and new.payload ? 'token' then
    new.payload := new.payload - 'token';
  end if;
  return new;
end
$$;
revoke execute on function private.forget_delivery_token() from public, anon, authenticated, service_role;

create trigger notification_deliveries_forget_token before insert or update on public.notification_deliveries
for each row execute function private.forget_delivery_token();

-- ---------------------------------------------------------------- raising the invitation email

/** One email delivery per enabled email channel carrying `invitation`, holding the token until it is sent. */
create or replace function private.raise_invitation_email(_invite public.organization_invitations, _token text)
returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  _org text := (select o.name from public.organizations o where o.id = _invite.organization_id);
  _inviter text := coalesce((select nullif(p.full_name, '') from public.profiles p where p.id = _invite.invited_by),
    (select u.email from auth.users u where u.id = _invite.invited_by), 'An admin');
  _count integer;
begin
  insert into public.notification_deliveries (dedup_key, event_type, event_key, organization_id, channel_id, to_email, payload)
  select 'invitation:' || _invite.id || '|' || _invite.email || '|' || c.id, 'invitation', 'invitation:' || _invite.id,
    _invite.organization_id, c.id, _invite.email, jsonb_build_object(
      'title', format('%s invited you to %s on Opzenix', _inviter, _org),
      'organization', _org, 'invited_by', _inviter, 'email', _invite.email, 'role', _invite.role,
      'expires_at', _invite.expires_at, 'invitation_id', _invite.id, 'token', _token)
  from public.notification_channels c
  where c.organization_id = _invite.organization_id and c.enabled and c.kind = 'email'
    and (cardinality(c.event_types) = 0 or 'invitation' = any (c.event_types))
  on conflict (dedup_key) do nothing;
  get diagnostics _count = row_count;
  return _count;
end
$$;
revoke execute on function private.raise_invitation_email(public.organization_invitations, text) from public, anon, authenticated, service_role;

/** As in …000200_organization_self_service, and the new invitation is emailed (raise_invitation_email). */
create or replace function public.invite_member(_organization_id uuid, _email text, _role public.app_role, _valid_for interval default '7 days')
returns table (invitation_id uuid, token text, expires_at timestamptz)
language plpgsql security definer
set search_path = ''
as $$
declare
  _token text := encode(extensions.gen_random_bytes(32), 'hex');
  _address text := lower(btrim(coalesce(_email, '')));
  _invite public.organization_invitations;
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
  insert into public.organization_invitations (organization_id, email, role, token_hash, invited_by, expires_at)
  values (_organization_id, _address, _role, encode(extensions.digest(_token, 'sha256'), 'hex'), auth.uid(), now() + _valid_for)
  returning * into _invite;
  perform private.raise_invitation_email(_invite, _token);
  return query select _invite.id, _token, _invite.expires_at;
end
$$;

-- ---------------------------------------------------------------- revoked, replaced or accepted: cancel

create or replace function private.cancel_invitation_deliveries()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  -- An organization being deleted takes its deliveries with it.
  if tg_op = 'UPDATE' and (new.accepted_at is null or old.accepted_at is not null) then
    return null;
  end if;
  if not exists (select 1 from public.organizations o where o.id = old.organization_id) then
    return null;
  end if;
  update public.notification_deliveries d set status = 'cancelled',
    last_error = case when tg_op = 'DELETE' then 'cancelled: the invitation was revoked or replaced before it was emailed'
                      else 'cancelled: the invitation was accepted before it was emailed' end
  where d.event_key = 'invitation:' || old.id and d.status in ('pending', 'retrying');
  return null;
end
$$;
revoke execute on function private.cancel_invitation_deliveries() from public, anon, authenticated, service_role;

create trigger organization_invitations_cancel_emails after delete or update of accepted_at on public.organization_invitations
for each row execute function private.cancel_invitation_deliveries();

-- ---------------------------------------------------------------- claiming: the address is a recipient too

/** As in …004000_notifications; a delivery addressed by to_email has the recipient {id: null, email, name}. */
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
      'recipient', case
        when d.user_id is not null then jsonb_build_object('id', u.id, 'email', u.email, 'name', coalesce(nullif(p.full_name, ''), u.email))
        when d.to_email is not null then jsonb_build_object('id', null, 'email', d.to_email, 'name', d.to_email)
      end
    ) order by d.next_attempt_at), '[]'::jsonb)
    from public.notification_deliveries d
    join public.notification_channels c on c.id = d.channel_id
    left join auth.users u on u.id = d.user_id
    left join public.profiles p on p.id = d.user_id
    where d.id = any (_ids)
  );
end
$$;

-- ---------------------------------------------------------------- "Send a test message"

/**
 * An admin tests a channel: a real delivery (event type `test`) that notify-event sends like any other —
 * for email to the admin's own address, for Slack and webhooks to the channel. Returns the delivery's id.
 */
create or replace function public.send_test_notification(_channel_id uuid)
returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  _channel public.notification_channels;
  _who text := coalesce((select nullif(p.full_name, '') from public.profiles p where p.id = auth.uid()),
    (select u.email from auth.users u where u.id = auth.uid()), 'An admin');
  _key text := 'test:' || gen_random_uuid();
  _id uuid;
begin
  select * into _channel from public.notification_channels c where c.id = _channel_id;
  if not found or not public.org_role_at_least(_channel.organization_id, 'admin') then
    raise exception 'only admins of the channel''s organization can test it' using errcode = 'PT403';
  end if;
  insert into public.notification_deliveries (dedup_key, event_type, event_key, organization_id, channel_id, user_id, payload)
  values (_key || '|' || _channel.id, 'test', _key, _channel.organization_id, _channel.id,
    case when _channel.kind = 'email' then auth.uid() end,
    jsonb_build_object('title', format('Test message for “%s”', _channel.name),
      'body', format('%s sent this test from Opzenix. If you can read it, the channel “%s” works.', _who, _channel.name),
      'path', '/organization', 'recipients', jsonb_build_array(_who)))
  returning id into _id;
  return _id;
end
$$;
revoke execute on function public.send_test_notification(uuid) from public, anon, authenticated;
grant execute on function public.send_test_notification(uuid) to authenticated, service_role;

alter publication supabase_realtime add table public.notification_deliveries;
