package io.stockout;

/**
 * What an API key may do on the catalogs it reaches. Each role includes the ones before it.
 */
public enum AccessRole {

    /** Reads settings, data, backorders, metrics, events and the audit trail. */
    READ,

    /** Also loads and changes data: SKUs, locations, stock, inbound supply, receipts, suppliers, substitutes, pins. */
    WRITE,

    /**
     * Also changes how Stockout acts and who may call it: catalog settings and toggle, rules, tolerances, webhook
     * secrets, event subscriptions and API keys.
     */
    ADMIN;

    /** Whether this role includes {@code needed}. */
    public boolean includes(AccessRole needed) {
        return compareTo(needed) >= 0;
    }
}
