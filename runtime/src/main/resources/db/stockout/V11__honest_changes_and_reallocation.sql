-- Tolerance changes beyond breach and recovery, units set aside for a backorder that can go to the next one in the
-- queue, orders that remember how they were placed, and stock transitions announced only in pairs.

-- A breached tolerance whose action changes pauses (PAUSED) or resumes (RESUMED) backorders while it stays breached;
-- one removed while breached ends its breach (REMOVED) without having recovered.
ALTER TABLE stockout_breach_log DROP CONSTRAINT stockout_breach_log_change_check;
ALTER TABLE stockout_breach_log ADD CONSTRAINT stockout_breach_log_change_check
    CHECK (change IN ('BREACHED', 'RECOVERED', 'PAUSED', 'RESUMED', 'REMOVED'));

-- A hold that keeps units of a receipt for the backorder they were allocated to: when the order lets them go, they are
-- allocated to the next backorders in the queue before anyone else may buy them.
ALTER TABLE stockout_hold
    ADD COLUMN backorder_id bigint,
    ADD COLUMN receipt_id   bigint;
-- holds written by receipts before: same order, location, quantity and time as their allocation
UPDATE stockout_hold h SET backorder_id = a.backorder_id, receipt_id = a.receipt_id
  FROM stockout_allocation a
  JOIN stockout_backorder b ON b.id = a.backorder_id
  JOIN stockout_cart c ON c.catalog_id = b.catalog_id AND c.order_id = b.order_id
 WHERE h.catalog_id = b.catalog_id AND h.cart_id = c.cart_id AND h.sku = b.sku AND h.kind = 'SHIP'
   AND h.location_code = a.location_code AND h.quantity = a.quantity AND h.created_at = a.allocated_at
   AND h.expires_at IS NULL;

-- An allocation of units another backorder let go: the backorder they were taken from.
ALTER TABLE stockout_allocation
    ADD COLUMN reallocated_from bigint;

-- The priority an order was placed with, so that a PLACED event sent again with another one is refused.
ALTER TABLE stockout_cart
    ADD COLUMN placed_priority integer;

-- A SKU is announced back in stock only after it was announced out of stock: a first look that found nothing to ship
-- now leaves the SKU unwatched (null) until it has units, instead of counting as a transition already announced.
UPDATE stockout_sku s SET in_stock = NULL
 WHERE s.in_stock = false AND NOT EXISTS (
    SELECT 1 FROM stockout_outbox o
     WHERE o.catalog_id = s.catalog_id AND o.type = 'stock.out' AND o.subject = 'sku/' || s.sku);
