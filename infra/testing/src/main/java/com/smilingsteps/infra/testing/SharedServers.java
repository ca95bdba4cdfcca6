package com.smilingsteps.infra.testing;

import com.smilingsteps.infra.embedded.EmbeddedKafka;
import com.smilingsteps.infra.embedded.EmbeddedMongo;
import com.smilingsteps.infra.embedded.EmbeddedSmtp;

/**
 * One instance of each embedded server per test JVM, started on first use and stopped when the
 * JVM exits. Quarkus test resources and plain tests both reach the servers through here.
 */
public final class SharedServers {

    private static EmbeddedKafka kafka;
    private static EmbeddedMongo mongo;
    private static EmbeddedSmtp smtp;

    private SharedServers() {
    }

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.startTemporary();
            EmbeddedKafka started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-kafka-stop"));
        }
        return kafka;
    }

    public static synchronized EmbeddedMongo mongo() {
        if (mongo == null) {
            mongo = EmbeddedMongo.inMemory();
            EmbeddedMongo started = mongo;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-mongo-stop"));
        }
        return mongo;
    }

    public static synchronized EmbeddedSmtp smtp() {
        if (smtp == null) {
            smtp = EmbeddedSmtp.onFreePorts();
            EmbeddedSmtp started = smtp;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-smtp-stop"));
        }
        return smtp;
    }
}
