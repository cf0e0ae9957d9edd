package io.stockout.runtime.jobs;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.stockout.runtime.segment.Segmentation;

/**
 * Segments the SKUs of suppliers whose delivery history or lead time moved, when doing so right after the change failed.
 * Safe on several instances: a catalog is segmented under its segmentation lock, and a queue entry is removed only by the pass
 * that served it.
 */
@ApplicationScoped
public class SegmentationSweep {

    private static final String INTERVAL = "${quarkus.stockout.segmentation.sweep-interval}";

    private final Segmentation segmentation;

    public SegmentationSweep(Segmentation segmentation) {
        this.segmentation = segmentation;
    }

    @Scheduled(identity = "stockout-segmentation-sweep", every = INTERVAL, delayed = INTERVAL, concurrentExecution = SKIP)
    Uni<Void> sweep() {
        return segmentation.drainAll();
    }
}
