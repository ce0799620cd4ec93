/**
 * The clustered service: Aeron Cluster delivers each client message through the log to
 * {@link io.aerie.engine.service.AerieClusteredService}, which decodes it, applies it to the tree and the
 * session table, and answers on the client's egress. The service dispatches; the handlers here turn SBE
 * requests into tree calls and tree results into SBE responses.
 */
package io.aerie.engine.service;
