/**
 * Aerie sessions, ZooKeeper's notion: a session id with a negotiated timeout, bound to whichever Aeron
 * cluster session currently carries it, kept alive by requests and keepalives, and expired by log time.
 * A session outlives its connection: a client that reconnects (for example to a new leader) resumes it
 * with its id and password while it has not timed out.
 */
package io.aerie.engine.session;
