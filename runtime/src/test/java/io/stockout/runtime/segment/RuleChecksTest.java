package io.stockout.runtime.segment;

import static io.stockout.OutOfStockPolicy.BACKORDER;
import static io.stockout.OutOfStockPolicy.SUBSTITUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stockout.LifeCycleStage;
import io.stockout.runtime.problem.StockoutProblem;
import io.stockout.runtime.segment.SegmentRule.Conditions;

class RuleChecksTest {

    private static Conditions onTime(Double atLeast, Double atMost) {
        return new Conditions(null, atLeast, atMost, null, null, null, null, null, null, null, null);
    }

    private static void refused(String field, String detail, SegmentRule... rules) {
        assertThatThrownBy(() -> RuleChecks.check(Arrays.asList(rules)))
                .isInstanceOfSatisfying(StockoutProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.field()).isEqualTo(field);
                    assertThat(problem.getMessage()).contains(detail);
                });
    }

    @Test
    void rulesThatCanMatchPass() {
        List<SegmentRule> rules = List.of(new SegmentRule("reliable", onTime(0.9, 1.0), BACKORDER),
                new SegmentRule("rest", null, SUBSTITUTE));

        assertThat(RuleChecks.check(rules)).isEqualTo(rules);
    }

    @Test
    void emptyConditionsAreStoredAsNone() {
        List<SegmentRule> checked = RuleChecks.check(List.of(new SegmentRule("rest", onTime(null, null), SUBSTITUTE)));

        assertThat(checked.get(0).when()).isNull();
    }

    @Test
    void namesThatReadAlikeAreRefused() {
        refused("[0].name", "ending with a space", new SegmentRule("x ", null, SUBSTITUTE));
        refused("[0].name", "single spaces", new SegmentRule("made  to order", null, SUBSTITUTE));
        refused("[0].name", "starting with", new SegmentRule(" x", null, SUBSTITUTE));
        assertThat(RuleChecks.check(List.of(new SegmentRule("made to order", null, SUBSTITUTE)))).hasSize(1);
        assertThat(RuleChecks.check(List.of(new SegmentRule("reliable-short_lead.v2", null, SUBSTITUTE)))).hasSize(1);
    }

    @Test
    void anEmptyListIsRefused() {
        assertThatThrownBy(() -> RuleChecks.check(List.of())).isInstanceOf(StockoutProblem.class)
                .hasMessageContaining("DELETE");
    }

    @Test
    void tooManyRulesAreRefused() {
        List<SegmentRule> rules = new ArrayList<>();
        for (int i = 0; i <= RuleChecks.MAX_RULES; i++) {
            rules.add(new SegmentRule("r" + i, onTime(0.5, null), BACKORDER));
        }
        assertThatThrownBy(() -> RuleChecks.check(rules)).isInstanceOf(StockoutProblem.class);
    }

    @Test
    void eachFaultNamesItsField() {
        refused("[0].name", "is required", new SegmentRule(null, null, BACKORDER));
        refused("[0].name", "letters", new SegmentRule("-dash-first", null, BACKORDER));
        refused("[0].action", "is required", new SegmentRule("a", null, null));
        refused("[1].name", "also the name of rule [0]", new SegmentRule("Same", onTime(0.5, null), BACKORDER),
                new SegmentRule("same", null, BACKORDER));
        refused("[0].when.onTimeShareAtLeast", "between 0.0 and 1.0", new SegmentRule("a", onTime(1.5, null), BACKORDER));
        refused("[0].when.onTimeShareAtMost", "could never match", new SegmentRule("a", onTime(0.9, 0.5), BACKORDER));
        refused("[0].when.stages", "at least one stage", new SegmentRule("a",
                new Conditions(List.of(), null, null, null, null, null, null, null, null, null, null), BACKORDER));
        refused("[0].when.stages[1]", "listed twice", new SegmentRule("a", new Conditions(
                List.of(LifeCycleStage.DECLINE, LifeCycleStage.DECLINE), null, null, null, null, null, null, null, null,
                null, null), BACKORDER));
        refused("[0].when.stages[0]", "must be one of", new SegmentRule("a", new Conditions(
                Arrays.asList((LifeCycleStage) null), null, null, null, null, null, null, null, null, null, null),
                BACKORDER));
        refused("[0].when.leadTimeDaysAtMost", "between 0 and 3650", new SegmentRule("a",
                new Conditions(null, null, null, null, -1, null, null, null, null, null, null), BACKORDER));
        refused("[0].when.leadTimeDaysAtMost", "could never match", new SegmentRule("a",
                new Conditions(null, null, null, 30, 14, null, null, null, null, null, null), BACKORDER));
        refused("[0].when.marginAtLeast", "between -1.0 and 1.0", new SegmentRule("a",
                new Conditions(null, null, null, null, null, null, -2.0, null, null, null, null), BACKORDER));
        refused("[0].when.holdingCostAtMost", "between 0.0 and 10.0", new SegmentRule("a",
                new Conditions(null, null, null, null, null, null, null, null, null, 11.0, null), BACKORDER));
        refused("[0].when.unknownSupplier", "no on-time share", new SegmentRule("a",
                new Conditions(null, 0.5, null, null, null, null, null, null, null, null, true), BACKORDER));
    }

    @Test
    void aRuleAfterOneThatMatchesEverySkuIsRefused() {
        refused("[1]", "can never match: rule [0] 'everything'", new SegmentRule("everything", null, BACKORDER),
                new SegmentRule("later", onTime(0.5, null), SUBSTITUTE));
    }
}
