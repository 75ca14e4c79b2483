-- Webhooks as the dispatcher runs them (issue 5): secret rotation, why an endpoint was
-- disabled, the payload of each delivery, manual redeliveries, and events that are not a
-- job's (webhook.disabled), which have no (job_id, seq).

alter table webhooks
  -- After a rotation the old secret keeps signing (a second v1 signature) until it expires,
  -- so receivers can switch over without missing a delivery.
  add column previous_secret            text,
  add column previous_secret_expires_at timestamptz,
  add column disabled_reason            text,
  add column updated_at                 timestamptz not null default now();
create trigger webhooks_touch_updated_at before update on webhooks
  for each row execute function rayform_touch_updated_at();
create index webhooks_tenant_created_idx on webhooks (tenant_id, created_at desc, id desc);

alter table webhook_deliveries
  alter column job_id drop not null,
  alter column seq drop not null,
  add column event_type text,
  -- The JSON body of the event (every attempt sends the same content; each is signed anew).
  add column payload    jsonb,
  -- POST .../redeliver: one attempt, sent even to a disabled webhook, not retried.
  add column redelivery boolean not null default false,
  add constraint webhook_deliveries_job_event_or_none check ((job_id is null) = (seq is null));
-- Attempts of one message at one webhook (job events and the others alike).
create unique index webhook_deliveries_message_attempt_idx on webhook_deliveries (webhook_id, message_id, attempt);
