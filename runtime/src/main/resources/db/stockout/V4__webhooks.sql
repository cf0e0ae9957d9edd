-- Webhook security and platform adapters: the secrets that sign a catalog's webhooks, the platform ids that Stockout
-- maps to its own SKUs and locations, and the platform deliveries already applied.

-- At most two secrets per catalog and source: the current one, and during a rotation the previous one until it expires.
CREATE TABLE stockout_webhook_secret (
    catalog_id          text NOT NULL REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    source              text NOT NULL CHECK (source IN ('STOCKOUT', 'SHOPIFY', 'COMMERCETOOLS', 'SALEOR')),
    current             boolean NOT NULL,
    secret              text NOT NULL,
    created_at          timestamptz NOT NULL,
    -- only the previous secret expires; the current one lives until the next rotation
    expires_at          timestamptz,
    PRIMARY KEY (catalog_id, source, current),
    CHECK (current = (expires_at IS NULL))
);

-- A platform's id of an inventory item or a location, and the Stockout SKU or location code it stands for.
CREATE TABLE stockout_platform_ref (
    catalog_id          text NOT NULL REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    source              text NOT NULL CHECK (source IN ('SHOPIFY', 'COMMERCETOOLS', 'SALEOR')),
    kind                text NOT NULL CHECK (kind IN ('ITEM', 'LOCATION')),
    platform_id         text NOT NULL,
    code                text NOT NULL,
    -- when the platform last changed the mapping: an older event never overwrites a newer one
    as_of               timestamptz NOT NULL,
    PRIMARY KEY (catalog_id, source, kind, platform_id)
);

-- Platform deliveries applied, by the platform's event id, with the first answer: a redelivery gets it back.
CREATE TABLE stockout_webhook_delivery (
    catalog_id          text NOT NULL REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    source              text NOT NULL,
    event_id            text NOT NULL,
    topic               text NOT NULL,
    request_hash        text NOT NULL,
    received_at         timestamptz NOT NULL,
    response            jsonb NOT NULL,
    PRIMARY KEY (catalog_id, source, event_id)
);
CREATE INDEX stockout_webhook_delivery_received ON stockout_webhook_delivery (received_at);
