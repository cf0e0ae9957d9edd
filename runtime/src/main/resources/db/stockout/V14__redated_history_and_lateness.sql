-- A supplier's history is read twice: against the first date of each purchase-order line (as before), and, for the
-- lines the supplier gave a new date, against that last date. A line re-dated by its supplier is promised from the
-- second history once it has enough deliveries, instead of adding the whole first-date allowance on top of the new date.
ALTER TABLE stockout_receipt
    -- working days the receipt came after the first working day on or after the line's last expected date, for lines
    -- whose supplier gave a new date; null otherwise
    ADD COLUMN redated_delay_days integer;

-- Each outlook also keeps, for a line not in yet some working days after its date, the allowance its history gives
-- deliveries at least that late: element k (from 1) is the allowance of a line not in k working days after its date.
ALTER TABLE stockout_supplier
    ADD COLUMN lateness_allowances          integer[],
    ADD COLUMN redated_receipts             integer NOT NULL DEFAULT 0 CHECK (redated_receipts >= 0),
    ADD COLUMN redated_allowance_days       integer,
    ADD COLUMN redated_confidence           double precision,
    ADD COLUMN redated_lateness_allowances  integer[];

-- the new columns are derived from receipts, like the outlook: the audit trail leaves them out
DROP TRIGGER stockout_audit ON stockout_supplier;
CREATE TRIGGER stockout_audit AFTER INSERT OR UPDATE OR DELETE ON stockout_supplier
    FOR EACH ROW EXECUTE FUNCTION stockout_audit_row('supplier', 'code',
        'catalog_id,updated_at,delay_allowance_days,confidence,receipts,on_time_receipts,lateness_allowances,'
        'redated_receipts,redated_allowance_days,redated_confidence,redated_lateness_allowances', '');
