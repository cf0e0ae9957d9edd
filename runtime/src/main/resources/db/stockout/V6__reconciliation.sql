-- Where each catalog's round of stock reconciliation stands: SKUs are read from the platform in SKU order, a batch a
-- run, so that every SKU is checked in turn, not only those Stockout knows to be waiting.
CREATE TABLE stockout_reconciliation (
    catalog_id          text PRIMARY KEY REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    last_sku            text NOT NULL DEFAULT '',
    updated_at          timestamptz NOT NULL DEFAULT now()
);
