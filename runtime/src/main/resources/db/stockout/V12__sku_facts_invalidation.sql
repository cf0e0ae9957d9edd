-- An availability check keeps, per requested SKU, what changes slowly: its inbound supply with the suppliers' outlooks,
-- its lead time, its promise horizon, its linked substitutes and its similar candidates ranked from the category's
-- price index. Every change of what those are read from notifies the channel stockout_cache with 'skus:' and the
-- catalog's id, whatever wrote it: each instance then drops the catalog's kept SKU facts (and nothing else, which a
-- bare catalog id would drop). Stock, holds and backorders are read at every request and notify nobody.

CREATE FUNCTION stockout_sku_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- the same payload twice in one transaction is sent once, so a bulk load notifies once per catalog
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM pg_notify('stockout_cache', 'skus:' || OLD.catalog_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM pg_notify('stockout_cache', 'skus:' || NEW.catalog_id);
    END IF;
    RETURN NULL;
END
$$;

-- rows inserted or deleted by one statement (a bulk load among them) notify once per catalog, not once per row
CREATE FUNCTION stockout_sku_facts_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('stockout_cache', 'skus:' || catalog_id) FROM (SELECT DISTINCT catalog_id FROM changed) c;
    RETURN NULL;
END
$$;

-- the columns that rank similar SKUs, choose whether they are looked for, and give the lead time; not the stock
-- watch's in_stock, nor the tolerance check's pause, which the check reads at every request
CREATE TRIGGER stockout_sku_facts_insert AFTER INSERT ON stockout_sku REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_sku_facts_rows_changed();
CREATE TRIGGER stockout_sku_facts_delete AFTER DELETE ON stockout_sku REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_sku_facts_rows_changed();
CREATE TRIGGER stockout_sku_facts_update AFTER UPDATE ON stockout_sku
    FOR EACH ROW WHEN ((OLD.catalog_id, OLD.sku, OLD.category, OLD.brand, OLD.size, OLD.price, OLD.policy,
                        OLD.forced_out_of_stock, OLD.supplier, OLD.lead_time_days)
                       IS DISTINCT FROM (NEW.catalog_id, NEW.sku, NEW.category, NEW.brand, NEW.size, NEW.price, NEW.policy,
                                         NEW.forced_out_of_stock, NEW.supplier, NEW.lead_time_days))
    EXECUTE FUNCTION stockout_sku_facts_changed();
CREATE TRIGGER stockout_sku_facts_truncate AFTER TRUNCATE ON stockout_sku
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_cache_truncated();

CREATE TRIGGER stockout_inbound_facts_insert AFTER INSERT ON stockout_inbound REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_sku_facts_rows_changed();
CREATE TRIGGER stockout_inbound_facts_delete AFTER DELETE ON stockout_inbound REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_sku_facts_rows_changed();
CREATE TRIGGER stockout_inbound_facts_update AFTER UPDATE ON stockout_inbound
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION stockout_sku_facts_changed();
CREATE TRIGGER stockout_inbound_facts_truncate AFTER TRUNCATE ON stockout_inbound
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_cache_truncated();

CREATE TRIGGER stockout_supplier_facts_insert AFTER INSERT ON stockout_supplier REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_sku_facts_rows_changed();
CREATE TRIGGER stockout_supplier_facts_delete AFTER DELETE ON stockout_supplier REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_sku_facts_rows_changed();
CREATE TRIGGER stockout_supplier_facts_update AFTER UPDATE ON stockout_supplier
    FOR EACH ROW WHEN ((OLD.catalog_id, OLD.code, OLD.lead_time_days, OLD.delay_allowance_days, OLD.confidence)
                       IS DISTINCT FROM (NEW.catalog_id, NEW.code, NEW.lead_time_days, NEW.delay_allowance_days,
                                         NEW.confidence))
    EXECUTE FUNCTION stockout_sku_facts_changed();
CREATE TRIGGER stockout_supplier_facts_truncate AFTER TRUNCATE ON stockout_supplier
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_cache_truncated();

CREATE TRIGGER stockout_substitute_facts_insert AFTER INSERT ON stockout_substitute REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_sku_facts_rows_changed();
CREATE TRIGGER stockout_substitute_facts_delete AFTER DELETE ON stockout_substitute REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_sku_facts_rows_changed();
CREATE TRIGGER stockout_substitute_facts_update AFTER UPDATE ON stockout_substitute
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION stockout_sku_facts_changed();
CREATE TRIGGER stockout_substitute_facts_truncate AFTER TRUNCATE ON stockout_substitute
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_cache_truncated();

CREATE TRIGGER stockout_tolerance_facts_insert AFTER INSERT ON stockout_tolerance REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_sku_facts_rows_changed();
CREATE TRIGGER stockout_tolerance_facts_delete AFTER DELETE ON stockout_tolerance REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_sku_facts_rows_changed();
CREATE TRIGGER stockout_tolerance_facts_update AFTER UPDATE ON stockout_tolerance
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION stockout_sku_facts_changed();
CREATE TRIGGER stockout_tolerance_facts_truncate AFTER TRUNCATE ON stockout_tolerance
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_cache_truncated();

-- whether a location ships decides which inbound lines can serve a backorder
CREATE TRIGGER stockout_location_facts_insert AFTER INSERT ON stockout_location REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_sku_facts_rows_changed();
CREATE TRIGGER stockout_location_facts_delete AFTER DELETE ON stockout_location REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_sku_facts_rows_changed();
CREATE TRIGGER stockout_location_facts_update AFTER UPDATE ON stockout_location
    FOR EACH ROW WHEN ((OLD.catalog_id, OLD.code, OLD.ships) IS DISTINCT FROM (NEW.catalog_id, NEW.code, NEW.ships))
    EXECUTE FUNCTION stockout_sku_facts_changed();
CREATE TRIGGER stockout_location_facts_truncate AFTER TRUNCATE ON stockout_location
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_cache_truncated();
