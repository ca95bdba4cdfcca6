package com.smilingsteps.gateway.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The instances of one service and the order in which to try them: round robin over instances
 * not known to be down, then the ones that recently refused a connection (they may be back). A
 * request with an affinity key (signaling's session id) gets an order that is the same for every
 * request with that key (rendezvous hashing), so a call's peers meet on one instance and an
 * instance that goes away moves only its own keys.
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
        List<Instance> rotated = new ArrayList<>(current.size());
        for (int i = 0; i < current.size(); i++) {
            rotated.add(current.get((start + i) % current.size()));
        }
        return healthyFirst(rotated);
    }

    /**
     * Every instance once, in the order the key ranks them (highest hash of key and instance
     * first), healthy ones first; the plain rotation when there is no key.
     */
    public List<Instance> attemptOrder(String affinityKey) {
        if (affinityKey == null || affinityKey.isEmpty()) {
            return attemptOrder();
        }
        List<Instance> ranked = new ArrayList<>(instances);
        ranked.sort(Comparator.comparingLong((Instance instance) -> rank(affinityKey, instance)).reversed());
        return healthyFirst(ranked);
    }

    private List<Instance> healthyFirst(List<Instance> ordered) {
        long now = nanoClock.getAsLong();
        List<Instance> healthy = new ArrayList<>(ordered.size());
        List<Instance> suspect = new ArrayList<>();
        for (Instance instance : ordered) {
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

    /** A well-mixed 64-bit hash of key and instance (FNV-1a, then a finaliser): stable across gateways. */
    static long rank(String key, Instance instance) {
        long hash = 0xcbf29ce484222325L;
        String text = key + '\n' + instance.host() + ':' + instance.port();
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return hash;
    }

    public void markDown(Instance instance) {
        downUntil.put(instance, nanoClock.getAsLong() + downForNanos);
    }

    public void markUp(Instance instance) {
        downUntil.remove(instance);
    }
}
