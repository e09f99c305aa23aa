package org.arivoice.it;

/**
 * A target that runs the project's own {@code asterisk/conf}: its users, Stasis application and dialplan
 * context are the well-known test values written there.
 */
abstract class ProjectConfiguredTarget implements AsteriskTarget {
    /** The read-write user of {@code ari.conf}. */
    static final String USER = "voicebot";
    /** Its password (a published test value). */
    static final String PASSWORD = "voicebot-secret";
    /** The read-only user of {@code ari.conf}. */
    static final String READER = "reader";
    /** Its password (a published test value). */
    static final String READER_PASSWORD = "reader-secret";
    /** The application {@code extensions.conf} sends calls to. */
    static final String APPLICATION = "arivoice-it";
    /** The test context of {@code extensions.conf}. */
    static final String CONTEXT = "arivoice-it";

    @Override
    public final String user() {
        return USER;
    }

    @Override
    public final String password() {
        return PASSWORD;
    }

    @Override
    public final String readOnlyUser() {
        return READER;
    }

    @Override
    public final String readOnlyPassword() {
        return READER_PASSWORD;
    }

    @Override
    public final String application() {
        return APPLICATION;
    }

    @Override
    public final String context() {
        return CONTEXT;
    }
}
