-- Locks that lift themselves. A lock may carry an expiry (the TTL an admin chose when locking). Past it the
-- lock no longer holds for anything that decides (private.lock_in_force: the deploy guard, the engine's
-- blocked environments), so correctness never waits for a tick; public.lift_expired_locks, run by every
-- engine tick, then turns the row off and writes an environment.lock_expired audit row saying when and why.

alter table public.environment_locks add column expires_at timestamptz;
comment on column public.environment_locks.expires_at is 'When the lock lifts itself (null: until someone unlocks); past it the lock no longer holds';

-- An expiry in the past is a mistake, not a lock: refused (check_violation, PostgREST 400). Unlocking clears it.
create or replace function public.check_lock_expiry()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if not new.is_locked then
    new.expires_at := null;
  elsif new.expires_at is not null and new.expires_at <= now()
    and (tg_op = 'INSERT' or not old.is_locked or new.expires_at is distinct from old.expires_at) then
    raise exception 'a lock''s expiry must be in the future (got %)', new.expires_at using errcode = 'check_violation';
  end if;
  return new;
end
$$;
revoke execute on function public.check_lock_expiry() from public, anon, authenticated;
create trigger environment_locks_expiry before insert or update on public.environment_locks
for each row execute function public.check_lock_expiry();

/** Whether a lock holds at _at: switched on and not past its expiry. */
create or replace function private.lock_in_force(_is_locked boolean, _expires_at timestamptz, _at timestamptz)
returns boolean
language sql immutable
set search_path = ''
as $$
  select coalesce(_is_locked, false) and (_expires_at is null or _expires_at > _at)
$$;
revoke execute on function private.lock_in_force(boolean, timestamptz, timestamptz) from public, anon, authenticated, service_role;

-- Turns off every lock past its expiry, one audit row each; returns how many. Service role only (the tick).
create or replace function public.lift_expired_locks()
returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  _lock public.environment_locks;
  _key text;
  _n integer := 0;
begin
  for _lock in
    select * from public.environment_locks l where l.is_locked and l.expires_at <= now()
    for update skip locked
  loop
    update public.environment_locks l set is_locked = false where l.id = _lock.id;
    select e.key into _key from public.environments e where e.id = _lock.environment_id;
    perform audit.record('environment.lock_expired', 'environment_locks', _lock.id::text,
      private.project_org(_lock.project_id), _lock.project_id,
      jsonb_build_object('is_locked', true, 'expires_at', _lock.expires_at),
      jsonb_build_object('is_locked', false),
      jsonb_build_object('environment', _key, 'lock_reason', _lock.lock_reason, 'locked_by', _lock.locked_by,
        'locked_at', _lock.locked_at, 'expired_at', _lock.expires_at));
    _n := _n + 1;
  end loop;
  return _n;
end
$$;
revoke execute on function public.lift_expired_locks() from public, anon, authenticated;
grant execute on function public.lift_expired_locks() to service_role;
