-- Recurring freeze windows. A window is either one-off (starts_at … ends_at, as before) or recurring: a
-- 5-field cron expression (minute hour day-of-month month day-of-week; numbers, *, lists, ranges, steps)
-- read in an IANA time zone, each occurrence lasting duration_minutes, applying from starts_at until
-- ends_at (open-ended when null). Evaluated here, in the database, at the moment a deploy actually happens
-- (private.freeze_window_active), so "every weekday 09:00 Europe/Berlin" stays 09:00 Berlin across DST.
-- A recurrence that can never fire (30 February), an unknown time zone or a bad field is refused on write.

alter table public.freeze_windows
  add column recurrence text,
  add column time_zone text,
  add column duration_minutes integer check (duration_minutes between 1 and 10080);
comment on column public.freeze_windows.recurrence is 'Cron (minute hour day-of-month month day-of-week) in time_zone; null for a one-off window';
comment on column public.freeze_windows.time_zone is 'IANA zone the recurrence is read in (Europe/Berlin); shown for one-off windows';
comment on column public.freeze_windows.duration_minutes is 'How long each occurrence of a recurring window lasts (at most 7 days)';
comment on column public.freeze_windows.starts_at is 'One-off: when the freeze starts. Recurring: from when the recurrence applies';
comment on column public.freeze_windows.ends_at is 'One-off: when the freeze ends. Recurring: until when the recurrence applies (null: no end)';

alter table public.freeze_windows alter column ends_at drop not null;
alter table public.freeze_windows drop constraint if exists freeze_windows_check;
alter table public.freeze_windows add constraint freeze_windows_shape check (
  case when recurrence is null then ends_at is not null and ends_at > starts_at and duration_minutes is null
  else time_zone is not null and duration_minutes is not null and (ends_at is null or ends_at > starts_at) end);

-- One cron field → its sorted values. Raises check_violation (PostgREST 400) with the field in the message.
create or replace function private.cron_field(_field text, _name text, _min integer, _max integer)
returns integer[]
language plpgsql immutable
set search_path = ''
as $$
declare
  _part text;
  _m text[];
  _lo integer;
  _hi integer;
  _step integer;
  _out integer[] := '{}';
begin
  foreach _part in array string_to_array(_field, ',') loop
    _m := regexp_match(_part, '^(\*|(\d{1,2})(?:-(\d{1,2}))?)(?:/(\d{1,2}))?$');
    if _m is null then
      raise exception 'recurrence: % field "%" is not a number, *, a range (1-5), a list (1,3) or a step (*/15)', _name, _field
        using errcode = 'check_violation';
    end if;
    if _m[1] = '*' then
      _lo := _min; _hi := _max;
    else
      _lo := _m[2]::integer;
      _hi := coalesce(_m[3]::integer, case when _m[4] is not null then _max else _lo end);
    end if;
    _step := coalesce(_m[4]::integer, 1);
    if _lo < _min or _hi > _max or _lo > _hi or _step < 1 then
      raise exception 'recurrence: % field "%" is outside %-%', _name, _field, _min, _max using errcode = 'check_violation';
    end if;
    _out := _out || array(select generate_series(_lo, _hi, _step));
  end loop;
  return array(select distinct v from unnest(_out) v order by v);
end
$$;

-- A cron expression parsed into its value sets. dom_any/dow_any: the field starts with * (Vixie cron: when both
-- day fields are restricted a day matches either; otherwise it must match both).
create or replace function private.cron_parse(_cron text,
  out minutes integer[], out hours integer[], out doms integer[], out months integer[], out dows integer[],
  out dom_any boolean, out dow_any boolean)
language plpgsql immutable
set search_path = ''
as $$
declare
  _f text[] := regexp_split_to_array(btrim(coalesce(_cron, '')), '\s+');
begin
  if array_length(_f, 1) is distinct from 5 then
    raise exception 'recurrence "%" needs 5 fields: minute hour day-of-month month day-of-week', _cron using errcode = 'check_violation';
  end if;
  minutes := private.cron_field(_f[1], 'minute', 0, 59);
  hours := private.cron_field(_f[2], 'hour', 0, 23);
  doms := private.cron_field(_f[3], 'day-of-month', 1, 31);
  months := private.cron_field(_f[4], 'month', 1, 12);
  dows := array(select distinct (v % 7) from unnest(private.cron_field(_f[5], 'day-of-week', 0, 7)) v order by 1);
  dom_any := _f[3] like '*%';
  dow_any := _f[5] like '*%';
end
$$;

-- Whether the expression fires at all: some month of its months has one of its days (29 February counts).
-- With both day fields restricted any matching weekday fires, so it always does.
create or replace function private.cron_fires(_cron text)
returns boolean
language sql immutable
set search_path = ''
as $$
  select (not c.dom_any and not c.dow_any) or exists (
    select 1 from unnest(c.months) m, unnest(c.doms) d
    where d <= case when m = 2 then 29 when m in (4, 6, 9, 11) then 30 else 31 end)
  from private.cron_parse(_cron) c
$$;

-- The end of the occurrence of (_cron in _tz, lasting _minutes) that covers _at, or null when none does.
-- Occurrences are local wall-clock times converted with the zone's rules for that day, so DST moves them in UTC.
create or replace function private.cron_occurrence_end(_cron text, _tz text, _minutes integer, _at timestamptz)
returns timestamptz
language sql stable
set search_path = ''
as $$
  select max(o.at + make_interval(mins => _minutes))
  from private.cron_parse(_cron) c,
    generate_series((((_at - make_interval(mins => _minutes)) at time zone _tz)::date - 1)::timestamp,
                    (_at at time zone _tz)::date::timestamp, interval '1 day') as d (day),
    unnest(c.hours) h, unnest(c.minutes) mi,
    lateral (select (d.day + make_interval(hours => h, mins => mi)) at time zone _tz as at) o
  where extract(month from d.day)::integer = any (c.months)
    and case when not c.dom_any and not c.dow_any
      then extract(day from d.day)::integer = any (c.doms) or extract(dow from d.day)::integer = any (c.dows)
      else extract(day from d.day)::integer = any (c.doms) and extract(dow from d.day)::integer = any (c.dows) end
    and o.at <= _at and _at < o.at + make_interval(mins => _minutes)
$$;

/** When the freeze window holding at _at ends (its occurrence's end for a recurring one), or null if it does not hold. */
create or replace function private.freeze_window_until(_f public.freeze_windows, _at timestamptz)
returns timestamptz
language sql stable
set search_path = ''
as $$
  select case
    when _at < _f.starts_at or (_f.ends_at is not null and _at >= _f.ends_at) then null
    when _f.recurrence is null then _f.ends_at
    else least(private.cron_occurrence_end(_f.recurrence, _f.time_zone, _f.duration_minutes, _at), _f.ends_at)
  end
$$;

-- The next _count starts of a recurrence after _after (at most 5 years ahead), for previews and the editor.
-- Definer only to reach the private parser: it reads no table.
create or replace function public.freeze_window_occurrences(_recurrence text, _time_zone text, _count integer default 5,
  _after timestamptz default now())
returns setof timestamptz
language plpgsql stable security definer
set search_path = ''
as $$
declare
  _c record;
  _day date;
  _found integer := 0;
  _o timestamptz;
begin
  perform private.check_recurrence(_recurrence, _time_zone);
  select * into _c from private.cron_parse(_recurrence);
  _day := (_after at time zone _time_zone)::date;
  while _found < least(greatest(_count, 1), 50) and _day < (_after at time zone _time_zone)::date + 1830 loop
    if (extract(month from _day)::integer = any (_c.months)
      and case when not _c.dom_any and not _c.dow_any
        then extract(day from _day)::integer = any (_c.doms) or extract(dow from _day)::integer = any (_c.dows)
        else extract(day from _day)::integer = any (_c.doms) and extract(dow from _day)::integer = any (_c.dows) end) then
      for _o in
        select (_day + make_interval(hours => h, mins => mi)) at time zone _time_zone
        from unnest(_c.hours) h, unnest(_c.minutes) mi order by h, mi
      loop
        if _o > _after then
          return next _o;
          _found := _found + 1;
          exit when _found >= least(greatest(_count, 1), 50);
        end if;
      end loop;
    end if;
    _day := _day + 1;
  end loop;
end
$$;
grant execute on function public.freeze_window_occurrences(text, text, integer, timestamptz) to authenticated;

/** Refuses (check_violation) a recurrence that does not parse, names an unknown zone or never fires. */
create or replace function private.check_recurrence(_recurrence text, _time_zone text)
returns void
language plpgsql stable
set search_path = ''
as $$
begin
  if _time_zone is null or not exists (select 1 from pg_catalog.pg_timezone_names z where z.name = _time_zone) then
    raise exception 'unknown time zone "%": use an IANA name such as Europe/Berlin', coalesce(_time_zone, '') using errcode = 'check_violation';
  end if;
  if not private.cron_fires(_recurrence) then
    raise exception 'recurrence "%" never fires: none of its months has that day', _recurrence using errcode = 'check_violation';
  end if;
end
$$;

create or replace function public.check_freeze_window()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  new.recurrence := nullif(btrim(regexp_replace(coalesce(new.recurrence, ''), '\s+', ' ', 'g')), '');
  if new.recurrence is not null then
    if new.duration_minutes is null then
      raise exception 'a recurring freeze window needs a duration' using errcode = 'check_violation';
    end if;
    perform private.check_recurrence(new.recurrence, new.time_zone);
  elsif new.time_zone is not null and not exists (select 1 from pg_catalog.pg_timezone_names z where z.name = new.time_zone) then
    raise exception 'unknown time zone "%": use an IANA name such as Europe/Berlin', new.time_zone using errcode = 'check_violation';
  end if;
  return new;
end
$$;
revoke execute on function public.check_freeze_window() from public, anon, authenticated;
create trigger freeze_windows_check before insert or update on public.freeze_windows
for each row execute function public.check_freeze_window();

alter publication supabase_realtime add table public.freeze_windows;
