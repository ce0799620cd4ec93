/**
 * Protocol value types shared by the engine and the client: {@link io.aerie.codecs.model.Stat},
 * {@link io.aerie.codecs.model.AclList}, {@link io.aerie.codecs.model.NameList}, and strict UTF-8
 * helpers ({@link io.aerie.codecs.model.Utf8}). Reusable, mutable, allocation-free holders; and the one 64-bit
 * hash of bytes the digests and path tables share ({@link io.aerie.codecs.model.Fnv1a}).
 */
package io.aerie.codecs.model;
