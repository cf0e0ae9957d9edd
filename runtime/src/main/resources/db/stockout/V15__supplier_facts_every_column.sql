-- The availability check keeps what it reads of a SKU's suppliers (see V12). It reads more of a supplier row than V12's
-- trigger watched (the lateness allowances and the history against new dates of V14): any change of a supplier row now
-- drops the kept facts of its catalog, so that a column read later is never missed. Supplier rows change on loads and
-- receipts, which change inbound lines and drop the same facts anyway.
DROP TRIGGER stockout_supplier_facts_update ON stockout_supplier;
CREATE TRIGGER stockout_supplier_facts_update AFTER UPDATE ON stockout_supplier
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION stockout_sku_facts_changed();
