-- Rayform platform schema, version 1 (PostgreSQL 15+).
--
-- Identifiers are text chosen by the application (prefixed, sortable ids such as
-- "job_01J..."), so they can be generated before the insert and used as Kafka keys.
-- All timestamps are timestamptz. Tenant isolation: every tenant-owned row carries
-- tenant_id, and every query of the gateway filters on it.

-- Keeps jobs.updated_at and similar columns honest without every statement having to set them.
create function rayform_touch_updated_at() returns trigger
  language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

create table tenants (
  id          text primary key,
  name        text not null,
  created_at  timestamptz not null default now()
);

create table api_keys (
  id          text primary key,
  tenant_id   text not null references tenants (id) on delete cascade,
  -- SHA-256 of the full key; the key itself is shown once and never stored.
  -- Keys are long random strings, so an unsalted fast hash is enough and allows a
  -- unique index lookup per request.
  key_hash    bytea not null unique check (octet_length(key_hash) = 32),
  -- First characters of the key (e.g. "rf_live_Ab3x"), shown in lists so users can tell keys apart.
  prefix      text not null,
  name        text,
  created_at  timestamptz not null default now(),
  last_used_at timestamptz,
  -- A revoked key stays for the audit trail; authentication requires revoked_at is null.
  revoked_at  timestamptz
);
create index api_keys_tenant_idx on api_keys (tenant_id);

create table uploads (
  id            text primary key,
  tenant_id     text not null references tenants (id) on delete cascade,
  size          bigint not null check (size >= 0),
  sha256        text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content_type  text not null,
  -- Original file name from a multipart upload, for display only.
  filename      text,
  storage_key   text not null unique,
  created_at    timestamptz not null default now()
);
create index uploads_tenant_created_idx on uploads (tenant_id, created_at desc, id desc);

create table jobs (
  id               text primary key,
  tenant_id        text not null references tenants (id) on delete cascade,
  type             text not null
                   check (type in ('reconstruct', 'catalog', 'dataset', 'train', 'evaluate')),
  status           text not null default 'queued'
                   check (status in ('queued', 'running', 'succeeded', 'failed', 'canceled')),
  input            jsonb not null default '{}'::jsonb,
  options          jsonb not null default '{}'::jsonb,
  -- Catalogue items point at their catalog job; deleting a catalog deletes its items.
  parent_id        text references jobs (id) on delete cascade,
  -- The item's key within its parent (the sku). Unique per parent, so splitting a
  -- catalogue again after a crash inserts no duplicate children (insert ... on conflict do nothing).
  item_key         text,
  -- Idempotency-Key header of the POST that created the job; NULLs never collide.
  idempotency_key  text,
  -- SHA-256 of the canonical request body: the same key with a different body is a 409.
  request_hash     bytea,
  -- Number of times a worker claimed the job (incremented by the claim). Together with
  -- lease_owner it fences every later write of a worker: heartbeat, progress and
  -- completion update "where id = $1 and lease_owner = $2 and attempts = $3 and
  -- status = 'running'", so a worker whose lease expired and was re-claimed by another
  -- can neither finish the job nor append to it. A finished job is never claimed again
  -- because the claim requires status = 'queued' or an expired running lease.
  attempts         integer not null default 0 check (attempts >= 0),
  max_attempts     integer not null default 3 check (max_attempts >= 1),
  -- Worker instance holding the lease (host/pid/uuid) and when the lease lapses unless
  -- renewed by a heartbeat; a redelivered message may claim a running job only once
  -- lease_expires_at < now().
  lease_owner      text,
  lease_expires_at timestamptz,
  heartbeat_at     timestamptz,
  -- Earliest time a retry may start (exponential backoff after a retryable failure).
  next_attempt_at  timestamptz,
  -- Set by POST /cancel. A queued job is canceled at once; a running one is canceled
  -- by its worker at the next checkpoint (it sees the flag in its heartbeat result).
  cancel_requested boolean not null default false,
  progress         real not null default 0 check (progress >= 0 and progress <= 1),
  stage            text,
  error_code       text,
  error_message    text,
  result           jsonb,
  -- Storage key of the latest checkpoint (training), so a redelivered job resumes from it.
  checkpoint_key   text,
  -- Highest job_events.seq issued for this job. A new event takes its seq from
  -- "update jobs set last_seq = last_seq + 1 ... returning last_seq" in the same
  -- transaction as the event insert: gap-free, strictly increasing per job, and the
  -- row lock serialises concurrent writers of one job.
  last_seq         bigint not null default 0 check (last_seq >= 0),
  created_at       timestamptz not null default now(),
  started_at       timestamptz,
  finished_at      timestamptz,
  updated_at       timestamptz not null default now(),
  constraint jobs_idempotency_key_unique unique (tenant_id, idempotency_key),
  constraint jobs_parent_item_unique unique (parent_id, item_key),
  constraint jobs_attempts_within_max check (attempts <= max_attempts),
  constraint jobs_item_key_needs_parent check (item_key is null or parent_id is not null),
  -- Terminal exactly when finished.
  constraint jobs_finished_iff_terminal
    check ((status in ('succeeded', 'failed', 'canceled')) = (finished_at is not null)),
  -- A running job always has a lease.
  constraint jobs_running_has_lease
    check (status <> 'running' or (lease_owner is not null and lease_expires_at is not null)),
  constraint jobs_failed_has_error check (status <> 'failed' or error_code is not null)
);
-- Listing: GET /v1/jobs orders by (created_at desc, id desc); the cursor is the last pair.
create index jobs_tenant_created_idx on jobs (tenant_id, created_at desc, id desc);
create index jobs_tenant_type_created_idx on jobs (tenant_id, type, created_at desc, id desc);
create index jobs_tenant_status_created_idx on jobs (tenant_id, status, created_at desc, id desc);
create index jobs_tenant_type_status_created_idx
  on jobs (tenant_id, type, status, created_at desc, id desc);
-- Catalogue items of a parent (GET /v1/jobs/{id}/items) and counting them by status.
create index jobs_parent_idx on jobs (parent_id, status) where parent_id is not null;
-- The lease reaper looks only at running jobs whose lease may have lapsed.
create index jobs_running_lease_idx on jobs (lease_expires_at) where status = 'running';
-- The re-enqueue sweeper looks only at queued jobs (stuck or waiting for a retry).
create index jobs_queued_idx on jobs (coalesce(next_attempt_at, created_at)) where status = 'queued';
create trigger jobs_touch_updated_at before update on jobs
  for each row execute function rayform_touch_updated_at();

-- Append-only history of a job; the websocket replays it from a seq, webhooks deliver it.
create table job_events (
  job_id     text not null references jobs (id) on delete cascade,
  -- Per-job, gap-free, starting at 1 (see jobs.last_seq).
  seq        bigint not null check (seq >= 1),
  -- Denormalised from jobs so the event fan-out filters by tenant without a join.
  tenant_id  text not null references tenants (id) on delete cascade,
  -- job.queued, job.started, job.progress, job.artifact, job.retrying, job.succeeded,
  -- job.failed, job.canceled (schemas/job-event.schema.json); not a check, so new event
  -- types need no migration.
  type       text not null,
  -- Job status and progress as of this event.
  status     text not null
             check (status in ('queued', 'running', 'succeeded', 'failed', 'canceled')),
  progress   real not null default 0 check (progress >= 0 and progress <= 1),
  stage      text,
  message    text,
  data       jsonb not null default '{}'::jsonb,
  at         timestamptz not null default now(),
  primary key (job_id, seq)
);
create index job_events_tenant_at_idx on job_events (tenant_id, at);

create table artifacts (
  job_id       text not null references jobs (id) on delete cascade,
  -- File name as exposed by the API (mesh.glb, preview.png, metrics.json, model.params, ...).
  name         text not null check (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$'),
  tenant_id    text not null references tenants (id) on delete cascade,
  storage_key  text not null unique,
  size         bigint not null check (size >= 0),
  sha256       text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content_type text not null,
  created_at   timestamptz not null default now(),
  primary key (job_id, name)
);
create index artifacts_tenant_idx on artifacts (tenant_id);

create table models (
  id             text primary key,
  -- NULL for the platform's shared models that every tenant may use.
  tenant_id      text references tenants (id) on delete cascade,
  name           text not null,
  -- Network family: ray-onet, onet, uclid-net, ...
  arch           text not null,
  -- Training preset it was built with (cpu, paper, ...).
  preset         text,
  -- Object-store prefix holding model.params, config.json and metrics.json.
  storage_prefix text not null,
  metrics        jsonb not null default '{}'::jsonb,
  -- The train job that produced it; the model outlives the job.
  job_id         text references jobs (id) on delete set null,
  created_at     timestamptz not null default now()
);
create index models_tenant_created_idx on models (tenant_id, created_at desc, id desc);
create index models_tenant_name_idx on models (tenant_id, name);

create table datasets (
  id             text primary key,
  tenant_id      text not null references tenants (id) on delete cascade,
  name           text not null,
  storage_prefix text not null,
  -- Shapes, categories, views per shape and splits, as written by the dataset job.
  manifest       jsonb not null default '{}'::jsonb,
  job_id         text references jobs (id) on delete set null,
  created_at     timestamptz not null default now()
);
create index datasets_tenant_created_idx on datasets (tenant_id, created_at desc, id desc);

create table webhooks (
  id            text primary key,
  tenant_id     text not null references tenants (id) on delete cascade,
  url           text not null check (url ~* '^https?://'),
  -- Standard Webhooks signing secret ("whsec_" + base64). Kept readable because
  -- signing needs it (unlike API keys, it cannot be stored as a hash).
  secret        text not null,
  -- Event types delivered (job.succeeded, ...); '{*}' means all.
  events        text[] not null default '{job.succeeded,job.failed,job.canceled}',
  -- Set when the webhook came with POST /v1/jobs: it receives that job's events only.
  job_id        text references jobs (id) on delete cascade,
  enabled       boolean not null default true,
  -- Consecutive failed deliveries; reset by a success. Past a threshold the dispatcher
  -- disables the webhook (enabled = false, disabled_at = now()).
  failure_count integer not null default 0 check (failure_count >= 0),
  created_at    timestamptz not null default now(),
  disabled_at   timestamptz
);
create index webhooks_tenant_idx on webhooks (tenant_id) where enabled;
create index webhooks_job_idx on webhooks (job_id) where job_id is not null;

-- One row per delivery attempt, so every attempt is on record. The attempt that is due
-- next is a 'pending' row; a failed attempt inserts the next one with a backed-off
-- next_attempt_at, and a redelivery inserts a new pending attempt.
create table webhook_deliveries (
  id              text primary key,
  webhook_id      text not null references webhooks (id) on delete cascade,
  tenant_id       text not null references tenants (id) on delete cascade,
  -- The event delivered.
  job_id          text not null,
  seq             bigint not null,
  -- The webhook-id header: the same for every attempt of one event at one webhook,
  -- so receivers can deduplicate.
  message_id      text not null,
  attempt         integer not null check (attempt >= 1),
  status          text not null default 'pending'
                  check (status in ('pending', 'succeeded', 'failed')),
  response_code   integer,
  -- First KiB of the response body, for debugging.
  response_body   text,
  -- Connection or timeout error when there was no response.
  error           text,
  duration_ms     integer,
  next_attempt_at timestamptz,
  delivered_at    timestamptz,
  created_at      timestamptz not null default now(),
  constraint webhook_deliveries_event_fk
    foreign key (job_id, seq) references job_events (job_id, seq) on delete cascade,
  constraint webhook_deliveries_attempt_unique unique (webhook_id, job_id, seq, attempt),
  constraint webhook_deliveries_pending_has_time
    check (status <> 'pending' or next_attempt_at is not null)
);
create index webhook_deliveries_webhook_idx on webhook_deliveries (webhook_id, created_at desc, id desc);
-- The dispatcher polls due attempts only.
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending';

-- Transactional outbox: written in the same transaction as the job row (or a retry), so
-- no accepted job is lost when Kafka is down. The relay selects unpublished, available
-- rows in id order "for update skip locked", publishes them (idempotent producer,
-- acks=all) and sets published_at. A crash between publish and update republishes the
-- row: consumers dedupe by the job's state, not by the message.
create table outbox (
  id           bigserial primary key,
  topic        text not null,
  key          text,
  payload      jsonb not null,
  headers      jsonb not null default '{}'::jsonb,
  created_at   timestamptz not null default now(),
  -- Not published before this time: how a retry waits out its backoff.
  available_at timestamptz not null default now(),
  published_at timestamptz,
  -- Failed publish attempts, and the last failure, for operators.
  attempts     integer not null default 0 check (attempts >= 0),
  last_error   text
);
create index outbox_unpublished_idx on outbox (available_at, id) where published_at is null;
