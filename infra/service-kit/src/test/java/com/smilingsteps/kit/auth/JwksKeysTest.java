package com.smilingsteps.kit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.JwksServer;
import com.smilingsteps.infra.testing.TestJwt;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Keys from a JWKS over real HTTP, fetched without blocking, under the same mp.jwt rules. */
class JwksKeysTest {

    private static final Duration MIN_REFETCH = Duration.ofSeconds(30);

    private final AtomicLong clock = new AtomicLong();
    private Vertx vertx;
    private JwksServer jwks;
    private JwksKeys keys;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        jwks = new JwksServer();
        JWTAuthContextInfo rules = new JWTAuthContextInfo(jwks.url(), TestJwt.ISSUER);
        rules.setExpectedAudience(Set.of(TestJwt.AUDIENCE));
        rules.setExpGracePeriodSecs(30);
        rules.setJwksRefreshInterval(60);
        keys = new JwksKeys(vertx, rules, MIN_REFETCH, clock::get);
    }

    @AfterEach
    void stop() {
        keys.close();
        jwks.close();
        vertx.close();
    }

    @Test
    void onceFetchedEveryTokenOfAKnownKeyIsVerifiedAtOnceWithoutAnotherFetch() throws Exception {
        await(keys.fetch());
        for (int i = 0; i < 20; i++) {
            String token = TestJwt.accessToken("user-" + i, "client");
            Future<JWTParser> parser = keys.parserFor(token);
            assertTrue(parser.isComplete(), "a known key's token waits for nothing");
            assertEquals("user-" + i, parser.result().parse(token).getSubject());
        }
        assertEquals(1, jwks.fetches());
    }

    @Test
    void theFirstTokenWaitsForTheKeysWhenNoneAreFetchedYet() throws Exception {
        String token = TestJwt.accessToken("client-1", "client");
        JsonWebToken jwt = await(keys.parserFor(token)).parse(token);
        assertEquals("client-1", jwt.getSubject());
        assertEquals(1, jwks.fetches());
        // custom claims read without an exception each (LeanClaimsPrincipalFactory)
        assertInstanceOf(LeanClaimsPrincipalFactory.LeanClaimsPrincipal.class, jwt);
    }

    @Test
    void aRotatedKeyIsFetchedWhenATokenFirstNamesIt() throws Exception {
        await(keys.fetch());
        jwks.rotate();
        clock.addAndGet(MIN_REFETCH.toNanos());
        String token = TestJwt.signedWithNextKey("client-1", "client");
        Future<JWTParser> parser = keys.parserFor(token);
        assertFalse(parser.isComplete(), "an unknown kid fetches the keys again");
        assertEquals("client-1", await(parser).parse(token).getSubject());
        assertEquals(2, jwks.fetches());
        String old = TestJwt.accessToken("client-2", "client");
        assertEquals("client-2", keys.parserFor(old).result().parse(old).getSubject(), "the old key stays valid");
    }

    @Test
    void aKeyTheJwksNoLongerPublishesIsRefusedOnceTheKeysAreFetchedAgain() throws Exception {
        await(keys.fetch());
        jwks.rotate();
        jwks.retireFirstKey();
        clock.addAndGet(MIN_REFETCH.toNanos());
        String next = TestJwt.signedWithNextKey("client-1", "client");
        assertEquals("client-1", await(keys.parserFor(next)).parse(next).getSubject());

        String old = TestJwt.accessToken("client-2", "client");
        JWTParser parser = await(keys.parserFor(old));
        assertThrows(ParseException.class, () -> parser.parse(old));
    }

    @Test
    void unknownKeyIdsFetchAtMostOncePerInterval() throws Exception {
        await(keys.fetch());
        String forged = TestJwt.signedWithNextKey("attacker", "admin");
        for (int i = 0; i < 50; i++) {
            JWTParser parser = await(keys.parserFor(forged));
            assertThrows(ParseException.class, () -> parser.parse(forged));
        }
        assertEquals(1, jwks.fetches(), "no fetch within the interval after the last");
        clock.addAndGet(MIN_REFETCH.toNanos());
        assertThrows(ParseException.class, () -> await(keys.parserFor(forged)).parse(forged));
        assertEquals(2, jwks.fetches(), "one fetch once the interval has passed");
    }

    @Test
    void keysMissingAtStartAreFetchedAgainOnATimerWithoutWaitingForAToken() throws Exception {
        jwks.fail();
        assertTrue(awaitFailure(keys.fetch()), "session-service not up yet");
        jwks.recover();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (jwks.fetches() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(2, jwks.fetches(), "fetched again about a second later");
        String token = TestJwt.accessToken("client-1", "client");
        long settled = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!keys.parserFor(token).isComplete() && System.nanoTime() < settled) {
            Thread.sleep(20);
        }
        assertTrue(keys.parserFor(token).isComplete(), "the first token finds the keys there");
        assertEquals("client-1", keys.parserFor(token).result().parse(token).getSubject());
        assertEquals(2, jwks.fetches());
    }

    /**
     * While session-service is down, tokens keep coming and each may fetch once a second. Their failed
     * fetches must not each start a chain of timed retries: those chains fetched on, even after the
     * keys came, and grew by one per second of outage.
     */
    @Test
    void failedFetchesWhileSessionServiceIsDownKeepOneRetryTimer() throws Exception {
        jwks.fail();
        assertTrue(awaitFailure(keys.fetch()), "session-service not up yet");
        for (int i = 0; i < 5; i++) {
            clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
            String token = TestJwt.accessToken("client-" + i, "client");
            assertTrue(awaitFailure(keys.parserFor(token)), "refused while there are no keys");
        }
        assertEquals(6, jwks.fetches());
        jwks.recover();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (jwks.fetches() < 7 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(7, jwks.fetches(), "the one timed retry fetched the keys");
        Thread.sleep(4500); // past the 2 s and 4 s retries a second chain would have made
        assertEquals(7, jwks.fetches(), "no retry once the keys are there");
    }

    /**
     * A token that missed the keys in its unlocked read, and reaches the lock once a fetch has brought
     * them: the held keys answer it, not a fetch begun since (a refresh, here one that fails), and a
     * token naming no key id takes any held key.
     */
    @Test
    void keysHeldAtTheLockAnswerATokenWithoutWaitingForAFetchBegunSince() throws Exception {
        await(keys.fetch());
        jwks.fail();
        jwks.hold();
        Future<?> refresh = keys.fetch();
        assertFalse(refresh.isComplete(), "the refresh is under way");

        assertTrue(keys.fetchUnlessRecent(TestJwt.KEY_ID).succeeded(), "a held kid: answered now");
        assertTrue(keys.fetchUnlessRecent(null).succeeded(), "no kid: answered now");
        jwks.release();
        assertTrue(awaitFailure(refresh));
        assertTrue(keys.fetchUnlessRecent(null).succeeded(), "no kid and no fetch under way: the kept keys");
        assertEquals(2, jwks.fetches());
    }

    @Test
    void theKeysStayWhenTheJwksUrlFails() throws Exception {
        await(keys.fetch());
        jwks.fail();
        clock.addAndGet(MIN_REFETCH.toNanos());
        assertTrue(awaitFailure(keys.fetch()));
        String token = TestJwt.accessToken("client-1", "client");
        assertEquals("client-1", keys.parserFor(token).result().parse(token).getSubject());
    }

    /**
     * session-service rotated its key and went down: a token naming the new kid cannot be checked, and
     * stays "unavailable" on the client's retry (it used to get the old keys within min-refetch, so a
     * refusal); it is verified a second after session-service is back.
     */
    @Test
    void aNewKeyIdStaysUnavailableWhileTheJwksIsDownAndVerifiesOnceItIsBack() throws Exception {
        await(keys.fetch());
        jwks.rotate();
        jwks.fail();
        clock.addAndGet(MIN_REFETCH.toNanos());
        String newKey = TestJwt.signedWithNextKey("client-1", "client");
        assertTrue(awaitFailure(keys.parserFor(newKey)));
        assertTrue(awaitFailure(keys.parserFor(newKey)), "within the second: no fetch, and still unavailable");
        assertEquals(2, jwks.fetches());
        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        assertTrue(awaitFailure(keys.parserFor(newKey)), "the retry after Retry-After: still unavailable, not refused");
        String known = TestJwt.accessToken("client-2", "client");
        assertEquals("client-2", await(keys.parserFor(known)).parse(known).getSubject(), "known keys still verify");

        jwks.recover();
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals("client-1", await(keys.parserFor(newKey)).parse(newKey).getSubject());
        assertEquals(4, jwks.fetches());
    }

    @Test
    void withoutKeysATokenIsRefusedNotHeldAndTheKeysAreFetchedASecondLater() throws Exception {
        jwks.fail();
        String token = TestJwt.accessToken("client-1", "client");
        assertTrue(awaitFailure(keys.parserFor(token)));
        assertTrue(awaitFailure(keys.parserFor(token)), "no second fetch within the second");
        assertEquals(1, jwks.fetches());

        jwks.recover();
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals("client-1", await(keys.parserFor(token)).parse(token).getSubject(),
                "without keys the wait is a second, not jwks-min-refetch");
    }

    @Test
    void theRemoteKeysKeepTheMpJwtRules() throws Exception {
        await(keys.fetch());
        for (String bad : List.of(TestJwt.expired("c", "client"), TestJwt.signedByAnotherKey("c", "client"),
                TestJwt.wrongAudience("c", "client"), TestJwt.algNone("c", "client"), TestJwt.hs256("c", "client"),
                TestJwt.sign(TestJwt.claims("c", "client").issuer("someone-else")))) {
            JWTParser parser = await(keys.parserFor(bad));
            assertThrows(ParseException.class, () -> parser.parse(bad));
        }
    }

    @Test
    void theKeyIdIsReadFromTheHeaderOnly() {
        assertEquals(TestJwt.KEY_ID, JwksKeys.keyId(TestJwt.accessToken("c", "client")));
        assertNull(JwksKeys.keyId("not a token"));
        assertNull(JwksKeys.keyId("e30.e30.x"), "a header without kid");
        assertNull(JwksKeys.keyId("%%%.e30.x"));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static boolean awaitFailure(Future<?> future) throws Exception {
        try {
            await(future);
            return false;
        } catch (java.util.concurrent.ExecutionException expected) {
            return true;
        }
    }
}
