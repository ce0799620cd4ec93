/**
 * Access control lists: the {@link io.aerie.engine.acl.AclList} value type (ZooKeeper's scheme, id and
 * permission bits) in a canonical byte form, and the rules an ACL must obey to be stored.
 * <p>
 * Identical lists share one stored copy, reference counted by the tree. Checking a request's identity
 * against a node's ACL ({@code NoAuth}) lands with authenticated sessions.
 */
package io.aerie.engine.acl;
