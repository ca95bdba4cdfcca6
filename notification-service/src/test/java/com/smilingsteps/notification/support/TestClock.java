package com.smilingsteps.notification.support;

import java.time.Instant;

import jakarta.inject.Singleton;

import com.smilingsteps.infra.testing.SettableClock;

/** Replaces the service's system clock in tests: stands still where a test puts it. */
@Singleton
public class TestClock extends SettableClock {

    public TestClock() {
        super(Instant.now());
    }
}
