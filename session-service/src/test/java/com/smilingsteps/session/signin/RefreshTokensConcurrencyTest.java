package com.smilingsteps.session.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.smilingsteps.infra.embedded.EmbeddedMongo;

/**
 * Two tabs (or a victim and a thief) presenting one refresh token at the same instant, against
 * the embedded MongoDB-wire server both tests and the dev stack use: that server reads without
 * locks, so a conditional update is only as good as its implementation of findOneAndUpdate. At
 * most one presentation may ever get a successor; with more than one winner a stolen token
 * could be turned into a second live sign-in that the reuse rule never sees.
 */
class RefreshTokensConcurrencyTest {

    private static final int ROUNDS = 150;
    private static final int PRESENTERS = 6;

    @TempDir
    Path dataDir;

    /** What a test does with a store of refresh tokens: {@code collection} holds them, {@code pool} presents them. */
    private interface Rounds {
        void run(RefreshTokens tokens, MongoCollection<Document> collection, ExecutorService pool) throws Exception;
    }

    private void withTokens(String backend, Duration retryGrace, Rounds rounds) throws Exception {
        Supplier<EmbeddedMongo> start = "memory".equals(backend) ? EmbeddedMongo::inMemory
                : () -> EmbeddedMongo.persistent(dataDir.resolve("refresh.mv"), 0);
        ExecutorService pool = Executors.newFixedThreadPool(PRESENTERS);
        try (EmbeddedMongo mongo = start.get(); MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> collection = client.getDatabase("concurrency").getCollection(RefreshTokens.COLLECTION);
            rounds.run(new RefreshTokens(collection, Duration.ofDays(14), retryGrace, Clock.systemUTC()), collection, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0} backend")
    @ValueSource(strings = { "memory", "h2" })
    void concurrentPresentationsOfOneTokenNeverBothWin(String backend) throws Exception {
        withTokens(backend, Duration.ZERO, (tokens, collection, pool) -> {
            int contested = 0;
            for (int round = 0; round < ROUNDS; round++) {
                String presented = tokens.issue("user-" + round).value();
                List<RefreshTokens.Rotation> outcomes = presentTogether(pool, () -> tokens.rotate(presented));
                long winners = outcomes.stream().filter(RefreshTokens.Rotation::succeeded).count();
                assertTrue(winners <= 1, "round " + round + ": " + winners + " presentations of one token got a successor");
                if (winners == 1) {
                    // every loser saw a rotated token: the family is revoked, so the winner's successor is dead too
                    String successor = outcomes.stream().filter(RefreshTokens.Rotation::succeeded).findFirst()
                            .orElseThrow().next().value();
                    assertEquals(RefreshTokens.Failure.REVOKED, tokens.rotate(successor).failure(),
                            "round " + round + ": a successor outlived the reuse that revoked its family");
                    contested++;
                }
            }
            assertTrue(contested > 0, "no round had a winner: the test exercised nothing");
        });
    }

    /**
     * With the retry grace (a lost answer's token presented again), concurrent presentations may each
     * get a successor in turn, each superseding the one before: the family still never has two live
     * tokens, so a copy of the cookie never becomes a second sign-in.
     */
    @ParameterizedTest(name = "{0} backend")
    @ValueSource(strings = { "memory", "h2" })
    void concurrentPresentationsWithinTheRetryGraceNeverLeaveTwoLiveTokens(String backend) throws Exception {
        withTokens(backend, Duration.ofMinutes(1), (tokens, collection, pool) -> {
            int retried = 0;
            for (int round = 0; round < ROUNDS; round++) {
                RefreshTokens.Issued issued = tokens.issue("user-" + round);
                List<RefreshTokens.Rotation> outcomes = presentTogether(pool, () -> tokens.rotate(issued.value()));
                long live = collection.countDocuments(Filters.and(Filters.eq("familyId", issued.familyId()),
                        Filters.eq("rotatedAt", null), Filters.eq("revokedAt", null)));
                assertTrue(live <= 1, "round " + round + ": " + live + " live tokens in one sign-in");
                retried += (int) outcomes.stream().filter(RefreshTokens.Rotation::retried).count();
            }
            assertTrue(retried > 0, "no presentation was taken for a retry: the test exercised nothing");
        });
    }

    private static <T> List<T> presentTogether(ExecutorService pool, Callable<T> presentation) throws Exception {
        CountDownLatch ready = new CountDownLatch(PRESENTERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < PRESENTERS; i++) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return presentation.call();
            }));
        }
        ready.await();
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
