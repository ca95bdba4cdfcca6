package com.smilingsteps.notification.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.smilingsteps.notification.events.ProcessedEvents;

import io.quarkus.runtime.StartupEvent;

/** The service's MongoDB database and the stores on top of it. */
@ApplicationScoped
public class NotificationStores {

    @Produces
    @Singleton
    MongoDatabase database(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String name) {
        return client.getDatabase(name);
    }

    @Produces
    @Singleton
    EmailJobStore emailJobStore(MongoDatabase database) {
        return new EmailJobStore(database);
    }

    @Produces
    @Singleton
    ProcessedEvents processedEvents(MongoDatabase database) {
        return new ProcessedEvents(database);
    }

    void createIndexes(@Observes StartupEvent start, EmailJobStore store) {
        store.createIndexes();
    }
}
