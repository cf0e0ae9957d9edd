package io.stockout;

/**
 * What a location is; whether it ships or hands over units is set separately.
 */
public enum LocationKind {
    WAREHOUSE, STORE
}
