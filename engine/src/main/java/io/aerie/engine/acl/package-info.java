/**
 * Access control as ZooKeeper 3.9 defines it: the identities a session holds ({@link io.aerie.engine.acl.Identities},
 * state built from the log, kept in the session snapshot), how a session gains them
 * ({@link io.aerie.engine.acl.AuthSchemes}: {@code digest} credentials, the node's super digest), and the permission
 * check of a stored ACL against them ({@link io.aerie.engine.acl.AclCheck}: {@code world}, {@code digest},
 * {@code ip} with CIDR, {@code super}). Everything here is deterministic and, on the apply path, allocation free.
 */
package io.aerie.engine.acl;
