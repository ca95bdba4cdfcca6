package com.smilingsteps.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A MongoDB wire-protocol server (mongo-java-server): in memory for tests, persisted to an H2
 * MVStore file for the dev stack. It has no multi-document transactions, change streams or TTL
 * indexes, so the services keep each state change to one document.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongo(MongoBackend backend, int port) {
        this.server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        this.address = server.getLocalAddress();
    }

    public static EmbeddedMongo inMemory() {
        return new EmbeddedMongo(new MemoryBackend().version(ServerVersion.MONGO_5_0), FreePorts.next());
    }

    /** Persists every database to {@code file}; a later start on the same file sees the same data. */
    public static EmbeddedMongo persistent(Path file, int port) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        H2Backend backend = new H2Backend(file.toAbsolutePath().toString());
        backend.version(ServerVersion.MONGO_5_0);
        return new EmbeddedMongo(backend, port);
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    public int port() {
        return address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
