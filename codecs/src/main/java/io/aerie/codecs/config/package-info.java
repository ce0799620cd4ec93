/**
 * Configuration helpers every Aerie process shares (node, client, tools): {@link io.aerie.codecs.config.AerieProperties}
 * reports unknown or misspelt {@code aerie.*} properties, with the closest known name, and loads properties files.
 * Used once, when a context concludes; nothing here is on a hot path.
 */
package io.aerie.codecs.config;
