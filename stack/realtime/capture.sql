-- Change capture for the stack's Realtime service (installed by the service at start; idempotent).
-- No logical decoding plugin with JSON output is available, so row triggers write each change to a queue
-- and NOTIFY its id; NOTIFY is delivered in commit order, which gives the service commit-ordered changes.

create table if not exists realtime.stack_changes (
  id bigint generated always as identity primary key,
  schema_name text not null,
  table_name text not null,
  -- INSERT, UPDATE or DELETE
  type text not null,
  record jsonb,
  old_record jsonb,
  commit_timestamp timestamptz not null default clock_timestamp()
);
revoke all on realtime.stack_changes from public, anon, authenticated, service_role;

create or replace function realtime.stack_capture_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  queued bigint;
begin
  insert into realtime.stack_changes (schema_name, table_name, type, record, old_record)
  values (
    tg_table_schema, tg_table_name, tg_op,
    case when tg_op <> 'DELETE' then to_jsonb(new) end,
    case when tg_op <> 'INSERT' then to_jsonb(old) end
  )
  returning id into queued;
  perform pg_notify('realtime_stack_changes', queued::text);
  return null;
end
$$;
alter function realtime.stack_capture_change() owner to postgres;

-- Puts the capture trigger on every table of publication supabase_realtime and takes it off tables that left.
create or replace function realtime.stack_sync_capture() returns void
language plpgsql security definer set search_path = '' as $$
declare
  target regclass;
begin
  for target in
    select t.tgrelid::regclass from pg_catalog.pg_trigger t
    where t.tgname = 'realtime_stack_capture'
      and not exists (
        select from pg_catalog.pg_publication_rel pr
        join pg_catalog.pg_publication p on p.oid = pr.prpubid
        where p.pubname = 'supabase_realtime' and pr.prrelid = t.tgrelid
      )
      and not exists (select from pg_catalog.pg_publication where pubname = 'supabase_realtime' and puballtables)
  loop
    execute format('drop trigger realtime_stack_capture on %s', target);
  end loop;
  for target in
    select format('%I.%I', pt.schemaname, pt.tablename)::regclass from pg_catalog.pg_publication_tables pt
    where pt.pubname = 'supabase_realtime'
      and not exists (
        select from pg_catalog.pg_trigger t
        where t.tgname = 'realtime_stack_capture'
          and t.tgrelid = format('%I.%I', pt.schemaname, pt.tablename)::regclass
      )
  loop
    execute format(
      'create trigger realtime_stack_capture after insert or update or delete on %s '
      'for each row execute function realtime.stack_capture_change()', target);
  end loop;
  perform pg_notify('realtime_stack_schema', '');
end
$$;
alter function realtime.stack_sync_capture() owner to postgres;

create or replace function realtime.stack_on_ddl() returns event_trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform realtime.stack_sync_capture();
end
$$;

drop event trigger if exists realtime_stack_capture_sync;
create event trigger realtime_stack_capture_sync on ddl_command_end
  when tag in ('CREATE PUBLICATION', 'ALTER PUBLICATION', 'CREATE TABLE', 'ALTER TABLE', 'CREATE TABLE AS', 'SELECT INTO')
  execute function realtime.stack_on_ddl();

-- Which of a batch of changed rows each subscriber group may select, asked as that group's role and claims.
-- keys: one object per change holding its primary key columns; groups: [{role, claims}].
-- Returns (group index, 1-based change index) for every visible change.
create or replace function realtime.stack_visible_changes(rel regclass, pk text[], keys jsonb, groups jsonb)
returns table (grp int, idx bigint)
language plpgsql set search_path = '' as $$
declare
  g record;
  probe text;
begin
  if coalesce(array_length(pk, 1), 0) > 0 then
    probe := format(
      'select $2, k.ordinality from rows from (jsonb_populate_recordset(null::%s, $1)) with ordinality as k '
      'where exists (select from %s t where %s)',
      rel, rel, (select string_agg(format('t.%1$I = k.%1$I', c), ' and ') from unnest(pk) c));
  end if;
  for g in
    select (e.ordinality - 1)::int as i, e.value ->> 'role' as role, e.value -> 'claims' as claims
    from jsonb_array_elements(groups) with ordinality as e
  loop
    begin
      if probe is null then
        -- Without a primary key a row cannot be looked up: only tables without RLS are readable.
        if not (select relrowsecurity from pg_catalog.pg_class where oid = rel)
           and has_table_privilege(g.role, rel, 'select') then
          return query select g.i, s.n from generate_series(1::bigint, jsonb_array_length(keys)::bigint) as s(n);
        end if;
      else
        execute format('set local role %I', g.role);
        perform set_config('request.jwt.claims', g.claims::text, true);
        return query execute probe using keys, g.i;
        reset role;
      end if;
    exception when others then
      -- A group whose role may not read the table sees none of its changes.
      null;
    end;
  end loop;
  perform set_config('request.jwt.claims', '', true);
end
$$;
revoke all on function realtime.stack_visible_changes(regclass, text[], jsonb, jsonb) from public;

-- Changes queued while no service was listening can no longer be delivered in order.
truncate realtime.stack_changes;
select realtime.stack_sync_capture();
