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
-- The writing transaction: one NOTIFY per transaction (Postgres folds identical payloads) names it.
alter table realtime.stack_changes add column if not exists xid xid8 not null default pg_catalog.pg_current_xact_id();
create index if not exists stack_changes_xid_idx on realtime.stack_changes (xid);
revoke all on realtime.stack_changes from public, anon, authenticated, service_role;

-- The tables some channel watches right now (table_name '' = every table of the schema), kept by the service
-- (listened-tables.ts). Changes of other tables are not queued: nobody could receive them, and queueing them
-- cost inserts into watched-by-nobody tables (telemetry, webhook deliveries) a third of their Postgres time.
create table if not exists realtime.stack_listened (
  schema_name text not null,
  table_name text not null,
  primary key (schema_name, table_name)
);
revoke all on realtime.stack_listened from public, anon, authenticated, service_role;

-- Updates, row by row (old and new rows must be paired).
create or replace function realtime.stack_capture_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if not exists (select from realtime.stack_listened l where l.schema_name = tg_table_schema and l.table_name in ('', tg_table_name)) then
    return null;
  end if;
  insert into realtime.stack_changes (schema_name, table_name, type, record, old_record)
  values (
    tg_table_schema, tg_table_name, tg_op,
    case when tg_op <> 'DELETE' then to_jsonb(new) end,
    case when tg_op <> 'INSERT' then to_jsonb(old) end
  );
  perform pg_notify('realtime_stack_changes', pg_catalog.pg_current_xact_id()::text);
  return null;
end
$$;
alter function realtime.stack_capture_change() owner to postgres;

-- Inserts and deletes, one statement at a time: a 500-row insert queues its rows in one insert ... select.
create or replace function realtime.stack_capture_rows() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if not exists (select from realtime.stack_listened l where l.schema_name = tg_table_schema and l.table_name in ('', tg_table_name)) then
    return null;
  end if;
  if tg_op = 'INSERT' then
    insert into realtime.stack_changes (schema_name, table_name, type, record)
    select tg_table_schema, tg_table_name, 'INSERT', to_jsonb(r) from stack_new_rows r;
  else
    insert into realtime.stack_changes (schema_name, table_name, type, old_record)
    select tg_table_schema, tg_table_name, 'DELETE', to_jsonb(r) from stack_old_rows r;
  end if;
  if found then
    perform pg_notify('realtime_stack_changes', pg_catalog.pg_current_xact_id()::text);
  end if;
  return null;
end
$$;
alter function realtime.stack_capture_rows() owner to postgres;

-- Puts the capture trigger on every table of publication supabase_realtime and takes it off tables that left.
create or replace function realtime.stack_sync_capture() returns void
language plpgsql security definer set search_path = '' as $$
declare
  target regclass;
begin
  for target in
    select distinct t.tgrelid::regclass from pg_catalog.pg_trigger t
    where t.tgname like 'realtime_stack_capture%'
      and not exists (
        select from pg_catalog.pg_publication_rel pr
        join pg_catalog.pg_publication p on p.oid = pr.prpubid
        where p.pubname = 'supabase_realtime' and pr.prrelid = t.tgrelid
      )
      and not exists (select from pg_catalog.pg_publication where pubname = 'supabase_realtime' and puballtables)
  loop
    execute format('drop trigger if exists realtime_stack_capture on %s', target);
    execute format('drop trigger if exists realtime_stack_capture_ins on %s', target);
    execute format('drop trigger if exists realtime_stack_capture_upd on %s', target);
    execute format('drop trigger if exists realtime_stack_capture_del on %s', target);
  end loop;
  for target in
    select format('%I.%I', pt.schemaname, pt.tablename)::regclass from pg_catalog.pg_publication_tables pt
    where pt.pubname = 'supabase_realtime'
      and not exists (
        select from pg_catalog.pg_trigger t
        where t.tgname = 'realtime_stack_capture_upd'
          and t.tgrelid = format('%I.%I', pt.schemaname, pt.tablename)::regclass
      )
  loop
    execute format('create trigger realtime_stack_capture_ins after insert on %s '
      'referencing new table as stack_new_rows for each statement execute function realtime.stack_capture_rows()', target);
    execute format('create trigger realtime_stack_capture_upd after update on %s '
      'for each row execute function realtime.stack_capture_change()', target);
    execute format('create trigger realtime_stack_capture_del after delete on %s '
      'referencing old table as stack_old_rows for each statement execute function realtime.stack_capture_rows()', target);
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
      'where (select true from %s t where %s)', -- per key through the primary key (see stack_define_probe)
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

-- The same check with a plan Postgres keeps: stack_visible_changes builds its probe as text and EXECUTE plans it
-- again for every group (most of its cost). This writes, for one table, a function whose probe is static SQL, so
-- PL/pgSQL plans it once per session and role (Postgres re-plans a cached plan when the role changes or a policy
-- or the table changes; claims are read by the policies when the plan runs, never baked into it).
-- Groups arrive sorted by role, so the role switches (and re-plans) at most once per distinct role. There is no
-- exception block per group: when any group's probe fails (say a policy raises), the whole call fails and the
-- service asks stack_visible_changes, which isolates each group, instead. Returns the function's name.
create or replace function realtime.stack_define_probe(rel regclass, pk text[]) returns text
language plpgsql set search_path = '' as $$
declare
  name text := 'stack_probe_' || rel::oid::text;
begin
  execute format($f$
    create or replace function realtime.%1$I(keys jsonb, groups jsonb)
    returns table (grp int, idx bigint)
    language plpgsql set search_path = '' as $probe$
    declare
      g record;
      acting text;
    begin
      for g in
        select (e.ordinality - 1)::int as i, e.value ->> 'role' as role, e.value -> 'claims' as claims
        from jsonb_array_elements(groups) with ordinality as e
      loop
        -- A role that may read no column of the table sees none of its changes (the probe would fail).
        continue when not has_any_column_privilege(g.role, %2$L::regclass, 'select');
        if acting is distinct from g.role then
          execute format('set local role %%I', g.role);
          acting := g.role;
        end if;
        perform set_config('request.jwt.claims', g.claims::text, true);
        -- A scalar subquery per key, not EXISTS: Postgres would turn EXISTS into a join and, not knowing how few
        -- keys come, scan and check the whole table; this looks each key up through the primary key instead.
        return query select g.i, k.ordinality
          from rows from (jsonb_populate_recordset(null::%2$s, keys)) with ordinality as k
          where (select true from %2$s t where %3$s);
      end loop;
      reset role;
      perform set_config('request.jwt.claims', '', true);
    end
    $probe$;
    revoke all on function realtime.%1$I(jsonb, jsonb) from public;
  $f$, name, rel, (select string_agg(format('t.%1$I = k.%1$I', c), ' and ') from unnest(pk) c));
  return name;
end
$$;
revoke all on function realtime.stack_define_probe(regclass, text[]) from public;
-- Probes of an earlier start may name tables that changed or are gone: the service defines them again on use.
do $$
declare
  f regprocedure;
begin
  for f in select p.oid::regprocedure from pg_catalog.pg_proc p
    where p.pronamespace = 'realtime'::regnamespace and p.proname like 'stack\_probe\_%' loop
    execute format('drop function %s', f);
  end loop;
end
$$;
-- The capture functions run as triggers (no EXECUTE check) or from stack_on_ddl: nobody calls them directly.
revoke all on function realtime.stack_capture_change(), realtime.stack_capture_rows(), realtime.stack_on_ddl(),
  realtime.stack_sync_capture() from public;

-- Changes queued while no service was listening can no longer be delivered in order; a starting service has
-- no channels yet.
truncate realtime.stack_changes;
truncate realtime.stack_listened;
-- Databases from before statement-level capture carry one row trigger per table: replace it.
do $$
declare
  target regclass;
begin
  for target in select t.tgrelid::regclass from pg_catalog.pg_trigger t where t.tgname = 'realtime_stack_capture' loop
    execute format('drop trigger realtime_stack_capture on %s', target);
  end loop;
end
$$;
select realtime.stack_sync_capture();
