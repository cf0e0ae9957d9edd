-- Where each catalog's round of stock reconciliation stands: SKUs are read from the platform in SKU order, a batch a
-- run, so that every SKU is checked in turn, not only those Stockout knows to be waiting.
CREATE TABLE stockout_reconciliation (
    catalog_id          text PRIMARY KEY REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    last_sku            text NOT NULL DEFAULT '',
    updated_at          timestamptz NOT NULL DEFAULT now()
);

-- The signed cart webhooks already taken, by their webhook id: the cart id is in the path, which the signature does not
-- cover, so an id is bound to the cart it was first sent for and refused for any other. Kept as long as a replay would
-- still be inside the replay window.
CREATE TABLE stockout_webhook_id (
    catalog_id          text NOT NULL REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    webhook_id          text NOT NULL,
    target_hash         text NOT NULL,
    received_at         timestamptz NOT NULL,
    PRIMARY KEY (catalog_id, webhook_id)
);
CREATE INDEX stockout_webhook_id_received ON stockout_webhook_id (received_at);
