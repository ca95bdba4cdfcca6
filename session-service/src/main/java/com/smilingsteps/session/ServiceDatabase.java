package com.smilingsteps.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.mongodb.client.MongoDatabase;
import com.smilingsteps.session.account.User;

/**
 * The service's MongoDB database for the collections that have no Panache entity (indexes, slot
 * holds, quotas): the one the entities use, so {@code quarkus.mongodb.database} is read in one place.
 */
@ApplicationScoped
class ServiceDatabase {

    @Produces
    @Singleton
    MongoDatabase database() {
        return User.mongoDatabase();
    }
}
