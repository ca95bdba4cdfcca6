package com.smilingsteps.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The instances of one service and the order in which to try them: round robin over instances
 * not known to be down, then the ones that recently refused a connection (they may be back).
 */
public final class UpstreamPool {

    public record Instance(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    private final String service;
    private final long downForNanos;
    private final LongSupplier nanoClock;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<Instance, Long> downUntil = new ConcurrentHashMap<>();
    private volatile List<Instance> instances = List.of();

    public UpstreamPool(String service, long downForNanos, LongSupplier nanoClock) {
        this.service = service;
        this.downForNanos = downForNanos;
        this.nanoClock = nanoClock;
    }

    public String service() {
        return service;
    }

    public void replaceInstances(List<Instance> resolved) {
        if (!resolved.isEmpty()) {
            instances = List.copyOf(resolved);
        }
    }

    public List<Instance> instances() {
        return instances;
    }

    /** Every instance once: healthy ones first, starting from the next in the rotation. */
    public List<Instance> attemptOrder() {
        List<Instance> current = instances;
        if (current.isEmpty()) {
            return List.of();
        }
        int start = Math.floorMod(next.getAndIncrement(), current.size());
        long now = nanoClock.getAsLong();
        List<Instance> healthy = new ArrayList<>(current.size());
        List<Instance> suspect = new ArrayList<>();
        for (int i = 0; i < current.size(); i++) {
            Instance instance = current.get((start + i) % current.size());
            Long until = downUntil.get(instance);
            if (until != null && until - now > 0) {
                suspect.add(instance);
            } else {
                healthy.add(instance);
            }
        }
        healthy.addAll(suspect);
        return healthy;
    }

    public void markDown(Instance instance) {
        downUntil.put(instance, nanoClock.getAsLong() + downForNanos);
    }

    public void markUp(Instance instance) {
        downUntil.remove(instance);
    }
}
