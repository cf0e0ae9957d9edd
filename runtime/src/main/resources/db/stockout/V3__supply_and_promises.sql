-- Supply and promises: suppliers and their delivery history, purchase-order lines with their receipts, the business
-- calendar promises are counted on, re-promising of open backorders, allocation of arriving stock, and the outbox of
-- events queued for the merchant.

ALTER TABLE stockout_catalog
    ADD COLUMN working_days       text NOT NULL DEFAULT 'MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY'
        CHECK (working_days ~ '^(MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)(,(MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY))*$'),
    -- ISO dates, comma-separated
    ADD COLUMN holidays           text NOT NULL DEFAULT ''
        CHECK (holidays ~ '^(\d{4}-\d{2}-\d{2}(,\d{4}-\d{2}-\d{2})*)?$'),
    ADD COLUMN transit_days       integer NOT NULL DEFAULT 0 CHECK (transit_days BETWEEN 0 AND 365),
    ADD COLUMN split_shipments    boolean NOT NULL DEFAULT false,
    ADD COLUMN promise_percentile double precision NOT NULL DEFAULT 0.95
        CHECK (promise_percentile > 0 AND promise_percentile < 1),
    ADD COLUMN allocation_order   text NOT NULL DEFAULT 'ORDER_TIME'
        CHECK (allocation_order IN ('ORDER_TIME', 'PRIORITY', 'PROMISE_DATE'));

-- A supplier's outlook (delay allowance and confidence at the catalog's target percentile) is kept up to date from its
-- receipts, so that a promise reads it with the inbound line instead of recomputing it.
CREATE TABLE stockout_supplier (
    catalog_id          text NOT NULL REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    code                text NOT NULL,
    name                text,
    lead_time_days      integer CHECK (lead_time_days BETWEEN 0 AND 3650),
    delay_allowance_days integer,
    confidence          double precision,
    receipts            integer NOT NULL DEFAULT 0,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (catalog_id, code)
);

ALTER TABLE stockout_inbound
    ADD COLUMN received               integer NOT NULL DEFAULT 0 CHECK (received >= 0),
    ADD COLUMN status                 text NOT NULL DEFAULT 'OPEN'
        CHECK (status IN ('OPEN', 'RECEIVED', 'CLOSED', 'CANCELLED')),
    -- the first date the supplier gave: lateness is measured against it
    ADD COLUMN first_expected_date    date;
UPDATE stockout_inbound SET first_expected_date = expected_date;
ALTER TABLE stockout_inbound ALTER COLUMN first_expected_date SET NOT NULL;
DROP INDEX stockout_inbound_sku;
CREATE INDEX stockout_inbound_open ON stockout_inbound (catalog_id, sku, expected_date) WHERE status = 'OPEN';

-- Units that arrived. Each receipt is applied once, by its id; it carries what it was applied as, for redeliveries.
CREATE TABLE stockout_receipt (
    id                  bigserial PRIMARY KEY,
    catalog_id          text NOT NULL REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    receipt_id          text NOT NULL,
    request_hash        text NOT NULL,
    inbound_reference   text,
    sku                 text NOT NULL,
    location_code       text NOT NULL,
    quantity            integer NOT NULL CHECK (quantity > 0),
    received_at         timestamptz NOT NULL,
    supplier            text,
    -- days after the line's first expected date (negative when early); null without a purchase-order line
    delay_days          integer,
    outcome             jsonb,
    UNIQUE (catalog_id, receipt_id)
);
CREATE INDEX stockout_receipt_arrivals ON stockout_receipt (catalog_id, sku, location_code, received_at);
CREATE INDEX stockout_receipt_supplier ON stockout_receipt (catalog_id, supplier, received_at DESC)
    WHERE delay_days IS NOT NULL;

ALTER TABLE stockout_backorder
    ADD COLUMN priority             integer NOT NULL DEFAULT 0,
    ADD COLUMN allocated            integer NOT NULL DEFAULT 0 CHECK (allocated >= 0),
    ADD COLUMN first_promised_date  date,
    ADD COLUMN inbound_reference    text,
    ADD COLUMN arrival_date         date,
    ADD COLUMN supplier             text,
    -- set when the promise passed while the backorder was still open: it was broken, not flagged ahead
    ADD COLUMN past_due_since       date,
    ADD COLUMN allocated_at         timestamptz,
    ADD CHECK (allocated <= quantity);
UPDATE stockout_backorder SET first_promised_date = promised_date;
ALTER TABLE stockout_backorder ALTER COLUMN first_promised_date SET NOT NULL;
ALTER TABLE stockout_backorder ADD CONSTRAINT stockout_backorder_basis_check
    CHECK (promise_basis IN ('INBOUND', 'LEAD_TIME', 'UNKNOWN'));
DROP INDEX stockout_backorder_open;
CREATE INDEX stockout_backorder_open ON stockout_backorder (catalog_id, sku) INCLUDE (quantity, allocated)
    WHERE status = 'OPEN';
CREATE INDEX stockout_backorder_promised ON stockout_backorder (catalog_id, promised_date) WHERE status = 'OPEN';

-- Every promise that moved later: the old and new dates, and why.
CREATE TABLE stockout_promise_slip (
    id                  bigserial PRIMARY KEY,
    catalog_id          text NOT NULL,
    backorder_id        bigint NOT NULL REFERENCES stockout_backorder (id) ON DELETE CASCADE,
    previous_date       date NOT NULL,
    promised_date       date NOT NULL,
    promise_basis       text NOT NULL,
    inbound_reference   text,
    past_due            boolean NOT NULL,
    slipped_at          timestamptz NOT NULL
);
CREATE INDEX stockout_promise_slip_backorder ON stockout_promise_slip (backorder_id);

-- Which receipt served which backorder.
CREATE TABLE stockout_allocation (
    id                  bigserial PRIMARY KEY,
    catalog_id          text NOT NULL,
    receipt_id          bigint NOT NULL REFERENCES stockout_receipt (id) ON DELETE CASCADE,
    backorder_id        bigint NOT NULL REFERENCES stockout_backorder (id) ON DELETE CASCADE,
    location_code       text NOT NULL,
    quantity            integer NOT NULL CHECK (quantity > 0),
    allocated_at        timestamptz NOT NULL
);
CREATE INDEX stockout_allocation_backorder ON stockout_allocation (backorder_id);
CREATE INDEX stockout_allocation_receipt ON stockout_allocation (receipt_id);

-- SKUs whose open backorders must be promised again because their supply moved; drained by whoever gets there first.
CREATE TABLE stockout_repromise (
    catalog_id          text NOT NULL,
    sku                 text NOT NULL,
    queued_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (catalog_id, sku)
);

-- Events for the merchant, in the order they happened. Written in the transaction that caused them, so none is lost.
CREATE TABLE stockout_outbox (
    id                  bigserial PRIMARY KEY,
    catalog_id          text NOT NULL REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    type                text NOT NULL,
    subject             text,
    payload             jsonb NOT NULL,
    created_at          timestamptz NOT NULL
);
CREATE INDEX stockout_outbox_catalog ON stockout_outbox (catalog_id, id);
