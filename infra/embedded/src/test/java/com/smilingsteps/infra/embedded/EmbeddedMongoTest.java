package com.smilingsteps.infra.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

class EmbeddedMongoTest {

    @Test
    void persistentServerKeepsDocumentsAcrossARestart() throws Exception {
        Path file = Files.createTempDirectory("mongo-test-").resolve("data.mv");
        int port = FreePorts.next();
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file, port);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            client.getDatabase("sessions").getCollection("users").insertOne(new Document("email", "a@example.test"));
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file, port);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            Document found = client.getDatabase("sessions").getCollection("users").find().first();
            assertEquals("a@example.test", found.getString("email"));
        }
    }
}
