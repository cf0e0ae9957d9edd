-- The stock watch looks only at SKUs whose free units may have moved since it last looked at them. Every write to
-- stock levels or holds marks its SKUs here, from statement triggers, whatever wrote it; a hold that lapses, which
-- nothing writes, is found by the watch itself from its expiry. Each mark carries a token that every new write of the
-- SKU renews: the watch removes a mark only with the token it read, in the statement that reads the SKU's free units,
-- so a write that the statement could not see leaves its mark for the next pass.

CREATE SEQUENCE stockout_stock_move_token;

CREATE TABLE stockout_stock_move (
    catalog_id          text NOT NULL,
    sku                 text NOT NULL,
    token               bigint NOT NULL,
    PRIMARY KEY (catalog_id, sku)
);

-- where each catalog's watch stands: a catalog without a row is looked at in full once, then by its marks
CREATE TABLE stockout_stock_watch (
    catalog_id          text PRIMARY KEY REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    -- holds that lapse up to this instant were weighed
    looked_until        timestamptz NOT NULL
);

CREATE FUNCTION stockout_stock_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- in key order, so that two writers of the same SKUs take their marks' row locks in the same order; a catalog
    -- being deleted leaves no marks behind
    INSERT INTO stockout_stock_move (catalog_id, sku, token)
    SELECT m.catalog_id, m.sku, nextval('stockout_stock_move_token')
      FROM (SELECT DISTINCT c.catalog_id, c.sku FROM changed c) m
     WHERE EXISTS (SELECT 1 FROM stockout_catalog cat WHERE cat.id = m.catalog_id)
     ORDER BY m.catalog_id, m.sku
    ON CONFLICT (catalog_id, sku) DO UPDATE SET token = excluded.token;
    RETURN NULL;
END
$$;

CREATE TRIGGER stockout_stock_moved_insert AFTER INSERT ON stockout_stock REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_stock_moved();
CREATE TRIGGER stockout_stock_moved_update AFTER UPDATE ON stockout_stock REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_stock_moved();
CREATE TRIGGER stockout_stock_moved_delete AFTER DELETE ON stockout_stock REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_stock_moved();

CREATE TRIGGER stockout_hold_moved_insert AFTER INSERT ON stockout_hold REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_stock_moved();
CREATE TRIGGER stockout_hold_moved_update AFTER UPDATE ON stockout_hold REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_stock_moved();
CREATE TRIGGER stockout_hold_moved_delete AFTER DELETE ON stockout_hold REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_stock_moved();

-- a location that starts or stops shipping moves what every SKU it holds can ship
CREATE FUNCTION stockout_location_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stockout_stock_move (catalog_id, sku, token)
    SELECT st.catalog_id, st.sku, nextval('stockout_stock_move_token')
      FROM stockout_stock st
     WHERE st.catalog_id = NEW.catalog_id AND st.location_code = NEW.code
     ORDER BY st.catalog_id, st.sku
    ON CONFLICT (catalog_id, sku) DO UPDATE SET token = excluded.token;
    RETURN NULL;
END
$$;

CREATE TRIGGER stockout_location_moved AFTER UPDATE ON stockout_location
    FOR EACH ROW WHEN (OLD.ships IS DISTINCT FROM NEW.ships) EXECUTE FUNCTION stockout_location_moved();
