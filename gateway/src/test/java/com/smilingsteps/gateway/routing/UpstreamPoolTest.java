package com.smilingsteps.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.smilingsteps.gateway.routing.UpstreamPool.Instance;

class UpstreamPoolTest {

    private static final Instance A = new Instance("signaling-a", 8082);
    private static final Instance B = new Instance("signaling-b", 8082);
    private static final Instance C = new Instance("signaling-c", 8082);

    private final AtomicLong now = new AtomicLong();
    private final UpstreamPool pool = new UpstreamPool("signaling", 5_000, now::get);

    @Test
    void withoutAKeyInstancesTakeTurns() {
        pool.replaceInstances(List.of(A, B, C));
        assertEquals(List.of(A, B, C), pool.attemptOrder(null));
        assertEquals(List.of(B, C, A), pool.attemptOrder(""));
        assertEquals(List.of(C, A, B), pool.attemptOrder());
    }

    @Test
    void aKeyAlwaysGetsTheSameOrderAndKeysSpreadEvenly() {
        pool.replaceInstances(List.of(A, B, C));
        Map<Instance, Integer> first = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            String session = "session-" + i;
            List<Instance> order = pool.attemptOrder(session);
            assertEquals(3, order.size());
            assertEquals(order, pool.attemptOrder(session), session);
            first.merge(order.get(0), 1, Integer::sum);
        }
        for (Instance instance : List.of(A, B, C)) {
            int share = first.getOrDefault(instance, 0);
            assertTrue(share > 800 && share < 1_200, instance + " is first for " + share + " of 3,000 sessions");
        }
    }

    @Test
    void losingAnInstanceMovesOnlyItsOwnSessions() {
        pool.replaceInstances(List.of(A, B, C));
        Map<String, Instance> before = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            before.put("session-" + i, pool.attemptOrder("session-" + i).get(0));
        }
        pool.replaceInstances(List.of(A, C));
        before.forEach((session, instance) -> {
            if (!instance.equals(B)) {
                assertEquals(instance, pool.attemptOrder(session).get(0), session + " moved although its instance stayed");
            }
        });
    }

    @Test
    void anInstanceThatRefusedIsTriedLastUntilItsPenaltyEnds() {
        pool.replaceInstances(List.of(A, B, C));
        String session = "session-7";
        List<Instance> order = pool.attemptOrder(session);
        pool.markDown(order.get(0));
        List<Instance> whileDown = pool.attemptOrder(session);
        assertEquals(List.of(order.get(1), order.get(2), order.get(0)), whileDown);
        now.addAndGet(5_001);
        assertEquals(order, pool.attemptOrder(session));
        assertNotEquals(order, whileDown);
    }
}
