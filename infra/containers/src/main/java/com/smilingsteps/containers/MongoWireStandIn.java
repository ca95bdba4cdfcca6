package com.smilingsteps.containers;

import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The stand-in for the {@code mongodb} container: the MongoDB-wire server on 0.0.0.0:27017, keeping
 * every database in one H2 file on the {@code mongodb-data} volume (so a restart, a backup and a
 * restore keep the data, as with mongod).
 */
public final class MongoWireStandIn {

    private MongoWireStandIn() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "/data/db/mongo-wire.mv.db");
        Files.createDirectories(file.getParent());
        H2Backend backend = new H2Backend(file.toString());
        backend.version(ServerVersion.MONGO_5_0);
        MongoServer server = new MongoServer(backend);
        server.bind("0.0.0.0", 27017);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
        System.out.println("MongoDB-wire server on 0.0.0.0:27017, data in " + file);
        Thread.currentThread().join();
    }
}
