-- Backorder metrics and their daily snapshots, tolerances that pause backorders, stock transitions announced to the
-- merchant, and delivery of the outbox to the merchant's URLs.

-- Pauses set by tolerances, read by the availability and cart statements with the rest of the facts.
ALTER TABLE stockout_catalog
    ADD COLUMN backorders_paused boolean NOT NULL DEFAULT false;
ALTER TABLE stockout_sku
    ADD COLUMN backorders_paused boolean NOT NULL DEFAULT false,
    -- whether units could ship now when the stock watch last looked; null until it first looks (nothing announced)
    ADD COLUMN in_stock boolean;

-- A tolerance is measured on the catalog's totals (scope CATALOG) or on each SKU's own figures (scope SKU). A SKU-scope
-- row with an empty sku is the default of every SKU; a row naming a SKU replaces that default for it.
CREATE TABLE stockout_tolerance (
    catalog_id          text NOT NULL REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    scope               text NOT NULL CHECK (scope IN ('CATALOG', 'SKU')),
    sku                 text NOT NULL DEFAULT '',
    metric              text NOT NULL
                        CHECK (metric IN ('MAX_PAST_DUE_RATIO', 'MAX_GROWTH', 'MIN_PROMISE_ACCURACY',
                                          'MAX_PROMISE_DAYS', 'MAX_OPEN_UNITS')),
    limit_value         double precision NOT NULL,
    -- where a breached tolerance counts as recovered: nearer the safe side than the limit, so that it does not flap
    recover_value       double precision NOT NULL,
    action              text NOT NULL CHECK (action IN ('ALERT', 'PAUSE_BACKORDERS')),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (catalog_id, scope, sku, metric),
    CHECK (scope = 'SKU' OR sku = '')
);

-- Tolerances breached now: one row per catalog or SKU and metric, from breach until recovery.
CREATE TABLE stockout_breach (
    catalog_id          text NOT NULL REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    scope               text NOT NULL,
    sku                 text NOT NULL DEFAULT '',
    metric              text NOT NULL,
    action              text NOT NULL,
    value               double precision NOT NULL,
    limit_value         double precision NOT NULL,
    since               timestamptz NOT NULL,
    PRIMARY KEY (catalog_id, scope, sku, metric)
);

-- Every breach and recovery, with the figure that caused it; pauses and resumes are the rows of PAUSE_BACKORDERS.
CREATE TABLE stockout_breach_log (
    id                  bigserial PRIMARY KEY,
    catalog_id          text NOT NULL REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    scope               text NOT NULL,
    sku                 text NOT NULL DEFAULT '',
    metric              text NOT NULL,
    action              text NOT NULL,
    change              text NOT NULL CHECK (change IN ('BREACHED', 'RECOVERED')),
    value               double precision NOT NULL,
    limit_value         double precision NOT NULL,
    recover_value       double precision NOT NULL,
    at                  timestamptz NOT NULL
);
CREATE INDEX stockout_breach_log_catalog ON stockout_breach_log (catalog_id, id);

-- Counts kept in memory by each instance and added here in batches: offers shown and chosen, holds created and expired.
-- The day is the catalog's day when the batch was added.
CREATE TABLE stockout_daily_count (
    catalog_id          text NOT NULL REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    day                 date NOT NULL,
    counter             text NOT NULL,
    sku                 text NOT NULL DEFAULT '',
    value               bigint NOT NULL,
    PRIMARY KEY (catalog_id, day, counter, sku)
);

-- The open and past-due backorders of each day (the last figure of the day wins), per catalog (empty sku) and per SKU.
CREATE TABLE stockout_snapshot (
    catalog_id          text NOT NULL REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    sku                 text NOT NULL DEFAULT '',
    day                 date NOT NULL,
    open_count          integer NOT NULL,
    open_units          integer NOT NULL,
    past_due_count      integer NOT NULL,
    past_due_units      integer NOT NULL,
    taken_at            timestamptz NOT NULL,
    PRIMARY KEY (catalog_id, sku, day)
);

-- Events already in the outbox before delivery existed are not sent anywhere; new ones wait to be fanned out.
ALTER TABLE stockout_outbox
    ADD COLUMN fanned_out boolean NOT NULL DEFAULT true;
ALTER TABLE stockout_outbox
    ALTER COLUMN fanned_out SET DEFAULT false;
CREATE INDEX stockout_outbox_pending ON stockout_outbox (id) WHERE NOT fanned_out;

-- The merchant's receivers: each gets the catalog's events of the listed types (all types when empty), signed with its
-- secret.
CREATE TABLE stockout_subscription (
    catalog_id          text NOT NULL REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    name                text NOT NULL,
    url                 text NOT NULL,
    secret              text NOT NULL,
    event_types         text NOT NULL DEFAULT '',
    created_at          timestamptz NOT NULL,
    PRIMARY KEY (catalog_id, name)
);

-- One row per event and receiver. A sender leases a row by moving its next attempt ahead before it sends, so a row is
-- sent by one instance at a time, and sent again after the lease if that instance stopped.
CREATE TABLE stockout_delivery (
    id                  bigserial PRIMARY KEY,
    catalog_id          text NOT NULL,
    subscription        text NOT NULL,
    outbox_id           bigint NOT NULL REFERENCES stockout_outbox (id) ON DELETE CASCADE,
    status              text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts            integer NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz NOT NULL,
    last_attempt_at     timestamptz,
    last_status         integer,
    last_error          text,
    delivered_at        timestamptz,
    UNIQUE (catalog_id, subscription, outbox_id),
    FOREIGN KEY (catalog_id, subscription) REFERENCES stockout_subscription (catalog_id, name) ON DELETE CASCADE
);
CREATE INDEX stockout_delivery_due ON stockout_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX stockout_delivery_catalog ON stockout_delivery (catalog_id, subscription, id);

-- slips counted over recent windows
CREATE INDEX stockout_promise_slip_catalog ON stockout_promise_slip (catalog_id, slipped_at);
