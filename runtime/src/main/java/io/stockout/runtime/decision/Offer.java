package io.stockout.runtime.decision;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.stockout.OfferKind;
import io.stockout.runtime.promise.Promise;

/**
 * What a shopper may choose for one line.
 */
@JsonPropertyOrder({"kind", "quantity"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface Offer {

    @JsonProperty("kind")
    OfferKind kind();

    /** Units this offer covers. */
    int quantity();

    /** Units shipped now from the shipping locations. */
    record ShipNow(int quantity) implements Offer {

        @Override
        public OfferKind kind() {
            return OfferKind.SHIP_NOW;
        }
    }

    /** Units shipped later, on the promised date. */
    record Backorder(int quantity, Promise promise) implements Offer {

        @Override
        public OfferKind kind() {
            return OfferKind.BACKORDER;
        }
    }

    /**
     * Units handed over at a store.
     *
     * @param available units the store can hand over, which may be fewer than the line asks for
     * @param readyBy the earliest time the units can be collected, in the store's time zone
     */
    record Pickup(int quantity, String location, String name, double distanceKm, int available, OffsetDateTime readyBy)
            implements
                Offer {

        @Override
        public OfferKind kind() {
            return OfferKind.PICKUP;
        }
    }

    /**
     * Another SKU, shipped now.
     *
     * @param available units of the substitute that ship now
     */
    record Substitute(int quantity, String sku, String name, SubstituteMatch match, int rank, int available,
            BigDecimal price) implements Offer {

        @Override
        public OfferKind kind() {
            return OfferKind.SUBSTITUTE;
        }
    }
}
