package com.smilingsteps.session.photo;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.bson.Document;
import org.bson.types.Binary;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.account.AccountService;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.web.Caller;
import com.smilingsteps.session.web.OwnOrAdmin;

/**
 * A psychologist's profile photo: uploaded by that psychologist or an admin (checked by {@link
 * PhotoCheck}, audited), served to anyone signed in with its checked type and {@code nosniff}, so
 * a browser never runs it as anything but an image.
 */
@Path("/api/psychologists/{id}/photo")
public class PhotoResource {

    private final AccountService accounts;
    private final Caller caller;
    private final OwnOrAdmin ownOrAdmin;

    public PhotoResource(AccountService accounts, Caller caller, OwnOrAdmin ownOrAdmin) {
        this.accounts = accounts;
        this.caller = caller;
        this.ownOrAdmin = ownOrAdmin;
    }

    public record Uploaded(String photo) {
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ User.PSYCHOLOGIST, User.ADMIN })
    public Uploaded upload(@PathParam("id") String id, @HeaderParam("Content-Type") String contentType, byte[] body) {
        User psychologist = requirePsychologist(id);
        ownOrAdmin.require("psychologist.photo", id, "photo");
        String type = PhotoCheck.require(body, contentType);
        Instant now = Instant.now();
        photos().replaceOne(Filters.eq("_id", id), new Document("_id", id).append("contentType", type)
                .append("data", new Binary(body)).append("updatedAt", now).append("updatedBy", caller.userId()),
                new ReplaceOptions().upsert(true));
        User.mongoCollection().updateOne(Filters.eq("_id", psychologist.id), Updates.set("photoUpdatedAt", now));
        psychologist.photoUpdatedAt = now;
        return new Uploaded(psychologist.photoUrl());
    }

    @GET
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public Response photo(@PathParam("id") String id) {
        requirePsychologist(id);
        Document found = photos().find(Filters.eq("_id", id)).first();
        if (found == null) {
            throw ProblemException.notFound("photo");
        }
        return Response.ok(found.get("data", Binary.class).getData(), found.getString("contentType"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header("Cache-Control", "private, max-age=86400").build();
    }

    private User requirePsychologist(String id) {
        return accounts.byId(id).filter(u -> User.PSYCHOLOGIST.equals(u.role))
                .orElseThrow(() -> ProblemException.notFound("psychologist"));
    }

    private static MongoCollection<Document> photos() {
        return User.mongoDatabase().getCollection("photos");
    }
}
