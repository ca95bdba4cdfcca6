package com.smilingsteps.session.web;

import org.bson.types.ObjectId;

import com.smilingsteps.kit.problem.ProblemException;

/** Path ids: anything that is not an ObjectId cannot name a stored record, so it is a 404. */
public final class ObjectIds {

    private ObjectIds() {
    }

    public static ObjectId parse(String id, String what) {
        if (id == null || !ObjectId.isValid(id)) {
            throw ProblemException.notFound(what);
        }
        return new ObjectId(id);
    }
}
