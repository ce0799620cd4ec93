/**
 * The {@code aerie} command line: start a node or a local cluster, the interactive shell and cluster admin.
 * Not yet implemented: it arrives with the cluster and tools issues; this module exists so the reactor has
 * its final shape.
 */
package io.aerie.tools;
