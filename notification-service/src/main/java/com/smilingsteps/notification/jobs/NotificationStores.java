package com.smilingsteps.notification.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.smilingsteps.notification.config.NotificationConfig;
import com.smilingsteps.notification.events.ProcessedEvents;

import io.quarkus.runtime.StartupEvent;

/** The service's MongoDB database and the stores on top of it. */
@ApplicationScoped
public class NotificationStores {

    @Produces
    @Singleton
    MongoDatabase database(MongoClient client, NotificationConfig config) {
        return client.getDatabase(config.backends().database());
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
