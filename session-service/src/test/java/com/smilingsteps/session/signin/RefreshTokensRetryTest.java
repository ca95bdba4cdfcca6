package com.smilingsteps.session.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.smilingsteps.infra.embedded.EmbeddedMongo;
import com.smilingsteps.infra.testing.SettableClock;
import com.smilingsteps.session.signin.RefreshTokens.Failure;
import com.smilingsteps.session.signin.RefreshTokens.Rotation;

/**
 * A refresh whose answer never reached the phone (the connection dropped on the way) is presented
 * again with the token it already rotated. That is a retry, not a theft, while its successor was
 * never used and the grace has not passed; everything else still revokes the sign-in.
 */
class RefreshTokensRetryTest {

    private static final Duration GRACE = Duration.ofMinutes(1);

    private static EmbeddedMongo mongo;
    private static MongoClient client;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private RefreshTokens tokens;

    @BeforeAll
    static void startMongo() {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(mongo.connectionString());
    }

    @AfterAll
    static void stopMongo() {
        client.close();
        mongo.close();
    }

    @BeforeEach
    void freshCollection() {
        var collection = client.getDatabase("retry").getCollection(RefreshTokens.COLLECTION, Document.class);
        collection.drop();
        tokens = new RefreshTokens(collection, Duration.ofDays(14), GRACE, clock);
    }

    @Test
    void aRefreshWhoseAnswerWasLostIsRetriedWithTheSameTokenAndTheSignInGoesOn() {
        String first = tokens.issue("user-1").value();
        Rotation lost = tokens.rotate(first);
        assertTrue(lost.succeeded());

        clock.advance(Duration.ofSeconds(20));
        Rotation retried = tokens.rotate(first);
        assertTrue(retried.succeeded(), "the retry was taken for a theft: " + retried.failure());
        assertTrue(retried.retried());
        assertEquals(lost.familyId(), retried.familyId());
        // the phone holds the retry's token: the sign-in goes on with it
        Rotation next = tokens.rotate(retried.next().value());
        assertTrue(next.succeeded());
        assertFalse(next.retried());
        assertTrue(tokens.rotate(next.next().value()).succeeded());
    }

    @Test
    void theLostAnswersTokenPresentedAfterTheRetryIsAReuseAndRevokesTheSignIn() {
        // a thief replays the rotated token within the grace: the owner's next refresh exposes it
        String stolen = tokens.issue("user-2").value();
        Rotation owners = tokens.rotate(stolen);
        clock.advance(Duration.ofSeconds(5));
        Rotation thiefs = tokens.rotate(stolen);
        assertTrue(thiefs.succeeded());

        assertEquals(Failure.REUSED, tokens.rotate(owners.next().value()).failure());
        assertEquals(Failure.REVOKED, tokens.rotate(thiefs.next().value()).failure());
    }

    @Test
    void aRotatedTokenPresentedAfterTheGraceIsAReuse() {
        String first = tokens.issue("user-3").value();
        Rotation rotated = tokens.rotate(first);
        clock.advance(GRACE.plusSeconds(1));

        assertEquals(Failure.REUSED, tokens.rotate(first).failure());
        assertEquals(Failure.REVOKED, tokens.rotate(rotated.next().value()).failure());
    }

    @Test
    void aRotatedTokenPresentedAfterItsSuccessorWasUsedIsAReuseEvenWithinTheGrace() {
        String first = tokens.issue("user-4").value();
        Rotation rotated = tokens.rotate(first);
        Rotation used = tokens.rotate(rotated.next().value());
        assertTrue(used.succeeded());
        clock.advance(Duration.ofSeconds(10));

        assertEquals(Failure.REUSED, tokens.rotate(first).failure());
        assertEquals(Failure.REVOKED, tokens.rotate(used.next().value()).failure());
    }

    @Test
    void aSignOutDuringTheGraceIsNotUndoneByARetry() {
        String first = tokens.issue("user-5").value();
        tokens.rotate(first);
        tokens.revokeUser("user-5", "logout everywhere");

        assertEquals(Failure.REVOKED, tokens.rotate(first).failure());
    }
}
