package io.stockout.deployment;

import java.util.Set;
import java.util.function.BooleanSupplier;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.ExcludedTypeBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceDirectoryBuildItem;
import io.quarkus.hibernate.orm.deployment.spi.AdditionalJpaModelBuildItem;
import io.stockout.StockoutBuildTimeConfig;
import io.stockout.runtime.access.ApiKeyIdentityProvider;
import io.stockout.runtime.access.ApiKeyMechanism;
import io.stockout.runtime.access.ApiKeyResource;
import io.stockout.runtime.access.ApiKeys;
import io.stockout.runtime.access.CatalogAccess;
import io.stockout.runtime.audit.AuditResource;
import io.stockout.runtime.availability.AvailabilityResource;
import io.stockout.runtime.backorder.BackorderResource;
import io.stockout.runtime.cache.CacheListener;
import io.stockout.runtime.cart.CartResource;
import io.stockout.runtime.catalog.CatalogEntity;
import io.stockout.runtime.delivery.Deliveries;
import io.stockout.runtime.delivery.Subscriptions;
import io.stockout.runtime.health.StockoutReadinessCheck;
import io.stockout.runtime.health.StockoutToleranceCheck;
import io.stockout.runtime.jobs.HoldExpiry;
import io.stockout.runtime.jobs.MetricsCheck;
import io.stockout.runtime.jobs.PromiseReview;
import io.stockout.runtime.jobs.SegmentationSweep;
import io.stockout.runtime.jobs.StockReconciliation;
import io.stockout.runtime.jobs.StockWatch;
import io.stockout.runtime.loading.LoadingResource;
import io.stockout.runtime.loading.LoadingService;
import io.stockout.runtime.metrics.CounterFlush;
import io.stockout.runtime.metrics.MetricsResource;
import io.stockout.runtime.metrics.StockoutMeters;
import io.stockout.runtime.order.OrderResource;
import io.stockout.runtime.outbox.OutboxResource;
import io.stockout.runtime.problem.HttpRefusals;
import io.stockout.runtime.problem.StockoutProblemMapper;
import io.stockout.runtime.reference.ReferenceResource;
import io.stockout.runtime.schema.StockoutSchema;
import io.stockout.runtime.segment.SegmentationResource;
import io.stockout.runtime.supply.SupplyResource;
import io.stockout.runtime.time.ClockProducer;
import io.stockout.runtime.tolerance.ToleranceResource;
import io.stockout.runtime.webhook.DeliverySweep;
import io.stockout.runtime.webhook.WebhookSecretResource;

class StockoutProcessor {

    static final String FEATURE = "stockout";
    private static final String PERSISTENCE_UNIT = "<default>";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** The runtime jar is not in the application's index: without this its endpoints and entities go unseen. */
    @BuildStep
    IndexDependencyBuildItem indexRuntime() {
        return new IndexDependencyBuildItem("io.stockout", "quarkus-stockout");
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(AvailabilityResource.class, CartResource.class, OrderResource.class,
                        LoadingResource.class, LoadingService.class, StockoutProblemMapper.class, StockoutSchema.class,
                        ClockProducer.class, HoldExpiry.class, PromiseReview.class, StockReconciliation.class,
                        SupplyResource.class,
                        BackorderResource.class, OutboxResource.class, MetricsResource.class, CounterFlush.class,
                        ToleranceResource.class, MetricsCheck.class, StockWatch.class, Subscriptions.class,
                        Deliveries.class, WebhookSecretResource.class, DeliverySweep.class, ApiKeys.class,
                        ApiKeyMechanism.class, ApiKeyIdentityProvider.class, CatalogAccess.class, ApiKeyResource.class,
                        AuditResource.class, SegmentationResource.class, SegmentationSweep.class, CacheListener.class,
                        ReferenceResource.class, HttpRefusals.class)
                .setUnremovable()
                .build();
    }

    @BuildStep
    AdditionalJpaModelBuildItem entities() {
        return new AdditionalJpaModelBuildItem(CatalogEntity.class.getName(), Set.of(PERSISTENCE_UNIT));
    }

    @BuildStep
    NativeImageResourceDirectoryBuildItem migrations() {
        return new NativeImageResourceDirectoryBuildItem("db/stockout");
    }

    @BuildStep(onlyIfNot = HealthEnabled.class)
    void withoutHealthChecks(BuildProducer<ExcludedTypeBuildItem> excluded) {
        excluded.produce(new ExcludedTypeBuildItem(StockoutReadinessCheck.class.getName()));
        excluded.produce(new ExcludedTypeBuildItem(StockoutToleranceCheck.class.getName()));
    }

    /** Backorder meters need Micrometer, which the application may not have. */
    @BuildStep
    void meters(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<ExcludedTypeBuildItem> excluded) {
        // the metrics capability is Micrometer's in Quarkus 3; the class check keeps out any other metrics extension
        if (capabilities.isPresent(Capability.METRICS)
                && QuarkusClassLoader.isClassPresentAtRuntime("io.micrometer.core.instrument.MeterRegistry")) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(StockoutMeters.class));
        } else {
            excluded.produce(new ExcludedTypeBuildItem(StockoutMeters.class.getName()));
        }
    }

    static final class HealthEnabled implements BooleanSupplier {

        private final StockoutBuildTimeConfig config;

        HealthEnabled(StockoutBuildTimeConfig config) {
            this.config = config;
        }

        @Override
        public boolean getAsBoolean() {
            return config.health().enabled();
        }
    }
}
