package io.aerie.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client's session: the timeout it asks for, the credentials it presents and a session to resume.
 * {@link Configuration} names the {@code aerie.client.*} properties and defaults; {@link Context} holds one client's
 * values. Composed by {@link AerieClient.Context#session()}.
 */
public final class ClientSession
{
    private ClientSession()
    {
    }

    /**
     * Property names and defaults of a client's session, each readable from an {@code aerie.client.*} system
     * property.
     */
    public static final class Configuration
    {
        /** Requested session timeout, ms (the cluster clamps it to its bounds). */
        public static final String SESSION_TIMEOUT_PROP_NAME = "aerie.client.session.timeout.ms";
        /** Default for {@link #SESSION_TIMEOUT_PROP_NAME}. */
        public static final int SESSION_TIMEOUT_DEFAULT = 10_000;
        /**
         * Digest credentials presented at connect, {@code user:password}, as ZooKeeper's
         * {@code addAuthInfo("digest", ...)}; unset for none.
         */
        public static final String DIGEST_AUTH_PROP_NAME = "aerie.client.auth.digest";

        private Configuration()
        {
        }

        /** @return {@link #SESSION_TIMEOUT_PROP_NAME} or its default, ms. */
        public static int sessionTimeoutMs()
        {
            return Integer.getInteger(SESSION_TIMEOUT_PROP_NAME, SESSION_TIMEOUT_DEFAULT);
        }

        /** @return {@link #DIGEST_AUTH_PROP_NAME}, or null for none. */
        public static String digestAuth()
        {
            return System.getProperty(DIGEST_AUTH_PROP_NAME);
        }
    }

    /**
     * One client's session settings. Fluent setters, same-named getters; not thread-safe: configure, then connect.
     */
    public static final class Context extends CopyableContext<Context>
    {
        private List<String> authSchemes = new ArrayList<>();
        private List<byte[]> authData = new ArrayList<>();
        private int sessionTimeoutMs = Configuration.sessionTimeoutMs();
        private String digestAuth = Configuration.digestAuth();
        private long resumeSessionId;
        private byte[] resumePassword;

        /**
         * Check the settings. Called by {@link AerieClient.Context#conclude()}.
         *
         * @return this.
         * @throws IllegalArgumentException if the session timeout is not positive.
         */
        public Context conclude()
        {
            if (sessionTimeoutMs <= 0)
            {
                throw new IllegalArgumentException("sessionTimeoutMs must be > 0: " + sessionTimeoutMs);
            }

            return this;
        }

        /** @return requested session timeout, ms. */
        public int sessionTimeoutMs()
        {
            return sessionTimeoutMs;
        }

        /** @param sessionTimeoutMs requested session timeout, ms. @return this. */
        public Context sessionTimeoutMs(final int sessionTimeoutMs)
        {
            this.sessionTimeoutMs = sessionTimeoutMs;
            return this;
        }

        /**
         * Add credentials to send with the ConnectRequest (and with every reconnect), as ZooKeeper's
         * {@code addAuthInfo} before the first request: {@code digest} with {@code user:password} bytes.
         *
         * @param scheme such as {@code digest}.
         * @param auth   the credentials; copied.
         * @return this.
         */
        public Context authInfo(final String scheme, final byte[] auth)
        {
            authSchemes.add(java.util.Objects.requireNonNull(scheme, "scheme"));
            authData.add(auth.clone());
            return this;
        }

        /** @return number of credentials given by {@link #authInfo(String, byte[])}. */
        public int authInfoCount()
        {
            return authSchemes.size();
        }

        /** @return scheme of credentials {@code index}. */
        public String authScheme(final int index)
        {
            return authSchemes.get(index);
        }

        /** @return the bytes of credentials {@code index}; a copy. */
        public byte[] authData(final int index)
        {
            return authData.get(index).clone();
        }

        /** @return digest credentials presented at connect, {@code user:password}, or null for none. */
        public String digestAuth()
        {
            return digestAuth;
        }

        /**
         * @param digestAuth {@code user:password} to authenticate as at connect with ZooKeeper's digest scheme (the
         *                   cluster keeps only {@code user:base64(sha1(user:password))}); null for none.
         * @return this.
         */
        public Context digestAuth(final String digestAuth)
        {
            this.digestAuth = digestAuth;
            return this;
        }

        /** @return the id of the session {@link AerieClient#connect(AerieClient.Context)} resumes, 0 to open a new one. */
        public long resumeSessionId()
        {
            return resumeSessionId;
        }

        /** @return the password of the session to resume, null when {@link #resumeSessionId()} is 0. */
        public byte[] resumePassword()
        {
            return resumePassword;
        }

        /**
         * Resume an existing session on connect instead of opening a new one, as a ZooKeeper client that reconnects to
         * another server with its session id and password (the ZooKeeper gateway uses it). Connect then fails with
         * {@code SESSION_EXPIRED} if the session no longer exists or the password does not match.
         *
         * @param sessionId the session's id; 0 to open a new session (the default).
         * @param password  the session's password, as {@link AerieClient#connect(AerieClient.Context)} received it; copied.
         * @return this.
         */
        public Context resumeSession(final long sessionId, final byte[] password)
        {
            this.resumeSessionId = sessionId;
            this.resumePassword = 0 == sessionId || null == password ? null : password.clone();
            return this;
        }

        long keepAliveIntervalNs(final int sessionTimeoutMs)
        {
            return TimeUnit.MILLISECONDS.toNanos(Math.max(1, sessionTimeoutMs / 3));
        }

        /**
         * A copy, to configure apart from this one (as Aeron's contexts); part of {@link AerieClient.Context#clone()}.
         *
         * @return the copy.
         */
        @Override
        public Context clone()
        {
            final Context copy = super.clone();
            copy.authSchemes = new ArrayList<>(authSchemes);
            copy.authData = new ArrayList<>(authData);
            return copy;
        }
    }
}
