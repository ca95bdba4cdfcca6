package com.smilingsteps.session.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.smilingsteps.session.account.PasswordChanged;

/** Records the PasswordChanged events the service fires (what revokes sign-ins listens to them the same way). */
@ApplicationScoped
public class PasswordChanges {

    private final List<String> userIds = new CopyOnWriteArrayList<>();

    void on(@Observes PasswordChanged event) {
        userIds.add(event.userId());
    }

    public long of(String userId) {
        return userIds.stream().filter(userId::equals).count();
    }
}
