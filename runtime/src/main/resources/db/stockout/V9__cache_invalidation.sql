-- Each instance keeps catalog settings and webhook secrets in memory and listens on the channel stockout_cache. Every
-- change to them notifies the channel with the catalog's id from a trigger, whatever wrote it (Stockout, an
-- administrator's SQL, a migration): the notification is part of the writing transaction, so it is delivered when
-- that transaction commits and never when it rolls back. A truncation notifies '*', which drops every catalog.

CREATE FUNCTION stockout_cache_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- the argument names the column that holds the catalog id; the same payload twice in one transaction is sent once
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM pg_notify('stockout_cache', to_jsonb(OLD) ->> TG_ARGV[0]);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM pg_notify('stockout_cache', to_jsonb(NEW) ->> TG_ARGV[0]);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION stockout_cache_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('stockout_cache', '*');
    RETURN NULL;
END
$$;

CREATE TRIGGER stockout_catalog_cache AFTER INSERT OR DELETE ON stockout_catalog
    FOR EACH ROW EXECUTE FUNCTION stockout_cache_changed('id');
-- an update that changes nothing (the tolerance check rewriting a pause as it was) notifies nobody
CREATE TRIGGER stockout_catalog_cache_update AFTER UPDATE ON stockout_catalog
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION stockout_cache_changed('id');
CREATE TRIGGER stockout_catalog_cache_truncate AFTER TRUNCATE ON stockout_catalog
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_cache_truncated();

CREATE TRIGGER stockout_webhook_secret_cache AFTER INSERT OR UPDATE OR DELETE ON stockout_webhook_secret
    FOR EACH ROW EXECUTE FUNCTION stockout_cache_changed('catalog_id');
CREATE TRIGGER stockout_webhook_secret_cache_truncate AFTER TRUNCATE ON stockout_webhook_secret
    FOR EACH STATEMENT EXECUTE FUNCTION stockout_cache_truncated();
