/**
 * Protocol value types shared by the engine and the client: {@link io.aerie.codecs.model.Stat},
 * {@link io.aerie.codecs.model.AclList}, {@link io.aerie.codecs.model.NameList}, and strict UTF-8
 * helpers ({@link io.aerie.codecs.model.Utf8}). Reusable, mutable, allocation-free holders.
 */
package io.aerie.codecs.model;
