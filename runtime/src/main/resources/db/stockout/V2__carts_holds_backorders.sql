-- Carts, the holds they place on units and backorder capacity, the backorders orders confirm, and the webhook events
-- already applied (for idempotency).

ALTER TABLE stockout_catalog
    ADD COLUMN hold_seconds bigint NOT NULL DEFAULT 900 CHECK (hold_seconds BETWEEN 1 AND 604800);

-- when the platform counted a level: an older level never overwrites a newer one
ALTER TABLE stockout_stock
    ADD COLUMN as_of timestamptz NOT NULL DEFAULT '-infinity';

CREATE TABLE stockout_cart (
    catalog_id          text NOT NULL REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    cart_id             text NOT NULL,
    version             bigint NOT NULL,
    state               text NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'ORDERED', 'CANCELLED')),
    order_id            text,
    plan                jsonb,
    -- what the validated version asked for, so that a version reused with other lines is refused
    request_hash        text,
    expires_at          timestamptz,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (catalog_id, cart_id)
);
CREATE UNIQUE INDEX stockout_cart_order ON stockout_cart (catalog_id, order_id) WHERE order_id IS NOT NULL;

-- A hold claims units at one location (SHIP, PICKUP) or backorder capacity of a SKU (BACKORDER, no location).
-- An open cart's hold expires; an order's hold (expires_at NULL) stays until the platform's next absolute stock level
-- for that SKU and location, which already counts the order, arrives.
CREATE TABLE stockout_hold (
    id                  bigserial PRIMARY KEY,
    catalog_id          text NOT NULL,
    cart_id             text NOT NULL,
    sku                 text NOT NULL,
    location_code       text,
    kind                text NOT NULL CHECK (kind IN ('SHIP', 'PICKUP', 'BACKORDER')),
    quantity            integer NOT NULL CHECK (quantity > 0),
    expires_at          timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    confirmed_at        timestamptz,
    FOREIGN KEY (catalog_id, cart_id) REFERENCES stockout_cart (catalog_id, cart_id) ON DELETE CASCADE,
    CHECK ((kind = 'BACKORDER') = (location_code IS NULL))
);
CREATE INDEX stockout_hold_units ON stockout_hold (catalog_id, sku, location_code) INCLUDE (quantity, expires_at);
CREATE INDEX stockout_hold_cart ON stockout_hold (catalog_id, cart_id);
CREATE INDEX stockout_hold_expiry ON stockout_hold (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE stockout_backorder (
    id                  bigserial PRIMARY KEY,
    catalog_id          text NOT NULL,
    order_id            text NOT NULL,
    sku                 text NOT NULL,
    quantity            integer NOT NULL CHECK (quantity > 0),
    status              text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ALLOCATED', 'FULFILLED', 'CANCELLED')),
    promised_date       date NOT NULL,
    promise_basis       text NOT NULL,
    confidence          double precision NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (catalog_id, sku) REFERENCES stockout_sku (catalog_id, sku) ON DELETE CASCADE
);
CREATE INDEX stockout_backorder_open ON stockout_backorder (catalog_id, sku) INCLUDE (quantity) WHERE status = 'OPEN';
CREATE INDEX stockout_backorder_order ON stockout_backorder (catalog_id, order_id);

CREATE TABLE stockout_event (
    catalog_id          text NOT NULL,
    event_id            text NOT NULL,
    kind                text NOT NULL,
    -- what the event said, so that an event id reused for another event is refused
    request_hash        text NOT NULL,
    received_at         timestamptz NOT NULL DEFAULT now(),
    response            jsonb,
    PRIMARY KEY (catalog_id, event_id)
);
