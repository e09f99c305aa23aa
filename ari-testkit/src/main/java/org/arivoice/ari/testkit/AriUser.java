package org.arivoice.ari.testkit;

import java.util.Objects;

/**
 * An ARI user as {@code ari.conf} declares it. The password is kept out of {@link #toString()}.
 */
record AriUser(String name, String password, boolean readOnly) {
    AriUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        if (name.isEmpty() || name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("an ARI user name must be non-empty and contain no ':', was '" + name + "'");
        }
    }

    @Override
    public String toString() {
        return "AriUser[name=" + name + ", readOnly=" + readOnly + "]";
    }
}
