package io.stockout.runtime.stock;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stockout.OfferKind;
import io.stockout.runtime.decision.CatalogFacts;
import io.stockout.runtime.decision.StoreFacts;
import io.stockout.runtime.pickup.OpeningHours;
import io.stockout.runtime.promise.BusinessCalendar;
import io.stockout.runtime.promise.InboundLot;
import io.stockout.runtime.promise.LeadTime;
import io.stockout.runtime.promise.PromiseTerms;
import io.stockout.runtime.promise.SupplierOutlook;
import io.stockout.runtime.promise.Supply;
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
     * The catalog columns {@link #catalog(String, Row)} reads, from the catalog table under the given alias (with the
     * trailing dot, or empty).
     */
    public static String catalogColumns(String alias) {
        return """
                %1$sactive, %1$sforced_out_of_stock AS catalog_forced, %1$soffer_kinds, %1$stime_zone, %1$shandling_days,
                %1$sworking_days, %1$sholidays, %1$stransit_days, %1$ssplit_shipments, %1$spromise_percentile,
                %1$sbackorders_paused AS catalog_paused"""
                .formatted(alias);
    }

    /** A catalog from the columns of {@link #catalogColumns(String)}. */
    public static CatalogFacts catalog(String id, Row row) {
        return new CatalogFacts(id, row.getBoolean("active"), row.getBoolean("catalog_forced"),
                OfferKind.parseList(row.getString("offer_kinds")), ZoneId.of(row.getString("time_zone")), terms(row),
                row.getBoolean("catalog_paused"));
    }

    /** A catalog's promise terms from the columns of {@link #catalogColumns(String)}. */
    public static PromiseTerms terms(Row row) {
        return new PromiseTerms(calendar(row.getString("working_days"), row.getString("holidays")),
                row.getInteger("handling_days"), row.getInteger("transit_days"), row.getBoolean("split_shipments"),
                row.getDouble("promise_percentile"));
    }

    /** A business calendar as the catalog table stores it: day names and ISO dates, comma-separated. */
    public static BusinessCalendar calendar(String workingDays, String holidays) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : workingDays.split(",")) {
            days.add(DayOfWeek.valueOf(day));
        }
        Set<LocalDate> dates = new HashSet<>();
        for (String date : holidays.split(",")) {
            if (!date.isEmpty()) {
                dates.add(LocalDate.parse(date));
            }
        }
        return new BusinessCalendar(days, dates);
    }

    /**
     * A SKU's supply: inbound lots from the columns {@code inbound_refs}, {@code inbound_dates},
     * {@code inbound_quantities}, {@code inbound_suppliers}, {@code inbound_allowances}, {@code inbound_confidences} and
     * {@code inbound_lateness} (each supplier's allowances of late lines, comma-separated);
     * the lead time from {@code lead_time_days}, {@code lead_supplier}, {@code lead_allowance} and
     * {@code lead_confidence}.
     *
     * @param percentile the catalog's target, which the suppliers' outlooks were read at
     */
    public static Supply supply(Row row, double percentile) {
        List<InboundLot> lots = new ArrayList<>();
        String[] refs = row.getArrayOfStrings("inbound_refs");
        if (refs != null) {
            LocalDate[] dates = row.getArrayOfLocalDates("inbound_dates");
            Integer[] quantities = row.getArrayOfIntegers("inbound_quantities");
            String[] suppliers = row.getArrayOfStrings("inbound_suppliers");
            Integer[] allowances = row.getArrayOfIntegers("inbound_allowances");
            Double[] confidences = row.getArrayOfDoubles("inbound_confidences");
            String[] lateness = row.getArrayOfStrings("inbound_lateness");
            for (int i = 0; i < refs.length; i++) {
                lots.add(new InboundLot(refs[i], dates[i], quantities[i], suppliers[i],
                        outlook(allowances[i], confidences[i], percentile, lateness == null ? null : lateness[i])));
            }
        }
        Integer leadTimeDays = row.getInteger("lead_time_days");
        LeadTime leadTime = leadTimeDays == null
                ? null
                : new LeadTime(leadTimeDays, row.getString("lead_supplier"),
                        outlook(row.getInteger("lead_allowance"), row.getDouble("lead_confidence"), percentile, null));
        return new Supply(lots, leadTime);
    }

    private static SupplierOutlook outlook(Integer allowance, Double confidence, double percentile, String lateness) {
        // a supplier without a row (or not yet assessed) gets the prior, which the calculator supplies
        if (allowance == null || confidence == null) {
            return null;
        }
        List<Integer> late = null;
        if (lateness != null) {
            late = new ArrayList<>();
            for (String value : lateness.split(",")) {
                if (!value.isEmpty()) {
                    late.add(Integer.parseInt(value));
                }
            }
        }
        return new SupplierOutlook(allowance, confidence, percentile, late);
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
