package com.smilingsteps.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import com.smilingsteps.gateway.routing.RouteTable;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Token buckets per rule and caller (Bucket4j): the caller is the user for authenticated requests
 * and the client address for anonymous ones. Each rule refills its whole capacity over its period,
 * greedily, like the plan's "100 requests per 15 minutes". Buckets live in this gateway instance:
 * with N gateway replicas a caller can get up to N times the limit.
 */
public final class RateLimiter {

    public record Rule(String name, List<String> pathPrefixes, long capacity, Duration period) {
    }

    private final List<Rule> rules;
    private final Cache<String, Bucket> buckets;

    public RateLimiter(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        Duration longest = rules.stream().map(Rule::period).max(Duration::compareTo).orElse(Duration.ofMinutes(1));
        this.buckets = Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(longest).build();
    }


    /** Empty when allowed; otherwise how long the caller must wait, for Retry-After. */
    public Optional<Duration> check(String path, String caller) {
        Duration wait = null;
        for (Rule rule : rules) {
            if (rule.pathPrefixes().stream().noneMatch(prefix -> RouteTable.underPrefix(path, prefix))) {
                continue;
            }
            Bucket bucket = buckets.get(rule.name() + '|' + caller, key -> newBucket(rule));
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                Duration ruleWait = Duration.ofNanos(probe.getNanosToWaitForRefill());
                wait = wait == null || ruleWait.compareTo(wait) > 0 ? ruleWait : wait;
            }
        }
        return Optional.ofNullable(wait);
    }

    private static Bucket newBucket(Rule rule) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(rule.capacity()).refillGreedy(rule.capacity(), rule.period()).build())
                .build();
    }
}
