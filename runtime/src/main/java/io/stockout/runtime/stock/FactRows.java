package io.stockout.runtime.stock;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stockout.OfferKind;
import io.stockout.runtime.decision.CatalogFacts;
import io.stockout.runtime.decision.StoreFacts;
import io.stockout.runtime.pickup.OpeningHours;
import io.stockout.runtime.promise.InboundLot;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Reads the facts that several statements return in the same columns.
 */
@ApplicationScoped
public class FactRows {

    private static final Logger LOG = Logger.getLogger(FactRows.class);
    private static final TypeReference<Map<String, String>> HOURS = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    public FactRows(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * A catalog from the columns {@code active}, {@code catalog_forced}, {@code offer_kinds}, {@code time_zone} and
     * {@code handling_days}.
     */
    public static CatalogFacts catalog(String id, Row row) {
        return new CatalogFacts(id, row.getBoolean("active"), row.getBoolean("catalog_forced"),
                OfferKind.parseList(row.getString("offer_kinds")),
                ZoneId.of(row.getString("time_zone")), row.getInteger("handling_days"));
    }

    /** Inbound lots from the columns {@code inbound_refs}, {@code inbound_dates} and {@code inbound_quantities}. */
    public static List<InboundLot> inbound(Row row) {
        String[] refs = row.getArrayOfStrings("inbound_refs");
        if (refs == null) {
            return List.of();
        }
        LocalDate[] dates = row.getArrayOfLocalDates("inbound_dates");
        Integer[] quantities = row.getArrayOfIntegers("inbound_quantities");
        List<InboundLot> lots = new ArrayList<>(refs.length);
        for (int i = 0; i < refs.length; i++) {
            lots.add(new InboundLot(refs[i], dates[i], quantities[i]));
        }
        return lots;
    }

    /**
     * A pickup store from the columns {@code code}, {@code name}, {@code time_zone}, {@code opening_hours},
     * {@code pickup_lead_seconds}, {@code skus} and {@code units}, at the given distance.
     */
    public StoreFacts store(Row row, double distanceKm) {
        String[] skus = row.getArrayOfStrings("skus");
        Integer[] units = row.getArrayOfIntegers("units");
        Map<String, Integer> held = new HashMap<>();
        for (int i = 0; skus != null && i < skus.length; i++) {
            if (skus[i] != null) {
                held.put(skus[i], units[i]);
            }
        }
        return new StoreFacts(row.getString("code"), row.getString("name"), distanceKm,
                ZoneId.of(row.getString("time_zone")), openingHours(row.getString("opening_hours")),
                Duration.ofSeconds(row.getLong("pickup_lead_seconds")), held);
    }

    private OpeningHours openingHours(String json) {
        if (json == null) {
            return OpeningHours.UNKNOWN;
        }
        try {
            return OpeningHours.parse(mapper.readValue(json, HOURS));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // loading validated them; a row edited by hand into nonsense must not break every answer
            LOG.warnf("Ignoring unreadable opening hours %s", json);
            return OpeningHours.UNKNOWN;
        }
    }
}
