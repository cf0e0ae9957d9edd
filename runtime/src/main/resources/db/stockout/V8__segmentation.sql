-- Segmentation: each SKU's out-of-stock policy is chosen by its catalog's ordered rules over the SKU's life cycle,
-- supply and economics, or pinned by the merchant. The policy column stays the one the decision reads; beside it, what
-- chose it and why.

ALTER TABLE stockout_sku
    ADD COLUMN life_cycle_stage    text
        CHECK (life_cycle_stage IN ('INTRODUCTION', 'GROWTH', 'MATURITY', 'DECLINE', 'END_OF_LIFE')),
    ADD COLUMN make_to_order       boolean NOT NULL DEFAULT false,
    -- a fraction of the price: 0.35 keeps 35 %
    ADD COLUMN margin              double precision CHECK (margin BETWEEN -1 AND 1),
    -- a year's cost of keeping one unit in stock, as a fraction of its value
    ADD COLUMN holding_cost        double precision CHECK (holding_cost BETWEEN 0 AND 10),
    -- the merchant's choice, which no rule overrides; null lets the rules decide
    ADD COLUMN pinned_policy       text
        CHECK (pinned_policy IN ('BACKORDER', 'SUBSTITUTE', 'BACKORDER_OR_SUBSTITUTE', 'PICKUP_ONLY', 'NONE')),
    ADD COLUMN policy_source       text CHECK (policy_source IN ('PIN', 'RULE', 'DEFAULT_RULE', 'NO_RULE')),
    ADD COLUMN policy_rule         text,
    ADD COLUMN policy_reason       text;

-- Policies loaded before segmentation existed were the merchant's word: they stay, as pins.
UPDATE stockout_sku SET pinned_policy = policy, policy_source = 'PIN',
       policy_reason = 'Pinned to ' || policy || ' (loaded before segmentation rules existed)';

-- re-segmenting the SKUs of a supplier whose history moved
CREATE INDEX stockout_sku_supplier ON stockout_sku (catalog_id, supplier) WHERE supplier IS NOT NULL;

-- Measured deliveries that arrived on or before their line's first expected date, beside the count of all measured ones.
ALTER TABLE stockout_supplier
    ADD COLUMN on_time_receipts    integer NOT NULL DEFAULT 0 CHECK (on_time_receipts >= 0);
UPDATE stockout_supplier sup SET on_time_receipts = (
    SELECT count(*) FROM stockout_receipt r
     WHERE r.catalog_id = sup.catalog_id AND r.supplier = sup.code AND r.delay_days <= 0);

-- A catalog's own rules, first match wins. A catalog without rows here uses the rules shipped with the extension.
CREATE TABLE stockout_segment_rule (
    catalog_id          text NOT NULL REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    position            integer NOT NULL CHECK (position >= 1),
    name                text NOT NULL,
    -- comma-separated life-cycle stages; null: any stage
    stages              text
        CHECK (stages ~ '^(INTRODUCTION|GROWTH|MATURITY|DECLINE|END_OF_LIFE)(,(INTRODUCTION|GROWTH|MATURITY|DECLINE|END_OF_LIFE))*$'),
    on_time_at_least    double precision CHECK (on_time_at_least BETWEEN 0 AND 1),
    on_time_at_most     double precision CHECK (on_time_at_most BETWEEN 0 AND 1),
    lead_time_at_least  integer CHECK (lead_time_at_least BETWEEN 0 AND 3650),
    lead_time_at_most   integer CHECK (lead_time_at_most BETWEEN 0 AND 3650),
    make_to_order       boolean,
    margin_at_least     double precision CHECK (margin_at_least BETWEEN -1 AND 1),
    margin_at_most      double precision CHECK (margin_at_most BETWEEN -1 AND 1),
    holding_cost_at_least double precision CHECK (holding_cost_at_least BETWEEN 0 AND 10),
    holding_cost_at_most  double precision CHECK (holding_cost_at_most BETWEEN 0 AND 10),
    unknown_supplier    boolean,
    action              text NOT NULL
        CHECK (action IN ('BACKORDER', 'SUBSTITUTE', 'BACKORDER_OR_SUBSTITUTE', 'PICKUP_ONLY', 'NONE')),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (catalog_id, position),
    UNIQUE (catalog_id, name)
);

-- Suppliers whose on-time history or lead time moved, so that their SKUs are segmented again. Written by receipts and
-- supplier loads in their own transaction (plain inserts, which never wait on anyone), drained right after they commit,
-- and by the periodic sweep should that fail.
CREATE TABLE stockout_segment_due (
    id                  bigserial PRIMARY KEY,
    catalog_id          text NOT NULL REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    supplier            text NOT NULL,
    queued_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stockout_segment_due_catalog ON stockout_segment_due (catalog_id, id);

-- Rule changes are administrative changes: in the audit trail like the rest (see V7).
CREATE TRIGGER stockout_audit AFTER INSERT OR UPDATE OR DELETE ON stockout_segment_rule
    FOR EACH ROW EXECUTE FUNCTION stockout_audit_row('segmentation-rule', 'name', 'catalog_id,updated_at', '');
