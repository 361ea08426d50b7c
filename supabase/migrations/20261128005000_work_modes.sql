-- The SPA's work modes (Monitor, Build & Deploy, Investigate, Govern) replace the prototype's simple/advanced
-- switch. A null default_mode means "follow my role" (viewer → monitor, operator → build, admin → govern);
-- choosing a mode saves it here.

alter table public.user_preferences drop constraint if exists user_preferences_default_mode_check;
alter table public.user_preferences alter column default_mode drop not null;
alter table public.user_preferences alter column default_mode drop default;
update public.user_preferences set default_mode = null where default_mode in ('simple', 'advanced');
alter table public.user_preferences add constraint user_preferences_default_mode_check
  check (default_mode in ('monitor', 'build', 'investigate', 'govern'));
comment on column public.user_preferences.default_mode is 'Mode the app opens in; null follows the role (viewer monitor, operator build, admin govern)';
