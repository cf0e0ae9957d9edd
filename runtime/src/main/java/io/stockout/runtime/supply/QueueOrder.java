package io.stockout.runtime.supply;

import io.stockout.AllocationOrder;

/**
 * The SQL order of a SKU's open backorders: the order arriving stock serves them in, and the order they queue on its
 * supply when promised. Both must agree, or a promise would count on units that go to someone else.
 */
final class QueueOrder {

    private QueueOrder() {
    }

    /** An {@code ORDER BY} list over a {@code stockout_backorder} row under the given alias. */
    static String of(AllocationOrder order, String backorder) {
        return switch (order) {
            case ORDER_TIME -> "%1$s.created_at, %1$s.id".formatted(backorder);
            case PRIORITY -> "%1$s.priority DESC, %1$s.created_at, %1$s.id".formatted(backorder);
            case PROMISE_DATE -> "%1$s.promised_date, %1$s.created_at, %1$s.id".formatted(backorder);
        };
    }
}
